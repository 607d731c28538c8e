"""Checking that a bank-feed webhook really comes from SePay or Casso, on the raw request.

Secrets are compared in constant time and never logged.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

CASSO_TOLERANCE_SECONDS = 300
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class ForgedRequest(Exception):
    """The request does not carry a valid signature or key; the reason is for our logs."""


def verify_sepay(*, authorization_header: str, api_key: str) -> None:
    """SePay sends `Authorization: Apikey <key>`."""
    if not api_key:
        raise ForgedRequest("SePay API key is not configured")
    scheme, _space, key = (authorization_header or "").partition(" ")
    if scheme.lower() != "apikey" or not hmac.compare_digest(key.strip().encode(), api_key.encode()):
        raise ForgedRequest("wrong or missing SePay API key")


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
    try:
        body = json.loads(raw_body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ForgedRequest("body is not JSON") from error
    if not isinstance(body, dict):
        raise ForgedRequest("body is not a JSON object")
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


class MalformedReport(ValueError):
    """A correctly signed body that does not describe a transfer we can record."""


@dataclass(frozen=True)
class TransferReport:
    """One movement on the collection account, whatever feed reported it."""

    provider_transaction_id: str
    incoming: bool
    amount: int
    memo: str
    account_number: str
    bank_reference: str
    occurred_at: datetime | None


def _whole_dong(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise MalformedReport(f"amount {value!r} is not a whole number of dong")
    return int(value)


def _bank_time(value) -> datetime | None:
    """Feeds send local Vietnamese time without a zone ("2025-01-15 10:30:00")."""
    if not value:
        return None
    try:
        naive = datetime.fromisoformat(str(value).replace("T", " ")[:19])
    except ValueError as error:
        raise MalformedReport(f"unreadable date {value!r}") from error
    return naive.replace(tzinfo=VIETNAM) if naive.tzinfo is None else naive


def parse_sepay(body: dict) -> TransferReport:
    try:
        transfer_id, direction = body["id"], body["transferType"]
        amount = _whole_dong(body["transferAmount"])
    except KeyError as missing:
        raise MalformedReport(f"SePay body lacks {missing}") from missing
    if direction not in ("in", "out") or amount <= 0 or transfer_id in (None, ""):
        raise MalformedReport("SePay body has an unknown direction, a non-positive amount or no id")
    return TransferReport(
        provider_transaction_id=str(transfer_id),
        incoming=direction == "in",
        amount=amount,
        memo=str(body.get("content") or body.get("description") or ""),
        account_number=str(body.get("accountNumber") or ""),
        bank_reference=str(body.get("referenceCode") or ""),
        occurred_at=_bank_time(body.get("transactionDate")),
    )


def parse_casso(body: dict) -> TransferReport:
    """Casso v2: `{"error": 0, "data": {...}}`; money out of the account has a negative amount."""
    data = body.get("data")
    if body.get("error") not in (0, None) or not isinstance(data, dict):
        raise MalformedReport("Casso body has no transaction in `data`")
    try:
        transfer_id = data["id"]
        amount = _whole_dong(data["amount"])
    except KeyError as missing:
        raise MalformedReport(f"Casso data lacks {missing}") from missing
    if amount == 0 or transfer_id in (None, ""):
        raise MalformedReport("Casso transaction has a zero amount or no id")
    return TransferReport(
        provider_transaction_id=str(transfer_id),
        incoming=amount > 0,
        amount=abs(amount),
        memo=str(data.get("description") or ""),
        account_number=str(data.get("accountNumber") or ""),
        bank_reference=str(data.get("reference") or ""),
        occurred_at=_bank_time(data.get("transactionDateTime")),
    )
