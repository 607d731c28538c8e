"""Matching what the bank feeds report on the collection account, at most once per bank movement.

Money in carries a payment reference in its memo (the buyer's order), or a payout reference (a
payout her bank sent back), or nothing staff can match yet. Money out carries a payout reference (the
Union paying a shop), or a payment reference (a refund to the buyer), or nothing: then it waits in
the books' suspense account for staff. Every movement is booked (payments.books) in the same
transaction that matches it.

Money staff confirmed by hand before any feed saw it is remembered on the payment
(`awaiting_feed`): when the transfer does show up on the feed it settles that confirmation instead of
counting as a second payment.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ledger.selectors import order_balance
from ledger.services import SystemAccount
from marketplace.lifecycle import TransitionRefused

from . import books, payouts, transitions
from .models import BankTransfer, Payment, PaymentStatus, Payout, TransferOutcome
from .references import PAYOUT_PREFIX, references_in

LATE_OUTCOMES = {
    PaymentStatus.PAID: (
        TransferOutcome.ALREADY_PAID,
        gettext_lazy("Chuyển khoản thêm cho đơn đã thanh toán: cần hoàn tiền."),
    ),
    PaymentStatus.CANCELLED: (
        TransferOutcome.CANCELLED_REFUND,
        gettext_lazy("Chuyển khoản cho đơn đã huỷ: cần hoàn tiền."),
    ),
    PaymentStatus.EXPIRED: (
        TransferOutcome.LATE_REFUND,
        gettext_lazy("Chuyển khoản đến sau khi đơn hết hạn và hàng đã hết: cần hoàn tiền."),
    ),
}


def apply_money(
    payment: Payment,
    *,
    amount: int,
    transfer: BankTransfer | None = None,
    actor=None,
    note: str = "",
    by_card: bool = False,
) -> str:
    """Count `amount` (of a transfer, or of a card payment) towards the (locked) payment it names:
    an open payment is credited, an expired one reinstated if its stock allows, and otherwise the
    money is held to be given back. Returns the outcome."""
    if payment.is_open:
        return transitions.credit(
            payment, amount=amount, transfer=transfer, actor=actor, note=note, by_card=by_card
        )[0]
    if payment.status == PaymentStatus.EXPIRED and transitions.reinstate(payment, actor=actor):
        transitions.credit(payment, amount=amount, transfer=transfer, actor=actor, note=note, by_card=by_card)
        return TransferOutcome.LATE_REINSTATED
    outcome, why = LATE_OUTCOMES[payment.status]
    transitions.hold_for_refund(payment, amount=amount, transfer=transfer, actor=actor, note=str(why))
    return outcome


def _pay(payment: Payment, *, transfer: BankTransfer, book, actor=None, note: str = "") -> str:
    """A transfer for this (locked) payment: what staff confirmed by hand earlier is settled first,
    the rest counts towards the payment. `book(settles)` posts the money's arrival."""
    settles = min(transfer.amount, payment.awaiting_feed)
    book(settles)
    if settles:
        payment.awaiting_feed -= settles
        payment.save(update_fields=["awaiting_feed", "updated_at"])
    if settles == transfer.amount:
        transitions.note_settled_on_feed(payment, transfer=transfer)
        return TransferOutcome.CONFIRMED_EARLIER
    return apply_money(payment, transfer=transfer, amount=transfer.amount - settles, actor=actor, note=note)


def _is_collection_account(account_number: str) -> bool:
    return not account_number or account_number == settings.VIETQR_ACCOUNT_NUMBER


def _money_in(transfer: BankTransfer) -> str:
    payment = Payment.objects.select_for_update().filter(reference__in=references_in(transfer.memo)).first()
    if payment is not None:
        transfer.payment = payment
        return _pay(
            payment,
            transfer=transfer,
            book=lambda settles: books.transfer_in(transfer, order=payment.order, settles=settles),
        )
    payout = Payout.objects.filter(reference__in=references_in(transfer.memo, PAYOUT_PREFIX)).first()
    if payout is not None and payouts.payout_seen_returning(payout.pk, transfer=transfer):
        transfer.payout = payout
        return TransferOutcome.PAYOUT_RETURNED
    books.transfer_in(transfer)
    return TransferOutcome.UNMATCHED


def _refund_out(payment: Payment, transfer: BankTransfer) -> str:
    """A refund of this (locked) payment left: what staff recorded by hand is settled first; the
    rest is recorded now, or, if it is more than the buyer is owed, left to staff."""
    recorded = max(-order_balance(SystemAccount.REFUNDS_SENT, order=payment.order), 0)
    settles = min(recorded, transfer.amount)
    rest = transfer.amount - settles
    if rest > payment.refund_due:
        books.unexplained_out(transfer)
        return TransferOutcome.OUTGOING
    if rest:
        transitions.refund_seen_on_feed(payment, transfer=transfer, amount=rest)
    books.refund_seen(transfer, order=payment.order, recorded_earlier=settles)
    return TransferOutcome.REFUND_SENT


def _money_out(transfer: BankTransfer) -> str:
    payout = Payout.objects.filter(reference__in=references_in(transfer.memo, PAYOUT_PREFIX)).first()
    if payout is not None:
        transfer.payout = payout
        return payouts.payout_seen_leaving(payout.pk, transfer=transfer)
    payment = Payment.objects.select_for_update().filter(reference__in=references_in(transfer.memo)).first()
    if payment is not None:
        transfer.payment = payment
        return _refund_out(payment, transfer)
    books.unexplained_out(transfer)
    return TransferOutcome.OUTGOING


@transaction.atomic
def transfer_process(*, transfer_id: int) -> BankTransfer:
    """Match and book a reported transfer; at most once, ever."""
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer_id)
    if transfer.outcome != TransferOutcome.NEW:
        return transfer  # a redelivered task or a duplicate webhook: already counted
    if not _is_collection_account(transfer.account_number):
        transfer.outcome = TransferOutcome.OTHER_ACCOUNT  # not the Union's money: not in its books
    elif transfer.incoming:
        transfer.outcome = _money_in(transfer)
    else:
        transfer.outcome = _money_out(transfer)
    transfer.processed_at = timezone.now()
    transfer.save()
    return transfer


@transaction.atomic
def transfer_assign(*, transfer_id: int, order_number: str, actor, note: str) -> BankTransfer:
    """Staff match an unmatched transfer to an order by hand (a buyer who typed a wrong memo)."""
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer_id)
    if transfer.outcome != TransferOutcome.UNMATCHED:
        raise TransitionRefused(_("Giao dịch này không nằm trong danh sách chưa khớp."))
    payment = Payment.objects.select_for_update().filter(order__number=str(order_number).strip()).first()
    if payment is None:
        raise TransitionRefused(_("Không có đơn hàng số %(number)s.") % {"number": order_number})
    note = note.strip() or _("Khớp tay")
    transfer.payment = payment
    transfer.outcome = _pay(
        payment,
        transfer=transfer,
        book=lambda settles: books.transfer_assigned(
            transfer, order=payment.order, settles=settles, actor=actor
        ),
        actor=actor,
        note=note,
    )
    transfer.assigned_by = actor
    transfer.note = note
    transfer.processed_at = timezone.now()
    transfer.save()
    return transfer
