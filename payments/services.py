"""Receiving bank feeds: store the request first, verify it on its raw body, record the transfer once."""

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction

from . import bankfeeds
from .models import BankTransfer, Provider, TransferOutcome, WebhookCall

logger = logging.getLogger(__name__)

SECRET_HEADERS = {"authorization"}  # SePay's API key travels here: never stored, never logged


def _stored_headers(headers: dict[str, str]) -> dict[str, str]:
    return {
        name: ("•••" if name.lower() in SECRET_HEADERS else value)
        for name, value in headers.items()
        if name.lower() not in {"cookie"}
    }


def _verified_sepay(headers: dict[str, str], raw_body: bytes) -> dict:
    bankfeeds.verify_sepay(
        authorization_header=headers.get("Authorization", ""), api_key=settings.SEPAY_API_KEY
    )
    try:
        body = json.loads(raw_body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise bankfeeds.MalformedReport("body is not JSON") from error
    if not isinstance(body, dict):
        raise bankfeeds.MalformedReport("body is not a JSON object")
    return body


def _verified_casso(headers: dict[str, str], raw_body: bytes) -> dict:
    return bankfeeds.verify_casso(
        signature_header=headers.get("X-Casso-Signature", ""),
        raw_body=raw_body,
        checksum_key=settings.CASSO_CHECKSUM_KEY,
    )


FEEDS: dict[str, tuple[Callable[[dict, bytes], dict], Callable[[dict], bankfeeds.TransferReport]]] = {
    Provider.SEPAY: (_verified_sepay, bankfeeds.parse_sepay),
    Provider.CASSO: (_verified_casso, bankfeeds.parse_casso),
}


def transfer_record(*, provider: str, report: bankfeeds.TransferReport) -> BankTransfer:
    """The transfer row for this provider's id: created once, found again on every redelivery."""
    try:
        with transaction.atomic():
            return BankTransfer.objects.create(
                provider=provider,
                provider_transaction_id=report.provider_transaction_id,
                incoming=report.incoming,
                amount=report.amount,
                memo=report.memo,
                account_number=report.account_number,
                bank_reference=report.bank_reference,
                occurred_at=report.occurred_at,
            )
    except IntegrityError:  # the same transfer again, possibly at this very moment from another worker
        return BankTransfer.objects.get(
            provider=provider, provider_transaction_id=report.provider_transaction_id
        )


def webhook_receive(*, provider: str, headers: dict[str, str], raw_body: bytes) -> tuple[int, dict]:
    """Store, verify, record, queue; return the HTTP status and JSON the feed expects."""
    from .tasks import process_transfer

    call = WebhookCall.objects.create(
        provider=provider, headers=_stored_headers(headers), body=raw_body.decode("utf-8", "replace")
    )
    verify, parse = FEEDS[provider]
    try:
        report = parse(verify(headers, raw_body))
    except bankfeeds.ForgedRequest as forged:
        call.error = str(forged)
        call.save(update_fields=["error"])
        logger.warning("%s webhook %s refused: %s", provider, call.pk, forged)
        return 401, {"success": False, "error": "invalid signature"}
    except bankfeeds.MalformedReport as malformed:
        call.valid, call.error = True, str(malformed)
        call.save(update_fields=["valid", "error"])
        logger.warning("%s webhook %s malformed: %s", provider, call.pk, malformed)
        return 400, {"success": False, "error": "malformed transaction"}
    call.valid = True
    transfer = transfer_record(provider=provider, report=report)
    call.transfer = transfer
    call.save(update_fields=["valid", "transfer"])
    if transfer.outcome == TransferOutcome.NEW:
        process_transfer.delay_on_commit(transfer.pk)
    return 200, {"success": True}
