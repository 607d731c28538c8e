"""What each money event posts to the books (ledger), and under which key.

Every function here is called inside the transaction of the business change it records, after the
rows it reads are locked (transfer, payment, shop order, then the shop's accounts), and posts under
the key of that event, so the books move exactly when the money does and never twice. Amounts are
debits (+) and credits (−) of whole đồng; the accounts are described in ledger.services.

  a transfer in ......... bank → received (for its order) | unallocated (no order known)
                          | confirmed by hand (money staff had already confirmed for the order)
  staff assign it ....... unallocated → received
  staff confirm by hand . confirmed by hand → received
  a payment is paid ..... received → each shop's pending (items, shipping, less commission)
                          + commission; any excess → refunds owed
  money to give back .... received → refunds owed (or back, when a late order is reinstated)
  a shop cancels ........ its pending (then available) + the commission → refunds owed
  a refund sent ......... refunds owed → bank (seen on the feed), or → refunds sent (recorded by
                          hand), which the feed's transfer later settles → bank
  delivered + hold ...... the shop's pending → available
  a payout .............. available → in transit → bank (on the feed); returned: bank → available
  money out, unexplained  suspense → bank, for staff to look into
  a card payment ........ card clearing (Stripe holds it) → received, as a transfer in does
  Stripe's fee .......... card fees → card clearing; passed on: each shop's pending → card fees
  a refund to the card .. refunds owed → card clearing
  a dispute ............. card clearing → card disputes (Stripe holds the amount meanwhile);
                          won: back to card clearing; lost: to suspense, for staff to settle
"""

from django.conf import settings
from django.utils import timezone

from ledger.models import Transaction
from ledger.services import Line, ShopAccounts, SystemAccount, locked_shop_accounts, post, shop_accounts
from ledger.services import system_accounts as accounts
from order.models import ShopOrder, ShopOrderStatus

from .models import BankTransfer, CardPayment, CardRefund, CommissionRate, Payment, PaymentEvent, Payout


def commission_rate_bp(*, shop, at=None) -> int:
    """The shop's commission rate in force at `at` (basis points), or the marketplace's default."""
    rate = (
        CommissionRate.objects.filter(shop=shop, starts_at__lte=at or timezone.now())
        .values_list("rate_bp", flat=True)
        .first()
    )
    return settings.COMMISSION_RATE_BP if rate is None else rate


def commission_on(items_total: int, rate_bp: int) -> int:
    """Commission on the items (never on shipping), rounded to the nearest đồng, halves up."""
    return (items_total * rate_bp + 5_000) // 10_000


def transfer_in(transfer: BankTransfer, *, order=None, settles: int = 0) -> Transaction | None:
    """Money the bank feed saw arrive on the collection account."""
    a = accounts(
        SystemAccount.BANK, SystemAccount.RECEIVED, SystemAccount.UNALLOCATED, SystemAccount.CONFIRMED_BY_HAND
    )
    lines = [Line(a[SystemAccount.BANK], transfer.amount, "transfer_in")]
    if order is None:
        lines.append(Line(a[SystemAccount.UNALLOCATED], -transfer.amount, "transfer_in"))
    else:
        lines += [
            Line(a[SystemAccount.CONFIRMED_BY_HAND], -settles, "settled"),
            Line(a[SystemAccount.RECEIVED], -(transfer.amount - settles), "transfer_in"),
        ]
    return post(key=f"transfer:{transfer.pk}:in", kind="transfer_in", lines=lines, order=order)


def transfer_assigned(transfer: BankTransfer, *, order, settles: int, actor) -> Transaction | None:
    """Staff gave an unmatched transfer its order."""
    a = accounts(SystemAccount.UNALLOCATED, SystemAccount.RECEIVED, SystemAccount.CONFIRMED_BY_HAND)
    lines = [
        Line(a[SystemAccount.UNALLOCATED], transfer.amount, "assigned"),
        Line(a[SystemAccount.CONFIRMED_BY_HAND], -settles, "settled"),
        Line(a[SystemAccount.RECEIVED], -(transfer.amount - settles), "assigned"),
    ]
    return post(
        key=f"transfer:{transfer.pk}:assigned", kind="assigned", lines=lines, order=order, actor=actor
    )


def confirmed_by_hand(payment: Payment, *, event: PaymentEvent, amount: int) -> Transaction | None:
    """Staff saw the money on the bank's statement before any feed did."""
    a = accounts(SystemAccount.CONFIRMED_BY_HAND, SystemAccount.RECEIVED)
    lines = [
        Line(a[SystemAccount.CONFIRMED_BY_HAND], amount, "confirmed"),
        Line(a[SystemAccount.RECEIVED], -amount, "confirmed"),
    ]
    return post(
        key=f"payment-event:{event.pk}:confirmed_by_hand",
        kind="confirmed_by_hand",
        lines=lines,
        order=payment.order,
        actor=event.actor,
    )


def _sale_lines(shop_order: ShopOrder, pending) -> list[Line]:
    return [
        Line(pending, -shop_order.items_total, "sale"),
        Line(pending, -shop_order.shipping_fee, "shipping"),
        Line(pending, shop_order.commission, "commission"),
    ]


def paid(payment: Payment, *, event: PaymentEvent, excess: int) -> Transaction | None:
    """The payment is complete: each shop's part goes to its pending balance less commission, at the
    rate in force now (kept on the shop order), and anything paid beyond the order is owed back."""
    a = accounts(SystemAccount.RECEIVED, SystemAccount.COMMISSION, SystemAccount.REFUNDS_OWED)
    lines = [Line(a[SystemAccount.RECEIVED], payment.amount_due + excess, "allocated")]
    for shop_order in (
        ShopOrder.objects.select_for_update(of=("self",))
        .select_related("shop")
        .filter(order_id=payment.order_id, status=ShopOrderStatus.PAID)
    ):
        shop_order.commission_rate_bp = commission_rate_bp(shop=shop_order.shop)
        shop_order.commission = commission_on(shop_order.items_total, shop_order.commission_rate_bp)
        shop_order.save(update_fields=["commission", "commission_rate_bp"])
        lines += _sale_lines(shop_order, shop_accounts(shop_order.shop).pending)
        lines.append(Line(a[SystemAccount.COMMISSION], -shop_order.commission, "commission"))
    lines.append(Line(a[SystemAccount.REFUNDS_OWED], -excess, "refund_owed"))
    return post(
        key=f"payment-event:{event.pk}:paid", kind="paid", lines=lines, order=payment.order, actor=event.actor
    )


def refund_owed(payment: Payment, *, event: PaymentEvent, amount: int) -> Transaction | None:
    """Money the payment holds that must go back to the buyer (negative: a held sum counts again)."""
    a = accounts(SystemAccount.RECEIVED, SystemAccount.REFUNDS_OWED)
    lines = [
        Line(a[SystemAccount.RECEIVED], amount, "refund_owed"),
        Line(a[SystemAccount.REFUNDS_OWED], -amount, "refund_owed"),
    ]
    return post(
        key=f"payment-event:{event.pk}:refund_owed",
        kind="refund_owed",
        lines=lines,
        order=payment.order,
        actor=event.actor,
    )


def shop_part_cancelled(shop_order: ShopOrder, *, event: PaymentEvent) -> Transaction | None:
    """A shop cancelled its paid part: its share leaves its pending balance (then its available one,
    which may go negative and is recovered from her next sales), the commission is given up, and the
    whole part is owed to the buyer."""
    balances = locked_shop_accounts(shop_order.shop)
    owed_pending = max(-balances.pending.balance, 0)
    from_pending = min(owed_pending, shop_order.shop_share)
    a = accounts(SystemAccount.COMMISSION, SystemAccount.REFUNDS_OWED, SystemAccount.CARD_FEES)
    lines = [
        Line(balances.pending, from_pending, "cancellation"),
        Line(balances.available, shop_order.shop_share - from_pending, "cancellation"),
        Line(a[SystemAccount.COMMISSION], shop_order.commission, "commission"),
        Line(a[SystemAccount.CARD_FEES], shop_order.card_fee, "card_fee"),  # the Union bears it now
        Line(a[SystemAccount.REFUNDS_OWED], -shop_order.total, "refund_owed"),
    ]
    return post(
        key=f"payment-event:{event.pk}:cancellation",
        kind="cancellation",
        lines=lines,
        order=shop_order.order,
        shop_order=shop_order,
        actor=event.actor,
    )


def refund_recorded(payment: Payment, *, event: PaymentEvent, amount: int) -> Transaction | None:
    """Staff say they sent money back; the bank feed will show it leave (refund_seen)."""
    a = accounts(SystemAccount.REFUNDS_OWED, SystemAccount.REFUNDS_SENT)
    lines = [
        Line(a[SystemAccount.REFUNDS_OWED], amount, "refund"),
        Line(a[SystemAccount.REFUNDS_SENT], -amount, "refund"),
    ]
    return post(
        key=f"payment-event:{event.pk}:refund_recorded",
        kind="refund_recorded",
        lines=lines,
        order=payment.order,
        actor=event.actor,
    )


def refund_seen(transfer: BankTransfer, *, order, recorded_earlier: int) -> Transaction | None:
    """The feed saw a refund leave the collection account: what staff recorded earlier is settled,
    the rest is a refund recorded from the feed itself."""
    a = accounts(SystemAccount.REFUNDS_SENT, SystemAccount.REFUNDS_OWED, SystemAccount.BANK)
    lines = [
        Line(a[SystemAccount.REFUNDS_SENT], recorded_earlier, "refund"),
        Line(a[SystemAccount.REFUNDS_OWED], transfer.amount - recorded_earlier, "refund"),
        Line(a[SystemAccount.BANK], -transfer.amount, "transfer_out"),
    ]
    return post(key=f"transfer:{transfer.pk}:out", kind="refund_sent", lines=lines, order=order)


def unexplained_out(transfer: BankTransfer) -> Transaction | None:
    """Money left the collection account and nothing here explains it: staff must look."""
    a = accounts(SystemAccount.SUSPENSE, SystemAccount.BANK)
    lines = [
        Line(a[SystemAccount.SUSPENSE], transfer.amount, "transfer_out"),
        Line(a[SystemAccount.BANK], -transfer.amount, "transfer_out"),
    ]
    return post(key=f"transfer:{transfer.pk}:out", kind="unexplained_out", lines=lines)


def funds_released(shop_order: ShopOrder) -> Transaction | None:
    """Delivered and past the hold: the shop's share can be paid out."""
    accounts_of_shop = shop_accounts(shop_order.shop)
    lines = [
        Line(accounts_of_shop.pending, shop_order.shop_share, "release"),
        Line(accounts_of_shop.available, -shop_order.shop_share, "release"),
    ]
    return post(
        key=f"shop-order:{shop_order.pk}:released", kind="release", lines=lines, shop_order=shop_order
    )


def payout_made(payout: Payout, *, balances: ShopAccounts, actor) -> Transaction | None:
    a = accounts(SystemAccount.PAYOUTS_IN_TRANSIT)
    lines = [
        Line(balances.available, payout.amount, "payout"),
        Line(a[SystemAccount.PAYOUTS_IN_TRANSIT], -payout.amount, "payout"),
    ]
    return post(key=f"payout:{payout.pk}:made", kind="payout", lines=lines, actor=actor)


def payout_seen(payout: Payout, *, transfer: BankTransfer) -> Transaction | None:
    """The feed saw the payout leave, for its exact amount."""
    a = accounts(SystemAccount.PAYOUTS_IN_TRANSIT, SystemAccount.BANK)
    lines = [
        Line(a[SystemAccount.PAYOUTS_IN_TRANSIT], transfer.amount, "payout_sent"),
        Line(a[SystemAccount.BANK], -transfer.amount, "transfer_out"),
    ]
    return post(key=f"transfer:{transfer.pk}:out", kind="payout_sent", lines=lines)


def payout_returned(payout: Payout, *, transfer: BankTransfer) -> Transaction | None:
    """Her bank sent the payout back: the money is hers to be paid again."""
    a = accounts(SystemAccount.BANK)
    lines = [
        Line(a[SystemAccount.BANK], transfer.amount, "transfer_in"),
        Line(shop_accounts(payout.shop).available, -transfer.amount, "payout_returned"),
    ]
    return post(key=f"transfer:{transfer.pk}:in", kind="payout_returned", lines=lines)


def card_in(card: CardPayment, *, order) -> Transaction | None:
    """A card payment succeeded: Stripe holds the money, for this order."""
    a = accounts(SystemAccount.CARD_CLEARING, SystemAccount.RECEIVED)
    lines = [
        Line(a[SystemAccount.CARD_CLEARING], card.amount, "card_in"),
        Line(a[SystemAccount.RECEIVED], -card.amount, "card_in"),
    ]
    return post(key=f"card:{card.pk}:in", kind="card_in", lines=lines, order=order)


def card_fee(card: CardPayment, *, passed_on: list[ShopOrder]) -> Transaction | None:
    """Stripe kept its fee from the charge: the Union's cost, less what the shop orders in
    `passed_on` bear (each its `card_fee`, already set)."""
    a = accounts(SystemAccount.CARD_CLEARING, SystemAccount.CARD_FEES)
    lines = [
        Line(a[SystemAccount.CARD_FEES], card.fee, "card_fee"),
        Line(a[SystemAccount.CARD_CLEARING], -card.fee, "card_fee"),
    ]
    for shop_order in passed_on:
        lines += [
            Line(shop_accounts(shop_order.shop).pending, shop_order.card_fee, "card_fee"),
            Line(a[SystemAccount.CARD_FEES], -shop_order.card_fee, "card_fee"),
        ]
    return post(key=f"card:{card.pk}:fee", kind="card_fee", lines=lines, order=card.payment.order)


def card_refunded(refund: CardRefund, *, order, owed: int) -> Transaction | None:
    """Money went back to the buyer's card: what she was `owed`, and anything beyond it (a refund
    made outside Chợ Sen) to suspense, for staff."""
    a = accounts(SystemAccount.REFUNDS_OWED, SystemAccount.SUSPENSE, SystemAccount.CARD_CLEARING)
    lines = [
        Line(a[SystemAccount.REFUNDS_OWED], owed, "refund"),
        Line(a[SystemAccount.SUSPENSE], refund.amount - owed, "refund"),
        Line(a[SystemAccount.CARD_CLEARING], -refund.amount, "refund"),
    ]
    return post(
        key=f"card-refund:{refund.pk}", kind="card_refund", lines=lines, order=order, actor=refund.actor
    )


def card_disputed(card: CardPayment, *, order) -> Transaction | None:
    """The cardholder disputed the charge: Stripe took the amount back until the dispute ends."""
    a = accounts(SystemAccount.CARD_CLEARING, SystemAccount.CARD_DISPUTES)
    lines = [
        Line(a[SystemAccount.CARD_DISPUTES], card.disputed_amount, "dispute"),
        Line(a[SystemAccount.CARD_CLEARING], -card.disputed_amount, "dispute"),
    ]
    return post(key=f"card:{card.pk}:dispute", kind="card_dispute", lines=lines, order=order)


def card_dispute_closed(card: CardPayment, *, order) -> Transaction | None:
    """The dispute ended: won, Stripe gives the amount back; lost, the cardholder keeps it and it
    waits in suspense while staff decide (the shop was paid for a sale the card no longer pays)."""
    a = accounts(SystemAccount.CARD_CLEARING, SystemAccount.CARD_DISPUTES, SystemAccount.SUSPENSE)
    to = SystemAccount.CARD_CLEARING if card.dispute_outcome == "won" else SystemAccount.SUSPENSE
    lines = [
        Line(a[to], card.disputed_amount, "dispute"),
        Line(a[SystemAccount.CARD_DISPUTES], -card.disputed_amount, "dispute"),
    ]
    return post(key=f"card:{card.pk}:dispute-closed", kind="card_dispute_closed", lines=lines, order=order)
