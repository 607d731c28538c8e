"""SePay: `Authorization: Apikey <SEPAY_API_KEY>` on every call, one transfer per JSON body.

The key is compared in constant time and never stored or logged.
"""

import hmac

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


def verify_sepay(*, authorization_header: str, api_key: str) -> None:
    if not api_key:
        raise ForgedRequest("SePay API key is not configured")
    scheme, _space, key = (authorization_header or "").partition(" ")
    if scheme.lower() != "apikey" or not hmac.compare_digest(key.strip().encode(), api_key.encode()):
        raise ForgedRequest("wrong or missing SePay API key")


class SePay(BankFeed):
    code = "sepay"
    label = "SePay"
    secret_headers = frozenset({"authorization"})

    def verify(self, request: WebhookRequest) -> dict:
        verify_sepay(
            authorization_header=request.headers.get("Authorization", ""), api_key=settings.SEPAY_API_KEY
        )
        return json_object(request.raw_body, error=MalformedReport)

    def parse(self, body: dict) -> TransferReport:
        try:
            transfer_id, direction = body["id"], body["transferType"]
            amount = whole_dong(body["transferAmount"])
        except KeyError as missing:
            raise MalformedReport(f"SePay body lacks {missing}") from missing
        if direction not in ("in", "out") or amount <= 0 or transfer_id in (None, ""):
            raise MalformedReport("SePay body has an unknown direction, a non-positive amount or no id")
        return TransferReport(
            provider_transaction_id=plain_text(transfer_id),
            incoming=direction == "in",
            amount=amount,
            memo=plain_text(body.get("content") or body.get("description")),
            account_number=plain_text(body.get("accountNumber")),
            bank_reference=plain_text(body.get("referenceCode")),
            occurred_at=bank_time(body.get("transactionDate")),
        )
