"""Notifications: one per event and person, kept as her inbox, and each channel's delivery logged.

A notification is keyed by (source, recipient): the event that caused it and who it is for, so a
replayed event finds the one it made. Each channel is tried at most once per notification: its
Delivery row (unique per notification and channel) is claimed before anything is sent, so a retry
or a second worker finds it taken; a send that failed cleanly may be tried again, a send that
crashed midway is left as "sending" rather than risk a second message.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .topics import Channel, Topic

SHORT_CODE_LENGTH = 10  # base62: about 59 bits, unguessable, and short enough for a text message


def new_short_code() -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    return "".join(secrets.choice(alphabet) for _ in range(SHORT_CODE_LENGTH))


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="inbox"
    )
    # Where she is reached when it is sent (a buyer without an account has only these).
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=16, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices)
    source = models.CharField(max_length=100, help_text=_("Sự kiện gây ra thông báo, ví dụ shop-review:12."))
    recipient_key = models.CharField(max_length=150)
    headline = models.CharField(_("Tiêu đề"), max_length=200)
    summary = models.CharField(_("Nội dung"), max_length=300, blank=True)
    path = models.CharField(max_length=500, help_text=_("Trang để xem và xử lý."))
    email_subject = models.CharField(max_length=250, blank=True)
    email_body = models.TextField(blank=True)
    short_code = models.CharField(max_length=SHORT_CODE_LENGTH, unique=True, default=new_short_code)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Khi mọi kênh đã gửi xong (hoặc không cần gửi).")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        constraints = [
            models.UniqueConstraint(fields=["source", "recipient_key"], name="notification_once_per_person"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user"], condition=models.Q(read_at=None), name="notification_unread"),
            models.Index(
                fields=["created_at"], condition=models.Q(delivered_at=None), name="notification_undelivered"
            ),
        ]

    def __str__(self) -> str:
        return self.headline


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")
    SKIPPED = "skipped", _("Không gửi")


class Delivery(models.Model):
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    detail = models.CharField(max_length=300, blank=True, help_text=_("Mã của nhà cung cấp, hoặc lý do."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lần gửi")
        verbose_name_plural = _("nhật ký gửi thông báo")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel}: {self.status}"


class Preference(models.Model):
    """Her choice for one topic and channel, where it differs from topics.DEFAULT_CHANNELS."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic", "channel"], name="preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.channel}: {'on' if self.enabled else 'off'}"


class PushSubscription(models.Model):
    """A browser that accepted push messages for her (Web Push: its endpoint and encryption keys)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.TextField()
    endpoint_digest = models.CharField(max_length=64, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("điện thoại nhận thông báo")
        verbose_name_plural = _("điện thoại nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.user_agent[:60]}"
