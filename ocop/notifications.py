"""Emails about OCOP certificates: mentors hear of new ones, members of decisions and coming expiry.

Each email is sent once: an event's notified_at, or a certificate's reminded_<days>_at, is set in
the same transaction that sends it, under a row lock.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.mail import send_email, send_once
from shops.selectors import member_emails, mentor_emails

from .models import CertificateEvent, CertificateStatus, OcopCertificate


def _send_certificate_event(event: CertificateEvent) -> int:
    certificate = event.certificate
    if event.to_status == CertificateStatus.PENDING:
        emails = mentor_emails(province_code=certificate.shop.province_code)
        path = reverse("mentor:certificate", kwargs={"pk": certificate.pk})
    else:
        emails = member_emails(shop=certificate.shop)
        path = reverse("seller:certificates")
    return send_email(
        template=f"ocop/emails/certificate_{event.to_status}",
        context={"event": event, "certificate": certificate, "shop": certificate.shop},
        emails=emails,
        path=path,
    )


def notify_certificate_event(*, event_id: int) -> int:
    return send_once(
        CertificateEvent.objects.select_related("certificate__shop", "actor"),
        pk=event_id,
        send=_send_certificate_event,
    )


def certificates_due_reminder(*, today: datetime.date, days: int):
    """Verified certificates expiring within `days` whose reminder for that window is not sent yet."""
    return OcopCertificate.objects.filter(
        status=CertificateStatus.VERIFIED,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=days),
        **{f"reminded_{days}_at": None},
    )


def send_expiry_reminder(*, certificate_id: int, days: int, today: datetime.date) -> bool:
    """Remind the shop once per window; the 30-day reminder also stands for a 60-day one not yet sent."""
    with transaction.atomic():
        certificate = (
            certificates_due_reminder(today=today, days=days)
            .select_for_update(of=("self",))
            .select_related("shop")
            .filter(pk=certificate_id)
            .first()
        )
        if certificate is None:
            return False
        send_email(
            template="ocop/emails/certificate_reminder",
            context={
                "certificate": certificate,
                "shop": certificate.shop,
                "days_left": (certificate.expires_on - today).days,
            },
            emails=member_emails(shop=certificate.shop),
            path=reverse("seller:certificates"),
        )
        now = timezone.now()
        certificate.reminded_30_at = now if days == 30 else certificate.reminded_30_at
        certificate.reminded_60_at = certificate.reminded_60_at or now
        certificate.save(update_fields=["reminded_30_at", "reminded_60_at"])
    return True
