"""Web Push to her phones and computers: the standard every browser speaks (VAPID, RFC 8292, and
aes128gcm payload encryption, RFC 8291), through pywebpush; no app store, no vendor account.

The marketplace signs each message with its VAPID key (settings.WEBPUSH_VAPID_PRIVATE_KEY, or the
file `manage.py webpush_keys` writes for development); browsers subscribe with its public half.
A push service that answers 404 or 410 has forgotten the subscription: it is dropped.
"""

import base64
import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils import timezone
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from .models import PushSubscription

logger = logging.getLogger(__name__)

TIME_TO_LIVE = 24 * 60 * 60  # a phone that is off for a day still gets it when it wakes
GONE = {404, 410}


@functools.cache
def _vapid_from(key: str, key_file: str) -> Vapid | None:
    if key.startswith("-----BEGIN"):
        return Vapid.from_pem(key.encode())
    if key:
        return Vapid.from_string(key)
    if key_file and Path(key_file).is_file():
        return Vapid.from_file(key_file)
    return None


def vapid() -> Vapid | None:
    """The marketplace's signing key, or None when push is not set up."""
    return _vapid_from(settings.WEBPUSH_VAPID_PRIVATE_KEY, str(settings.WEBPUSH_VAPID_KEY_FILE or ""))


def public_key() -> str:
    """The key browsers subscribe with (applicationServerKey), base64url; "" when push is off."""
    key = vapid()
    if key is None:
        return ""
    point = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def endpoint_digest(endpoint: str) -> str:
    return hashlib.sha256(endpoint.encode()).hexdigest()


@dataclass(frozen=True)
class PushResult:
    delivered: int  # browsers that took it
    dropped: int  # subscriptions the push service no longer knows
    failed: int  # browsers whose push service failed (worth trying again)


def send_to_user(*, user_id: int, title: str, body: str, url: str, tag: str) -> PushResult:
    key = vapid()
    payload = json.dumps({"title": title, "body": body, "url": url, "tag": tag})
    delivered = dropped = failed = 0
    for subscription in PushSubscription.objects.filter(user_id=user_id):
        try:
            webpush(
                subscription_info={
                    "endpoint": subscription.endpoint,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                },
                data=payload,
                vapid_private_key=key,
                vapid_claims={"sub": settings.WEBPUSH_CONTACT},  # pywebpush adds aud and exp to it
                ttl=TIME_TO_LIVE,
                headers={"Urgency": "high"},
                timeout=10,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                subscription.delete()
                dropped += 1
            else:
                logger.warning("push to subscription %s failed: %s", subscription.pk, status or "no answer")
                failed += 1
            continue
        PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
        delivered += 1
    return PushResult(delivered=delivered, dropped=dropped, failed=failed)
