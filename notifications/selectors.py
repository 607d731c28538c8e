"""Reads of her notifications: the inbox, the unread count (cached, a hole in cached pages) and her
channel preferences."""

from django.core.cache import cache
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import npgettext

from .models import Notification, Preference, PushSubscription
from .topics import DEFAULT_CHANNELS

UNREAD_TIMEOUT = 24 * 60 * 60  # a safety net: every new or read notification recounts


def unread_cache_key(user_id: int) -> str:
    return f"inbox-unread:{user_id}"


def _count_unread(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at=None).count()


def unread_count(*, user_id: int, cached: dict | None = None) -> int:
    """Her unread notifications, from the cache (`cached`: what the page cache read in its own
    round trip), counted and kept on a miss."""
    key = unread_cache_key(user_id)
    values = cached if cached is not None else cache.get_many([key])
    count = values.get(key)
    if count is None:
        count = _count_unread(user_id)
        cache.add(key, count, UNREAD_TIMEOUT)
    return count


def forget_unread_counts(*, user_ids: set[int]) -> None:
    """Forget the counts now, and recount after commit (set() overwrites a count read meanwhile)."""
    if not user_ids:
        return
    cache.delete_many([unread_cache_key(user_id) for user_id in user_ids])
    transaction.on_commit(
        lambda: cache.set_many(
            {unread_cache_key(user_id): _count_unread(user_id) for user_id in user_ids}, UNREAD_TIMEOUT
        )
    )


def unread_badge(count: int) -> str:
    """The count on the bell in the header ("" when all is read)."""
    if not count:
        return ""
    label = npgettext("inbox", "%(n)s thông báo chưa đọc", "%(n)s thông báo chưa đọc", count) % {"n": count}
    return format_html('<span class="count" aria-label="{}">{}</span>', label, "99+" if count > 99 else count)


def inbox(*, user_id: int):
    return Notification.objects.filter(user_id=user_id).only(
        "headline", "summary", "short_code", "created_at", "read_at", "topic"
    )


def channel_choices(*, user_id: int, topics: list[str]) -> dict[str, set[str]]:
    """For each topic, the channels she receives it on: her choices over the defaults."""
    chosen = {topic: set(DEFAULT_CHANNELS[topic]) for topic in topics}
    for topic, channel, enabled in Preference.objects.filter(user_id=user_id, topic__in=topics).values_list(
        "topic", "channel", "enabled"
    ):
        (chosen[topic].add if enabled else chosen[topic].discard)(channel)
    return chosen


def push_device_count(*, user_id: int) -> int:
    return PushSubscription.objects.filter(user_id=user_id).count()
