"""Vietnamese phone numbers: people type '0912 345 678', '+84912345678' or '84-912-345-678'."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_PHONE_MESSAGE = _("Số điện thoại không hợp lệ. Ví dụ đúng: 0912 345 678.")


def normalize_vn_phone(raw: str) -> str:
    """Return the E.164 form (+84912345678) of a Vietnamese number, or raise ValidationError."""
    try:
        number = phonenumbers.parse(raw or "", "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone") from error
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(value: str) -> bool:
    return bool(value) and "@" not in value and any(ch.isdigit() for ch in value)


def display_vn_phone(e164: str) -> str:
    """+84912345678 -> '0912 345 678', the way Vietnamese people write it."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
