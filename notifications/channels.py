"""How a notification reaches her on each channel, and why a channel does not apply to her.

Each `send_<channel>` returns an Outcome; none raises for a refusal or an unreachable provider (the
delivery log records it, and the sweep in tasks.py tries a retryable failure again later).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from marketplace.text import strip_diacritics

from . import push, sms
from .models import Notification, Preference
from .topics import DEFAULT_CHANNELS, Channel


@dataclass(frozen=True)
class Outcome:
    sent: bool
    detail: str = ""
    retry: bool = False


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def short_link(notification: Notification) -> str:
    return site_url(f"/n/{notification.short_code}")


def wants(notification: Notification, channel: str) -> bool:
    """Her preference for this topic and channel; the default for people without an account."""
    if notification.user_id:
        choice = (
            Preference.objects.filter(user_id=notification.user_id, topic=notification.topic, channel=channel)
            .values_list("enabled", flat=True)
            .first()
        )
        if choice is not None:
            return choice
    return channel in DEFAULT_CHANNELS[notification.topic]


def why_not(notification: Notification, channel: str) -> str:
    """Why this channel does not apply to her ("" when it does): said in the delivery log."""
    if channel == Channel.EMAIL and not (notification.email and notification.email_subject):
        return _("không có email")
    if channel == Channel.PUSH:
        if not notification.user_id:
            return _("không có tài khoản")
        if push.vapid() is None:
            return _("chưa cấu hình Web Push")
    if channel == Channel.SMS:
        if not notification.phone:
            return _("không có số điện thoại")
        if not sms.gateway_name():
            return _("chưa cấu hình cổng SMS")
    if not wants(notification, channel):
        return _("người nhận đã tắt kênh này")
    return ""


def send_email(notification: Notification) -> Outcome:
    message = EmailMessage(
        notification.email_subject, notification.email_body, settings.DEFAULT_FROM_EMAIL, [notification.email]
    )
    try:
        message.send()
    except OSError as error:  # SMTP errors are OSErrors too
        return Outcome(sent=False, detail=f"email: {type(error).__name__}", retry=True)
    return Outcome(sent=True)


def send_push(notification: Notification) -> Outcome:
    result = push.send_to_user(
        user_id=notification.user_id,
        title=notification.headline,
        body=notification.summary,
        url=short_link(notification),
        tag=notification.source,
    )
    detail = _("%(delivered)s máy nhận, %(dropped)s máy đã hủy, %(failed)s lỗi") % result.__dict__
    if not (result.delivered or result.failed):
        return Outcome(sent=False, detail=_("chưa bật trên điện thoại nào") if not result.dropped else detail)
    return Outcome(
        sent=bool(result.delivered), detail=detail, retry=not result.delivered and bool(result.failed)
    )


# An unaccented text fits one SMS of 160 characters. Accented, one SMS holds 70 characters, which the
# headline rarely fits with its link: two joined parts (67 characters each) are allowed.
SMS_LENGTH = {False: 160, True: 2 * 67}
# Unaccented messages use the GSM alphabet: the few other signs our texts hold get plain stand-ins.
GSM_STAND_INS = str.maketrans(
    {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "₫": "d", "×": "x"}
)


def sms_text(notification: Notification, *, unicode: bool) -> str:
    """The headline and the short link, in one message: the headline is cut to fit, never the link."""
    prefix, link = "Chợ Sen: ", " " + short_link(notification)
    headline, ellipsis = notification.headline, "…"
    if not unicode:
        prefix, ellipsis = "Cho Sen: ", "..."
        headline = strip_diacritics(headline).translate(GSM_STAND_INS)
    room = SMS_LENGTH[unicode] - len(prefix) - len(link)
    if len(headline) > room:
        headline = headline[: max(room - len(ellipsis), 0)].rstrip() + ellipsis
    return prefix + headline + link


def send_sms(notification: Notification, *, delivery_id: int) -> Outcome:
    unicode = not settings.SMS_UNACCENTED
    result = sms.send(
        sms.SmsMessage(
            phone=notification.phone,
            text=sms_text(notification, unicode=unicode),
            request_id=f"chosen-{delivery_id}",
            unicode=unicode,
        )
    )
    return Outcome(sent=result.accepted, detail=result.reference[:300], retry=result.retry)
