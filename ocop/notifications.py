"""OCOP certificate news: mentors hear of new certificates, members of decisions and coming expiry.

Each is announced once: an event's notified_at, or a certificate's reminded_<days>_at, is set in the
same transaction that announces it, under a row lock.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import Announcement, announce, deliver, notify_once
from notifications.topics import Topic
from shops.selectors import members_to_tell, mentors_to_tell

from .models import CertificateEvent, CertificateStatus, OcopCertificate


def _certificate_announcements(event: CertificateEvent) -> list[Announcement]:
    certificate = event.certificate
    shop = certificate.shop
    if event.to_status == CertificateStatus.PENDING:
        recipients = mentors_to_tell(province_code=shop.province_code)
        topic, path = Topic.REVIEW_QUEUE, reverse("mentor:certificate", kwargs={"pk": certificate.pk})
    else:
        recipients, topic, path = (
            members_to_tell(shop=shop),
            Topic.CERTIFICATES,
            reverse("seller:certificates"),
        )
    return [
        Announcement(
            source=f"certificate:{event.pk}",
            topic=topic,
            template=f"ocop/emails/certificate_{event.to_status}",
            path=path,
            recipients=recipients,
            context={"event": event, "certificate": certificate, "shop": shop},
        )
    ]


def notify_certificate_event(*, event_id: int) -> int:
    return notify_once(
        CertificateEvent.objects.select_related("certificate__shop", "actor"),
        pk=event_id,
        announcements=_certificate_announcements,
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
        notifications = announce(
            Announcement(
                source=f"certificate-reminder:{certificate.pk}:{certificate.expires_on}:{days}",
                topic=Topic.CERTIFICATES,
                template="ocop/emails/certificate_reminder",
                path=reverse("seller:certificates"),
                recipients=members_to_tell(shop=certificate.shop),
                context={
                    "certificate": certificate,
                    "shop": certificate.shop,
                    "days_left": (certificate.expires_on - today).days,
                },
            )
        )
        now = timezone.now()
        certificate.reminded_30_at = now if days == 30 else certificate.reminded_30_at
        certificate.reminded_60_at = certificate.reminded_60_at or now
        certificate.save(update_fields=["reminded_30_at", "reminded_60_at"])
    for notification in notifications:
        deliver(notification_id=notification.pk)
    return True
