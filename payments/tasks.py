from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import matching, notifications, settlement, transitions
from .models import BankTransfer, TransferOutcome

UNPROCESSED_GRACE = timedelta(minutes=2)


@shared_task(acks_late=True)
def process_transfer(transfer_id: int) -> str:
    return matching.transfer_process(transfer_id=transfer_id).outcome


@shared_task
def expire_overdue_payments() -> int:
    """Beat, every few minutes: first count transfers whose task was lost, then expire what is overdue,
    so that money already reported is never beaten by the clock."""
    stale = BankTransfer.objects.filter(
        outcome=TransferOutcome.NEW, received_at__lt=timezone.now() - UNPROCESSED_GRACE
    )
    for transfer_id in stale.values_list("pk", flat=True):
        matching.transfer_process(transfer_id=transfer_id)
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
