"""Emails about a shop's review: mentors hear of new applications, members hear of each decision."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import MentorProvince, ShopReviewEvent, ShopStatus

logger = logging.getLogger(__name__)


def _recipients(event: ShopReviewEvent) -> tuple[list[str], str]:
    """(email addresses, the page they act on) for this event."""
    shop = event.shop
    if event.to_status == ShopStatus.SUBMITTED:
        mentors = get_user_model().objects.filter(
            pk__in=MentorProvince.objects.filter(province_code=shop.province_code).values("mentor")
        )
        if not mentors.exists():  # nobody assigned to the province yet: union staff step in
            mentors = get_user_model().objects.filter(is_staff=True, is_active=True)
        emails = mentors.filter(is_active=True).exclude(email=None).values_list("email", flat=True)
        return list(emails), reverse("mentor:shop", kwargs={"pk": shop.pk})
    emails = shop.members.filter(is_active=True).exclude(email=None).values_list("email", flat=True)
    return list(emails), reverse("seller:home")


def notify_review_event(*, event_id: int) -> int:
    """Send the event's emails once; a redelivered task finds notified_at set and sends nothing."""
    with transaction.atomic():
        event = (
            ShopReviewEvent.objects.select_for_update(of=("self",))
            .select_related("shop", "actor")
            .filter(pk=event_id, notified_at=None)
            .first()
        )
        if event is None:
            return 0
        emails, path = _recipients(event)
        context = {
            "event": event,
            "shop": event.shop,
            "url": settings.SITE_URL.rstrip("/") + path,
            "reinstated": event.from_status == ShopStatus.SUSPENDED,
            "field_comments": event.labelled_field_comments(),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"shops/emails/{event.to_status}_subject.txt", context)
            body = render_to_string(f"shops/emails/{event.to_status}_body.txt", context)
        messages = [
            (" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails
        ]
        sent = send_mass_mail(messages, fail_silently=False) if messages else 0
        if not messages:
            logger.info("review event %s: nobody to email (members without email?)", event_id)
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return sent
