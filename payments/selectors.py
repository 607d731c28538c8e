"""Reads of payments: the buyer's page by its signed link, and the staff's worklists."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.banks import bank_name

from .models import BankTransfer, Payment, PaymentStatus, TransferOutcome
from .vietqr import vietqr_payload

Order = get_model("order", "Order")


def order_for_token(*, token: str):
    """The order behind a buyer's signed link (Oscar's verification hash), or 404."""
    number = token.split(":", 1)[0]
    order = (
        Order.objects.select_related("payment", "shipping_address")
        .prefetch_related("shop_orders__shop", "shop_orders__lines")
        .filter(number=number, payment__isnull=False)
        .first()
    )
    if order is None or not order.check_verification_hash(token):
        raise Http404
    return order


def collection_account() -> dict:
    return {
        "bank_bin": settings.VIETQR_BANK_BIN,
        "bank_name": bank_name(settings.VIETQR_BANK_BIN),
        "account_number": settings.VIETQR_ACCOUNT_NUMBER,
        "account_holder": settings.VIETQR_ACCOUNT_HOLDER,
    }


def payment_qr_payload(*, payment: Payment) -> str:
    """The QR for what is still owed, with the reference as the memo."""
    return vietqr_payload(
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        amount=payment.amount_remaining,
        memo=payment.reference,
    )


def payment_state(*, payment: Payment) -> dict:
    """What the buyer's page shows and polls; `open` is false once nothing more is to be paid."""
    seconds_left = max(int((payment.expires_at - timezone.now()).total_seconds()), 0)
    return {
        "status": payment.status,
        "status_label": str(payment.get_status_display()),
        "open": payment.is_open and seconds_left > 0,
        "amount_due": payment.amount_due,
        "amount_received": payment.amount_received,
        "amount_remaining": payment.amount_remaining,
        "refund_due": payment.refund_due,
        "expires_at": payment.expires_at.isoformat(),
        "seconds_left": seconds_left,
    }


def transfers_needing_staff() -> QuerySet:
    return BankTransfer.objects.filter(
        outcome__in=[TransferOutcome.UNMATCHED, TransferOutcome.OTHER_ACCOUNT]
    ).order_by("-received_at")


def payments_needing_staff() -> QuerySet:
    """Money to give back, and orders paid only in part."""
    return (
        Payment.objects.select_related("order")
        .filter(Q(refund_due__gt=0) | Q(status=PaymentStatus.PARTIALLY_PAID))
        .order_by("-updated_at")
    )
