"""Text messages to a phone, through whichever gateway settings.SMS_GATEWAY names (off when empty).

A gateway is one module with a `send(message) -> SmsResult` function; only that module talks to
the provider. Adding one (Zalo's notification service, another SMS brand) is a module and a line in
GATEWAYS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

GATEWAYS = {"esms": "notifications.sms.esms.send"}


@dataclass(frozen=True)
class SmsMessage:
    phone: str  # +84912345678
    text: str
    request_id: str  # ours, unique per message: the gateway refuses a second message with it
    unicode: bool  # accented text (70 characters a part) or not (160)


@dataclass(frozen=True)
class SmsResult:
    accepted: bool
    reference: str = ""  # the gateway's id, or why it refused
    retry: bool = False  # worth trying again later (the gateway was down, not a refusal)


def gateway_name() -> str:
    return settings.SMS_GATEWAY if settings.SMS_GATEWAY in GATEWAYS else ""


def send(message: SmsMessage) -> SmsResult:
    return import_string(GATEWAYS[gateway_name()])(message)
