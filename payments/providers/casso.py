"""Casso (webhook v2): `X-Casso-Signature: t=<ms>,v1=<hex>`, an HMAC-SHA512 of the timestamp and the
body with its keys sorted at every level, refused when older than five minutes.

The checksum key is compared in constant time and never logged.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings

from .base import (
    BankFeed,
    ForgedRequest,
    MalformedReport,
    TransferReport,
    WebhookRequest,
    bank_time,
    json_object,
    plain_text,
    whole_dong,
)

CASSO_TOLERANCE_SECONDS = 300


def _casso_signed_text(timestamp: str, body: dict, *, ascii_only: bool) -> str:
    # Keys sorted at every level, no spaces; Casso's own samples differ on escaping non-ASCII,
    # so both spellings are accepted.
    return timestamp + "." + json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=ascii_only)


def casso_signature(*, timestamp_ms: int, body: dict, checksum_key: str) -> str:
    """The header Casso would send for this body at this time (for tests and tools)."""
    text = _casso_signed_text(str(timestamp_ms), body, ascii_only=False)
    digest = hmac.new(checksum_key.encode(), text.encode(), hashlib.sha512).hexdigest()
    return f"t={timestamp_ms},v1={digest}"


def verify_casso(
    *,
    signature_header: str,
    raw_body: bytes,
    checksum_key: str,
    now: float | None = None,
    tolerance_seconds: int | None = CASSO_TOLERANCE_SECONDS,
) -> dict:
    """Return the parsed body when `X-Casso-Signature: t=<ms>,v1=<hex>` matches and is fresh."""
    if not checksum_key:
        raise ForgedRequest("Casso checksum key is not configured")
    parts = dict(part.split("=", 1) for part in (signature_header or "").split(",") if "=" in part)
    timestamp, received = parts.get("t", ""), parts.get("v1", "")
    if not timestamp.isdigit() or not received:
        raise ForgedRequest("malformed X-Casso-Signature header")
    body = json_object(raw_body, error=ForgedRequest)
    expected = [
        hmac.new(
            checksum_key.encode(),
            _casso_signed_text(timestamp, body, ascii_only=flag).encode(),
            hashlib.sha512,
        ).hexdigest()
        for flag in (False, True)
    ]
    if not any(hmac.compare_digest(candidate, received.lower()) for candidate in expected):
        raise ForgedRequest("Casso signature does not match")
    age = (now if now is not None else time.time()) - int(timestamp) / 1000
    if tolerance_seconds is not None and abs(age) > tolerance_seconds:
        raise ForgedRequest(f"Casso signature is stale ({age:.0f} s old)")
    return body


class Casso(BankFeed):
    code = "casso"
    label = "Casso"

    def verify(self, request: WebhookRequest) -> dict:
        return verify_casso(
            signature_header=request.headers.get("X-Casso-Signature", ""),
            raw_body=request.raw_body,
            checksum_key=settings.CASSO_CHECKSUM_KEY,
        )

    def parse(self, body: dict) -> TransferReport:
        """`{"error": 0, "data": {...}}`; money out of the account has a negative amount."""
        data = body.get("data")
        if body.get("error") not in (0, None) or not isinstance(data, dict):
            raise MalformedReport("Casso body has no transaction in `data`")
        try:
            transfer_id = data["id"]
            amount = whole_dong(data["amount"])
        except KeyError as missing:
            raise MalformedReport(f"Casso data lacks {missing}") from missing
        if amount == 0 or transfer_id in (None, ""):
            raise MalformedReport("Casso transaction has a zero amount or no id")
        return TransferReport(
            provider_transaction_id=plain_text(transfer_id),
            incoming=amount > 0,
            amount=abs(amount),
            memo=plain_text(data.get("description")),
            account_number=plain_text(data.get("accountNumber")),
            bank_reference=plain_text(data.get("reference")),
            occurred_at=bank_time(data.get("transactionDateTime")),
            counter_account_number=plain_text(data.get("counterAccountNumber"))[:32],
            counter_account_name=plain_text(data.get("counterAccountName"))[:120],
            counter_bank_name=plain_text(data.get("counterAccountBankName"))[:120],
        )
