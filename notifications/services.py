"""Every notification the marketplace sends goes through here: `announce` turns an event into one
notification per person (her inbox), and `deliver` sends each on the channels she has and wants.

The apps that own events (shops, ocop, order, payments, catalogue) build Announcements; they never
send an email or a text themselves.
"""

import logging
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import channels
from .models import Delivery, DeliveryStatus, Notification, Preference, PushSubscription
from .push import endpoint_digest
from .selectors import forget_unread_counts
from .topics import DEFAULT_CHANNELS, Channel

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # a send that fails cleanly is tried again by the sweep (tasks.py), this many times
SUBJECT_PREFIX = "[Chợ Sen] "


@dataclass(frozen=True)
class Recipient:
    """A person to tell: an account, or a buyer's phone and email from her order."""

    user_id: int | None = None
    email: str = ""
    phone: str = ""

    @classmethod
    def person(cls, user) -> "Recipient":
        return cls(user_id=user.pk, email=user.email or "", phone=user.phone or "")

    @property
    def key(self) -> str:
        if self.user_id:
            return f"user:{self.user_id}"
        return f"contact:{self.phone}:{self.email.lower()}"


@dataclass
class Announcement:
    """One event for some people. `template` names `<template>_subject.txt` and `_body.txt` (the
    email) and `_short.txt` (one line: the inbox headline, the push title, the text message)."""

    source: str  # the event, e.g. "shop-review:12": with the person, what makes it once only
    topic: str
    template: str
    path: str  # the page where she acts on it
    recipients: Iterable[Recipient]
    context: dict = field(default_factory=dict)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def announce(announcement: Announcement) -> list[Notification]:
    """The announcement's notifications, one per person; an event announced again makes none."""
    recipients = {recipient.key: recipient for recipient in announcement.recipients}
    if not recipients:
        return []
    context = {**announcement.context, "url": channels.site_url(announcement.path)}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _one_line(render_to_string(f"{announcement.template}_subject.txt", context))
        body = render_to_string(f"{announcement.template}_body.txt", context)
        headline = _one_line(render_to_string(f"{announcement.template}_short.txt", context))
    made = []
    for key, recipient in recipients.items():
        notification, created = Notification.objects.get_or_create(
            source=announcement.source,
            recipient_key=key,
            defaults={
                "user_id": recipient.user_id,
                "email": recipient.email,
                "phone": recipient.phone,
                "topic": announcement.topic,
                "headline": headline[:200],
                "summary": subject.removeprefix(SUBJECT_PREFIX)[:300],
                "path": announcement.path,
                "email_subject": subject[:250],
                "email_body": body,
            },
        )
        if created:
            made.append(notification)
    forget_unread_counts(user_ids={n.user_id for n in made if n.user_id})
    return made


def deliver(*, notification_id: int) -> int:
    """Send the notification on each channel not yet tried; the number of channels that took it."""
    notification = Notification.objects.filter(pk=notification_id, delivered_at=None).first()
    if notification is None:
        return 0
    sent = sum(_deliver_on(notification, channel) for channel in Channel)
    unfinished = Delivery.objects.filter(notification=notification).filter(
        models.Q(status=DeliveryStatus.PENDING)
        | models.Q(status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
    )
    if not unfinished.exists():
        Notification.objects.filter(pk=notification.pk).update(delivered_at=timezone.now())
    return sent


def _deliver_on(notification: Notification, channel: str) -> bool:
    reason = channels.why_not(notification, channel)
    delivery, _created = Delivery.objects.get_or_create(
        notification=notification,
        channel=channel,
        defaults={"status": DeliveryStatus.SKIPPED if reason else DeliveryStatus.PENDING, "detail": reason},
    )
    # The claim: only one worker moves this row to "sending", and only from a state that sent nothing.
    claimed = Delivery.objects.filter(
        pk=delivery.pk,
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
        attempts__lt=MAX_ATTEMPTS,
    ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now())
    if not claimed:
        return False
    try:
        outcome = _send(notification, channel, delivery_id=delivery.pk)
    except Exception:  # a bug, not a refusal: logged, and never tried again (it may have gone out)
        logger.exception("notification %s on %s", notification.pk, channel)
        outcome = channels.Outcome(sent=False, detail="error")
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT if outcome.sent else DeliveryStatus.FAILED,
        detail=outcome.detail[:300],
        attempts=F("attempts") if outcome.sent or outcome.retry else MAX_ATTEMPTS,
        updated_at=timezone.now(),
    )
    return outcome.sent


def _send(notification: Notification, channel: str, *, delivery_id: int) -> channels.Outcome:
    if channel == Channel.EMAIL:
        return channels.send_email(notification)
    if channel == Channel.PUSH:
        return channels.send_push(notification)
    return channels.send_sms(notification, delivery_id=delivery_id)


def notify_once(
    records: models.QuerySet, *, pk: int, announcements: Callable[[models.Model], list[Announcement]]
) -> int:
    """Announce what a record (an event, a hide) says, once: its `notified_at` is set in the same
    transaction, under its row lock. Delivery follows the commit, so a slow gateway holds no lock;
    whatever a crash leaves undelivered, the sweep (tasks.deliver_unfinished) sends."""
    with transaction.atomic():
        record = records.select_for_update(of=("self",)).filter(pk=pk, notified_at=None).first()
        if record is None:
            return 0
        notifications = [n for announcement in announcements(record) for n in announce(announcement)]
        record.notified_at = timezone.now()
        record.save(update_fields=["notified_at"])
    return sum(deliver(notification_id=notification.pk) for notification in notifications)


def mark_read(*, user_id: int, notification_ids: Iterable[int] | None = None) -> int:
    """Her unread notifications (those of `notification_ids`, or all) marked read."""
    unread = Notification.objects.filter(user_id=user_id, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    count = unread.update(read_at=timezone.now())
    if count:
        forget_unread_counts(user_ids={user_id})
    return count


def open_short_link(*, code: str) -> Notification | None:
    """The notification a short link stands for, now read: the link is in her message alone."""
    notification = Notification.objects.filter(short_code=code).first()
    if notification is not None and notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
        if notification.user_id:
            forget_unread_counts(user_ids={notification.user_id})
    return notification


def subscribe_push(*, user_id: int, endpoint: str, p256dh: str, auth: str, user_agent: str = "") -> None:
    """Her browser's subscription, kept once however often the page sends it; a subscription that
    moved to another account on a shared phone follows the person now signed in."""
    values = {"user_id": user_id, "endpoint": endpoint, "p256dh": p256dh, "auth": auth}
    with suppress(IntegrityError):  # two requests of the same browser at once: the other one kept it
        PushSubscription.objects.update_or_create(
            endpoint_digest=endpoint_digest(endpoint), defaults={**values, "user_agent": user_agent[:300]}
        )


def unsubscribe_push(*, user_id: int, endpoint: str) -> None:
    PushSubscription.objects.filter(user_id=user_id, endpoint_digest=endpoint_digest(endpoint)).delete()


def choose_channels(*, user_id: int, chosen: dict[str, set[str]]) -> None:
    """Her channels for each topic in `chosen`; only choices that differ from the default are kept."""
    for topic, wanted in chosen.items():
        for channel in Channel:
            enabled = channel in wanted
            if enabled == (channel in DEFAULT_CHANNELS[topic]):
                Preference.objects.filter(user_id=user_id, topic=topic, channel=channel).delete()
            else:
                Preference.objects.update_or_create(
                    user_id=user_id, topic=topic, channel=channel, defaults={"enabled": enabled}
                )
