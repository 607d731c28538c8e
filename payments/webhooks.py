"""Receiving bank feeds: store the request first, verify it on its raw body, record the transfer once.

Whatever the feed, the order is the same (payments.providers supplies the verify and parse steps):
the raw call is kept even when forged, so nothing sent to us is ever lost or silently dropped; a
transfer is recorded once per (provider, transaction id), and matched later by a Celery task.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .models import BankTransfer, TransferOutcome, WebhookCall
from .providers import bank_feed, card_processor
from .providers.base import (
    ForgedRequest,
    MalformedReport,
    PaymentProvider,
    TransferReport,
    WebhookRequest,
)

logger = logging.getLogger(__name__)

NEVER_STORED_HEADERS = {"cookie"}


def _stored_text(text: str) -> str:
    """As it came, but with NUL (which PostgreSQL cannot store) written out, so nothing is lost."""
    return text.replace("\x00", "\\x00")


def _stored_headers(provider: PaymentProvider, headers: dict[str, str]) -> dict[str, str]:
    """The headers as they came, minus cookies, with the provider's secrets masked."""
    return {
        _stored_text(name): ("•••" if name.lower() in provider.secret_headers else _stored_text(value))
        for name, value in headers.items()
        if name.lower() not in NEVER_STORED_HEADERS
    }


def transfer_record(*, provider: str, report: TransferReport) -> BankTransfer:
    """The transfer row for this bank movement: created once, found again on every redelivery, and
    also when the other feed watching the same account reports the same movement (by the bank's own
    reference), whichever comes first or if both come at once."""
    try:
        with transaction.atomic():
            return BankTransfer.objects.create(
                provider=provider,
                provider_transaction_id=report.provider_transaction_id,
                bank_transaction=report.bank_transaction,
                incoming=report.incoming,
                amount=report.amount,
                memo=report.memo,
                account_number=report.account_number,
                bank_reference=report.bank_reference,
                counter_account_number=report.counter_account_number,
                counter_account_name=report.counter_account_name,
                counter_bank_name=report.counter_bank_name,
                occurred_at=report.occurred_at,
            )
    except IntegrityError:  # the same movement again, possibly at this very moment from another worker
        same = BankTransfer.objects.filter(
            provider=provider, provider_transaction_id=report.provider_transaction_id
        ).first()
        return same or BankTransfer.objects.get(bank_transaction=report.bank_transaction)


@dataclass(frozen=True)
class Answers:
    """What a provider expects to hear back: for a forged call, and for a signed but unusable one."""

    forged: tuple[int, dict]
    malformed: tuple[int, dict]


BANK_FEED_ANSWERS = Answers(
    forged=(401, {"success": False, "error": "invalid signature"}),
    malformed=(400, {"success": False, "error": "malformed transaction"}),
)
# Stripe resends until it gets a 2xx: a signed event we cannot record is answered 200 (kept, for staff).
CARD_ANSWERS = Answers(
    forged=(400, {"received": False, "error": "invalid signature"}),
    malformed=(200, {"received": True, "error": "not recorded"}),
)


def _store_and_read(provider, *, code: str, headers: dict[str, str], raw_body: bytes, answers: Answers):
    """The call stored as it came (even forged), then verified on its raw body and parsed:
    (the call, what it reports), or (the call, the answer to give) when it is forged or unusable."""
    call = WebhookCall.objects.create(
        provider=code,
        headers=_stored_headers(provider, headers),
        body=_stored_text(raw_body.decode("utf-8", "replace")),
    )
    try:
        return call, provider.parse(provider.verify(WebhookRequest(headers=headers, raw_body=raw_body))), None
    except ForgedRequest as forged:
        call.error = str(forged)
        call.save(update_fields=["error"])
        logger.warning("%s webhook %s refused: %s", code, call.pk, forged)
        return call, None, answers.forged
    except MalformedReport as malformed:
        call.valid, call.error = True, str(malformed)
        call.save(update_fields=["valid", "error"])
        logger.warning("%s webhook %s malformed: %s", code, call.pk, malformed)
        return call, None, answers.malformed


def webhook_receive(*, provider: str, headers: dict[str, str], raw_body: bytes) -> tuple[int, dict]:
    """Store, verify, record, queue; return the HTTP status and JSON the feed expects."""
    from .tasks import process_transfer

    call, report, answer = _store_and_read(
        bank_feed(provider), code=provider, headers=headers, raw_body=raw_body, answers=BANK_FEED_ANSWERS
    )
    if answer:
        return answer
    call.valid = True
    transfer = transfer_record(provider=provider, report=report)
    call.transfer = transfer
    call.save(update_fields=["valid", "transfer"])
    if transfer.outcome == TransferOutcome.NEW:
        process_transfer.delay_on_commit(transfer.pk)
    return 200, {"success": True}


def card_webhook_receive(*, provider: str, headers: dict[str, str], raw_body: bytes) -> tuple[int, dict]:
    """Store, verify, keep once by the event's id, queue: a duplicate or an event we do not handle
    gets 200 (nothing more to do)."""
    from .tasks import process_card_event

    call, event, answer = _store_and_read(
        card_processor(provider), code=provider, headers=headers, raw_body=raw_body, answers=CARD_ANSWERS
    )
    if answer:
        return answer
    try:
        with transaction.atomic():
            WebhookCall.objects.filter(pk=call.pk).update(
                valid=True, event_id=event.event_id, event_type=event.type[:64]
            )
    except IntegrityError:  # the same event again, possibly at this very moment
        call.valid, call.error = True, f"duplicate of event {event.event_id}"
        call.save(update_fields=["valid", "error"])
        return 200, {"received": True, "duplicate": True}
    process_card_event.delay_on_commit(call.pk)
    return 200, {"received": True}
