"""Checking that a bank-feed webhook really comes from SePay or Casso, on the raw request.

Secrets are compared in constant time and never logged.
"""

import hashlib
import hmac
import json
import time

CASSO_TOLERANCE_SECONDS = 300


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
