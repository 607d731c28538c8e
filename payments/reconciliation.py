"""Do the books agree with themselves and with the money records? (manage.py ledger_check)

Each check yields what is wrong, in words a member of staff can act on, naming the account,
transaction, payment or shop; nothing yielded means the books balance.
"""

from collections.abc import Iterator

from django.db.models import Q, Sum

from ledger.models import Account, Entry
from ledger.selectors import balance
from ledger.services import SystemAccount
from order.models import ShopOrder, ShopOrderStatus

from .models import BankTransfer, CardPayment, CardRefund, Payment, Payout, PayoutStatus, TransferOutcome

NOT_IN_THE_BOOKS = (TransferOutcome.NEW, TransferOutcome.OTHER_ACCOUNT)


def _sums_by(entries, field: str) -> dict:
    return dict(entries.values_list(field).annotate(total=Sum("amount")).order_by())


def unbalanced_transactions() -> Iterator[str]:
    for transaction_id, total in (
        Entry.objects.values_list("transaction_id").annotate(total=Sum("amount")).exclude(total=0).order_by()
    ):
        yield f"transaction #{transaction_id} does not balance: its entries sum to {total}"


def running_balances() -> Iterator[str]:
    sums = _sums_by(Entry.objects.filter(account__shop__isnull=False), "account_id")
    for account in Account.objects.filter(shop__isnull=False).order_by("pk"):
        if account.balance != sums.get(account.pk, 0):
            entries = sums.get(account.pk, 0)
            yield f"account {account.code}: balance {account.balance} but its entries sum to {entries}"


def bank_against_feeds() -> Iterator[str]:
    recorded = BankTransfer.objects.exclude(outcome__in=NOT_IN_THE_BOOKS)
    incoming = recorded.filter(incoming=True).aggregate(total=Sum("amount"))["total"] or 0
    outgoing = recorded.filter(incoming=False).aggregate(total=Sum("amount"))["total"] or 0
    in_books = balance(SystemAccount.BANK)
    if in_books != incoming - outgoing:
        yield (
            f"account {SystemAccount.BANK}: {in_books} in the books, "
            f"but the feeds reported {incoming} in and {outgoing} out"
        )


def card_clearing_against_cards() -> Iterator[str]:
    """What Stripe holds for us = card payments that succeeded, less its fees, refunds and the
    disputes not won."""
    cards = CardPayment.objects.filter(credited=True).aggregate(
        paid=Sum("amount"), fees=Sum("fee"), disputed=Sum("disputed_amount", filter=~Q(dispute_outcome="won"))
    )
    refunded = CardRefund.objects.aggregate(total=Sum("amount"))["total"] or 0
    expected = (cards["paid"] or 0) - (cards["fees"] or 0) - (cards["disputed"] or 0) - refunded
    in_books = balance(SystemAccount.CARD_CLEARING)
    if in_books != expected:
        yield (
            f"account {SystemAccount.CARD_CLEARING}: {in_books} in the books, but the card payments "
            f"say {expected} (paid {cards['paid'] or 0}, fees {cards['fees'] or 0}, refunded {refunded}, "
            f"disputed {cards['disputed'] or 0})"
        )


def payments_against_books() -> Iterator[str]:
    """received = kept for the order + owed back + refunded, by the payment's record and by the books."""
    by_order = {
        code: _sums_by(
            Entry.objects.filter(account__code=code, transaction__order__isnull=False),
            "transaction__order_id",
        )
        for code in (SystemAccount.RECEIVED, SystemAccount.REFUNDS_OWED, SystemAccount.CONFIRMED_BY_HAND)
    }
    refunded = _sums_by(
        Entry.objects.filter(
            account__code=SystemAccount.REFUNDS_OWED, kind="refund", transaction__order__isnull=False
        ),
        "transaction__order_id",
    )
    for payment in Payment.objects.order_by("pk").iterator():
        expected = {
            "held for the order": (
                -by_order[SystemAccount.RECEIVED].get(payment.order_id, 0),
                payment.amount_kept if payment.is_open else 0,
            ),
            "owed back": (-by_order[SystemAccount.REFUNDS_OWED].get(payment.order_id, 0), payment.refund_due),
            "refunded": (refunded.get(payment.order_id, 0), payment.amount_refunded),
            "confirmed by hand, not yet on a feed": (
                by_order[SystemAccount.CONFIRMED_BY_HAND].get(payment.order_id, 0),
                payment.awaiting_feed,
            ),
        }
        for what, (in_books, on_record) in expected.items():
            if in_books != on_record:
                yield f"payment {payment.reference}: {what} is {on_record} on record, {in_books} in the books"


def shops_against_orders() -> Iterator[str]:
    """What each shop is owed = its sales less commission, less cancellations, less payouts."""
    owed = _sums_by(Entry.objects.filter(account__shop__isnull=False), "account__shop_id")
    standing = ShopOrder.objects.exclude(status=ShopOrderStatus.CANCELLED).filter(
        commission_rate_bp__isnull=False
    )
    earned = dict(
        standing.values_list("shop_id")
        .annotate(total=Sum("items_total") + Sum("shipping_fee") - Sum("commission") - Sum("card_fee"))
        .order_by()
    )
    paid_out = dict(
        Payout.objects.filter(~Q(status=PayoutStatus.RETURNED))
        .values_list("shop_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for shop_id in sorted(set(owed) | set(earned) | set(paid_out)):
        in_books = -owed.get(shop_id, 0)
        expected = earned.get(shop_id, 0) - paid_out.get(shop_id, 0)
        if in_books != expected:
            yield f"shop #{shop_id}: owed {in_books} in the books, but its orders and payouts say {expected}"


CHECKS = (
    unbalanced_transactions,
    running_balances,
    bank_against_feeds,
    card_clearing_against_cards,
    payments_against_books,
    shops_against_orders,
)


def books_problems() -> Iterator[str]:
    for check in CHECKS:
        yield from check()
