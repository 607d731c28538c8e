"""Emails about a shop's review: mentors hear of new applications, members hear of each decision."""

import logging

from django.urls import reverse

from marketplace.mail import messages_for, send_messages, send_once, site_url

from .models import ShopReviewEvent, ShopStatus
from .selectors import member_emails, mentor_emails

logger = logging.getLogger(__name__)


def _recipients(event: ShopReviewEvent) -> tuple[list[str], str]:
    """(email addresses, the page they act on) for this event."""
    shop = event.shop
    if event.to_status == ShopStatus.SUBMITTED:
        return mentor_emails(province_code=shop.province_code), reverse("mentor:shop", kwargs={"pk": shop.pk})
    return member_emails(shop=shop), reverse("seller:home")


def _send(event: ShopReviewEvent) -> int:
    emails, path = _recipients(event)
    if not emails:
        logger.info("review event %s: nobody to email (members without email?)", event.pk)
    context = {
        "event": event,
        "shop": event.shop,
        "url": site_url(path),
        "reinstated": event.from_status == ShopStatus.SUSPENDED,
        "field_comments": event.labelled_field_comments(),
    }
    return send_messages(messages_for(f"shops/emails/{event.to_status}", context, emails))


def notify_review_event(*, event_id: int) -> int:
    """Send the event's emails once; a redelivered task finds notified_at set and sends nothing."""
    return send_once(ShopReviewEvent.objects.select_related("shop", "actor"), pk=event_id, send=_send)
