from contextlib import suppress
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import cards, matching, notifications, settlement, transitions
from .models import BankTransfer, TransferOutcome, WebhookCall
from .providers.base import ProcessorUnavailable

UNPROCESSED_GRACE = timedelta(minutes=2)


@shared_task(acks_late=True)
def process_transfer(transfer_id: int) -> str:
    return matching.transfer_process(transfer_id=transfer_id).outcome


@shared_task
def expire_overdue_payments() -> int:
    """Beat, every few minutes: first count transfers and card events whose task was lost (or gave
    up waiting), then expire what is overdue, so that money already reported is never beaten by the
    clock."""
    since = timezone.now() - UNPROCESSED_GRACE
    stale = BankTransfer.objects.filter(outcome=TransferOutcome.NEW, received_at__lt=since)
    for transfer_id in stale.values_list("pk", flat=True):
        matching.transfer_process(transfer_id=transfer_id)
    waiting = WebhookCall.objects.filter(event_id__isnull=False, processed_at=None, received_at__lt=since)
    for call_id in waiting.values_list("pk", flat=True):
        with suppress(cards.NotYet, ProcessorUnavailable):  # still too early, or Stripe away: next run
            cards.card_event_process(call_id=call_id)
    return transitions.expire_overdue_payments()


@shared_task
def notify_payment_event(event_id: int) -> int:
    return notifications.notify_payment_event(event_id=event_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_payout_event(event_id: int) -> int:
    return notifications.notify_payout_event(event_id=event_id)


@shared_task
def release_shop_funds() -> int:
    """Beat, hourly: shop orders delivered (or long shipped) past the hold become payable."""
    return settlement.release_due_funds()


@shared_task(
    acks_late=True, autoretry_for=(cards.NotYet, ProcessorUnavailable), retry_backoff=True, max_retries=8
)
def process_card_event(call_id: int) -> str:
    """A stored, verified card event; an event that came before the one it follows waits and retries."""
    return cards.card_event_process(call_id=call_id)


@shared_task(acks_late=True, autoretry_for=(ProcessorUnavailable,), retry_backoff=True, max_retries=8)
def refund_to_card(payment_id: int) -> int:
    return cards.card_refund_due(payment_id=payment_id)
