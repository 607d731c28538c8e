"""VietQR (NAPAS 247 on the EMVCo merchant-presented QR): the text a banking app scans, and its picture.

Our own code, not a package: the PyPI encoders (vietnam-qr-pay, napas-qr-python) are one-person
projects with few users, and the format is short and pinned down by the test vectors in
../shared/design/payments.md, which tests/unit/payments/test_vietqr.py checks byte for byte.
"""

import binascii
import io
import re

import segno

from marketplace.text import strip_diacritics

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
TO_CARD = "QRIBFTTC"
MEMO_MAX = 25  # banks cut longer memos
AMOUNT_MAX = 10**13 - 1  # 13 characters


class VietQRError(ValueError):
    """Values that cannot go into a VietQR; a programming or settings error, not a buyer's."""


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt_false(payload: str) -> str:
    return f"{binascii.crc_hqx(payload.encode('ascii'), 0xFFFF):04X}"


def clean_memo(memo: str) -> str:
    """ASCII letters, digits and spaces only (no diacritics, đ → d), at most 25 characters."""
    ascii_memo = re.sub(r"[^A-Za-z0-9 ]+", " ", strip_diacritics(memo))
    return " ".join(ascii_memo.split())[:MEMO_MAX].strip()


def vietqr_payload(
    *, bank_bin: str, account_number: str, amount: int | None = None, memo: str = "", to_card: bool = False
) -> str:
    """The QR text: dynamic (one payment) when an amount is given, static (reusable) otherwise."""
    if not re.fullmatch(r"\d{6}", bank_bin):
        raise VietQRError("the bank BIN has 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account_number):
        raise VietQRError("the account or card number has 1 to 19 letters or digits")
    if amount is not None and not (isinstance(amount, int) and 0 < amount <= AMOUNT_MAX):
        raise VietQRError("the amount is a whole number of dong, from 1 to 13 digits")
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    merchant = (
        _field("00", NAPAS_GUID)
        + _field("01", beneficiary)
        + _field("02", TO_CARD if to_card else TO_ACCOUNT)
    )
    parts = [
        _field("00", "01"),
        _field("01", "12" if amount is not None else "11"),
        _field("38", merchant),
        _field("53", "704"),
    ]
    if amount is not None:
        parts.append(_field("54", str(amount)))
    parts.append(_field("58", "VN"))
    memo = clean_memo(memo)
    if memo:
        parts.append(_field("62", _field("08", memo)))
    payload = "".join(parts) + "6304"
    return payload + crc16_ccitt_false(payload)


def vietqr_png(payload: str, *, scale: int = 8) -> bytes:
    """A PNG a buyer can save and open from her banking app's gallery; quiet zone included."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def vietqr_svg(payload: str) -> str:
    """The same QR as inline SVG: sharp at any size, a few kilobytes of HTML."""
    return segno.make(payload, error="m", micro=False).svg_inline(scale=4, border=4, omitsize=True)
