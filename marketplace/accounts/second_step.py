"""Union staff's second step (django-otp): a code from an authenticator app, or a recovery code.

Staff move money, so after her password a staff member also types the 6-digit code her authenticator
app shows (TOTP, django_otp.plugins.otp_totp) or one of her ten recovery codes (otp_static, each
good once). marketplace.accounts.middleware asks for it before any page; the pages are in
marketplace.accounts.views. A staff member with no app yet sets one up on her first sign-in: a QR
code, the secret for typing, one code to confirm, then her recovery codes, shown once.

Wrong codes slow the next try down (django-otp's throttling: 1, 2, 4, 8… seconds), and a code of
the app is good once (a code seen by someone over her shoulder cannot be used again).
"""

import base64
import math
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"

INVALID_CODE = _("Mã không đúng. Hãy nhập mã 6 số đang hiện trên ứng dụng xác thực, hoặc một mã dự phòng.")
EMPTY_CODE = _("Hãy nhập mã 6 số trên ứng dụng xác thực.")


def needs_second_step(user) -> bool:
    """Staff (and superusers) pass the second step; nobody else ever sees it."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def has_app(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def _normalised(code: str) -> str:
    """People type '123 456', '123-456' or 'ABCD EFGH': only letters and digits count."""
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _wait_seconds(device: Device) -> int:
    """How long django-otp's throttling still holds this device after wrong codes (0: not held)."""
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def _check(devices: list[Device], code: str) -> Device:
    """The device accepting the code, or the reason she is refused (held devices are not tried)."""
    waits = []
    for device in devices:
        wait = _wait_seconds(device)
        if wait:
            waits.append(wait)
        elif device.verify_token(code):
            return device
    if waits and len(waits) == len(devices):
        raise ValidationError(
            gettext("Bạn đã nhập sai nhiều lần. Hãy đợi %(seconds)s giây rồi nhập lại.")
            % {"seconds": max(waits)},
            code="throttled",
        )
    raise ValidationError(INVALID_CODE, code="invalid")


def verify_code(*, user, code: str) -> Device:
    """The device that accepts this code (an app's 6 digits, or a recovery code, used up), or
    ValidationError with a message for her."""
    code = _normalised(code)
    if not code:
        raise ValidationError(EMPTY_CODE, code="required")
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    refused = None
    with transaction.atomic():
        # Locked, so that two tabs cannot spend one recovery code or one app code twice.
        devices = list(model.objects.devices_for_user(user, confirmed=True).select_for_update())
        try:
            return _check(devices, code)
        except ValidationError as error:
            refused = error  # raised after the commit, which keeps the wrong try counted
    raise refused


def pending_app(user) -> TOTPDevice:
    """The app being set up: the same secret on every visit until confirmed, so a scanned QR stays good."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def otpauth_uri(device: TOTPDevice) -> str:
    """The key URI an authenticator app reads from the QR code (Google's Key Uri Format)."""
    user = device.user
    issuer = settings.OTP_TOTP_ISSUER
    label = f"{issuer}:{user.email or user.phone}"
    params = {
        "secret": secret(device),
        "issuer": issuer,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(label)}?{urlencode(params, quote_via=quote)}"


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no image request, nothing for the CSP to allow but the markup)."""
    return segno.make(text, error="m").svg_inline(scale=5, border=2, title=None)


def new_recovery_codes(*, user) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working. Shown to her once, never again."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.SECOND_STEP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_app(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """The app being set up is confirmed by one of its codes; she gets new recovery codes."""
    code = _normalised(code)
    if not code:
        raise ValidationError(EMPTY_CODE, code="required")
    refused = None
    with transaction.atomic():
        pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk")
        try:
            device = _check(list(pending[:1]), code)
        except ValidationError as error:
            refused = error  # raised after the commit, which keeps the wrong try counted
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            return device, new_recovery_codes(user=user)
    raise refused


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
