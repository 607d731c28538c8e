"""Reads of payments: the buyer's page by its signed link, the staff's worklists, paying shops and
commission rates."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ledger.models import Account
from marketplace.banks import bank_name
from shops.models import Shop

from .models import (
    BankTransfer,
    CardPayment,
    CardStatus,
    CommissionRate,
    Payment,
    PaymentStatus,
    Payout,
    PayoutBatch,
    PayoutStatus,
    TransferOutcome,
)
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
    card = payment.card_payments.order_by("-created_at", "-pk").first()
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
        # the card went through at Stripe; the order is paid once Stripe's signed webhook arrives
        "card_confirming": bool(
            card and not card.credited and card.status in (CardStatus.PROCESSING, CardStatus.SUCCEEDED)
        ),
        "card_failure": card.failure_message if card and not card.credited else "",
    }


def transfers_needing_staff() -> QuerySet:
    return BankTransfer.objects.filter(
        outcome__in=[TransferOutcome.UNMATCHED, TransferOutcome.OTHER_ACCOUNT]
    ).order_by("-received_at")


def payments_needing_staff() -> QuerySet:
    """Money to give back, orders paid only in part, and card payments their cardholder disputed."""
    return (
        Payment.objects.select_related("order")
        .filter(
            Q(refund_due__gt=0)
            | Q(status=PaymentStatus.PARTIALLY_PAID)
            | Q(
                pk__in=CardPayment.objects.filter(disputed_at__isnull=False)
                .exclude(dispute_outcome="won")
                .values("payment")
            )
        )
        .annotate(disputed=Max("card_payments__disputed_at"))
        .order_by("-updated_at")
    )


# Paying shops and their commission (the Union's pages under /payments/staff/).


@dataclass(frozen=True)
class ShopAmount:
    """A shop and a sum: what she can be paid (and, when her bank account is incomplete, what is
    missing), or what she owes."""

    shop: Shop
    amount: int
    missing: tuple[str, ...] = ()

    @property
    def bank(self) -> str:
        return bank_name(self.shop.bank_bin)


def _missing_bank_details(shop: Shop) -> tuple[str, ...]:
    missing = []
    if not shop.bank_bin or not bank_name(shop.bank_bin):
        missing.append(str(_("chưa có ngân hàng")))
    if not shop.account_number:
        missing.append(str(_("chưa có số tài khoản")))
    if not shop.account_holder:
        missing.append(str(_("chưa có tên chủ tài khoản")))
    return tuple(missing)


def payable_shops() -> tuple[list[ShopAmount], list[ShopAmount]]:
    """Shops whose available balance is at least PAYOUT_MINIMUM, by name: those a batch can pay, and
    those whose bank account is incomplete (one query)."""
    minimum = max(settings.PAYOUT_MINIMUM, 1)
    accounts = (
        Account.objects.filter(shop__isnull=False, code__endswith=":available", balance__lte=-minimum)
        .select_related("shop")
        .order_by("shop__name", "shop_id")
    )
    ready, incomplete = [], []
    for account in accounts:
        row = ShopAmount(
            shop=account.shop, amount=-account.balance, missing=_missing_bank_details(account.shop)
        )
        (incomplete if row.missing else ready).append(row)
    return ready, incomplete


def shops_below_payout_minimum() -> dict[str, int]:
    """How many shops have some money available, but less than PAYOUT_MINIMUM, and how much (one query)."""
    minimum = max(settings.PAYOUT_MINIMUM, 1)
    return Account.objects.filter(
        shop__isnull=False, code__endswith=":available", balance__lt=0, balance__gt=-minimum
    ).aggregate(count=Count("pk"), total=Coalesce(-Sum("balance"), 0))


def shops_owing() -> list[ShopAmount]:
    """Shops whose available balance is below zero (the amount, negative), most owed first: a part
    of an order taken back after its money was released. Her next sales pay it back before she is
    paid again (one query)."""
    accounts = (
        Account.objects.filter(shop__isnull=False, code__endswith=":available", balance__gt=0)
        .select_related("shop")
        .order_by("-balance", "shop_id")
    )
    return [ShopAmount(shop=account.shop, amount=-account.balance) for account in accounts]


def payout_batches() -> QuerySet:
    """Batches, newest first, each with its number of payouts, its total and how many are in transit."""
    return (
        PayoutBatch.objects.select_related("created_by")
        .order_by("-created_at", "-pk")
        .annotate(
            payout_count=Count("payouts"),
            total=Coalesce(Sum("payouts__amount"), 0),
            in_transit=Count("payouts", filter=Q(payouts__status=PayoutStatus.IN_TRANSIT)),
            sent=Count("payouts", filter=Q(payouts__status=PayoutStatus.SENT)),
            needs_staff=Count(
                "payouts", filter=Q(payouts__status__in=[PayoutStatus.MISMATCH, PayoutStatus.RETURNED])
            ),
        )
    )


def batch_payouts(*, batch: PayoutBatch) -> list[Payout]:
    """The batch's payouts in the order they were made, with their shop and their log (two queries)."""
    return list(batch.payouts.select_related("shop").prefetch_related("events").order_by("pk"))


def shops_with_commission(*, search: str = "") -> QuerySet:
    """Shops whose pages are up, by name, each with `rate_bp`: the rate in force now, or None when
    the marketplace's default applies."""
    current = CommissionRate.objects.filter(shop=OuterRef("pk"), starts_at__lte=timezone.now()).order_by(
        "-starts_at", "-pk"
    )
    shops = (
        Shop.objects.visible()
        .annotate(rate_bp=Subquery(current.values("rate_bp")[:1]))
        .order_by("name", "pk")
    )
    search = search.strip()
    return shops.filter(name__icontains=search) if search else shops


def commission_history(*, shop: Shop) -> QuerySet:
    """The shop's rates, newest first, with who set them."""
    return CommissionRate.objects.filter(shop=shop).select_related("set_by").order_by("-starts_at", "-pk")
