"""Every change of a payment: each one locks the payment's row, checks its state and logs an event.

Lock order is always transfer, then payment, then shop orders and stock, so that a bank
transfer, a staff action, a shop's cancellation and the expiry job arriving together queue up
instead of deadlocking, and whichever comes second sees what the first one did. What a payment's
fate does to its order is order.transitions' business; this module calls it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from marketplace.lifecycle import Lifecycle, TransitionRefused, require_text
from order import transitions as order_transitions
from order.models import ShopOrder

from . import books
from .models import BankTransfer, Payment, PaymentEvent, PaymentStatus, TransferOutcome
from .notifications import NOTIFIED_STATUSES
from .references import new_reference

PAYMENT = Lifecycle(
    model=Payment,
    event_model=PaymentEvent,
    notify_task="payments.tasks.notify_payment_event",
)


def _log(
    payment: Payment,
    *,
    from_status: str,
    amount: int = 0,
    transfer=None,
    actor=None,
    note="",
    notify: bool | None = None,
) -> PaymentEvent:
    """Log the change (`amount`: money in, or negative, money given back). The buyer hears of a new
    status she cares about unless `notify` says otherwise (she hears of it by another email)."""
    if notify is None:
        notify = payment.status != from_status and payment.status in NOTIFIED_STATUSES
    return PAYMENT.log(
        payment,
        from_status=from_status,
        to_status=payment.status,
        amount=amount,
        transfer=transfer,
        actor=actor,
        note=note,
        notify=notify,
    )


def payment_open(*, order, amount_due: int) -> Payment:
    """The order's single payment, with a fresh reference for the transfer memo."""
    expires_at = timezone.now() + timedelta(hours=settings.PAYMENT_EXPIRY_HOURS)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    order=order, reference=new_reference(), amount_due=amount_due, expires_at=expires_at
                )
        except IntegrityError:  # a reference already taken: 1 in billions, draw again
            continue
        _log(payment, from_status="")
        return payment
    raise RuntimeError("could not draw an unused payment reference")


def credit(
    payment: Payment, *, amount: int, transfer=None, actor=None, note: str = "", by_card: bool = False
) -> tuple[str, PaymentEvent]:
    """Add money to an open (locked) payment; return the transfer outcome it amounts to, and the
    event. Once it is paid, the shops' parts go to their balances in the books, and what completed
    it is kept: a bank feed's transfer, a card, or staff by hand."""
    from_status = payment.status
    payment.amount_received += amount
    excess = 0
    if payment.amount_kept < payment.amount_due:
        payment.status = PaymentStatus.PARTIALLY_PAID
        outcome = TransferOutcome.PARTIAL
    else:
        payment.status = PaymentStatus.PAID
        payment.paid_at = timezone.now()
        payment.paid_by = (
            Payment.PaidBy.CARD if by_card else Payment.PaidBy.FEED if transfer else Payment.PaidBy.HAND
        )
        excess = payment.amount_kept - payment.amount_due
        payment.refund_due += excess
        outcome = TransferOutcome.OVERPAID if payment.refund_due else TransferOutcome.PAID
    payment.save()
    event = _log(payment, from_status=from_status, amount=amount, transfer=transfer, actor=actor, note=note)
    if payment.status == PaymentStatus.PAID:
        order_transitions.order_mark_paid(order=payment.order, actor=actor, paid_by=payment.paid_by)
        books.paid(payment, event=event, excess=excess)
    return outcome, event


def hold_for_refund(payment: Payment, *, amount: int, transfer=None, actor=None, note: str) -> None:
    """Money we must give back: recorded on the payment, flagged for staff, never lost."""
    payment.amount_received += amount
    payment.refund_due += amount
    payment.save()
    event = _log(
        payment, from_status=payment.status, amount=amount, transfer=transfer, actor=actor, note=note
    )
    books.refund_owed(payment, event=event, amount=amount)


def reinstate(payment: Payment, *, actor=None) -> bool:
    """An expired payment's order comes back if its stock still allows; the clock starts again.

    Money that came while the stock was gone, held to be given back and not given back yet, counts
    towards the order again: the buyer sent it for this order.
    """
    if not order_transitions.order_reinstate(
        order=payment.order, note=_("Khôi phục vì nhận được chuyển khoản")
    ):
        return False
    from_status, held = payment.status, payment.refund_due
    payment.refund_due = 0
    payment.status = PaymentStatus.PARTIALLY_PAID if payment.amount_kept else PaymentStatus.PENDING
    payment.expires_at = timezone.now() + timedelta(hours=settings.PAYMENT_EXPIRY_HOURS)
    payment.save()
    event = _log(payment, from_status=from_status, actor=actor, note=_("Đơn được khôi phục"))
    books.refund_owed(payment, event=event, amount=-held)
    return True


@transaction.atomic
def payment_confirm_by_hand(*, payment_id: int, actor, note: str) -> Payment:
    """Staff saw the money arrive (e.g. on the bank's statement) before or without a bank feed."""
    note = require_text(
        " ".join(note.split()), why=_("Hãy ghi chú vì sao xác nhận bằng tay (ví dụ: mã giao dịch ngân hàng).")
    )
    payment = PAYMENT.lock(payment_id)
    if payment.status == PaymentStatus.PAID:
        raise TransitionRefused(_("Thanh toán này đã hoàn tất."))
    if payment.status == PaymentStatus.CANCELLED:
        raise TransitionRefused(_("Đơn này đã bị huỷ."))
    if payment.status == PaymentStatus.EXPIRED and not reinstate(payment, actor=actor):
        raise TransitionRefused(_("Đơn đã hết hạn và không còn đủ hàng để khôi phục."))
    amount = payment.amount_remaining
    payment.awaiting_feed += amount  # when the feed reports this transfer, it is not counted twice
    _outcome, event = credit(payment, amount=amount, actor=actor, note=note.strip())
    books.confirmed_by_hand(payment, event=event, amount=amount)
    return payment


def payment_expire(*, payment_id: int, now: datetime | None = None) -> bool:
    """An untouched payment past its time: the order is cancelled and its stock released."""
    now = now or timezone.now()
    with transaction.atomic():
        payment = PAYMENT.lock(payment_id, queryset=Payment.objects.select_related("order"))
        if payment.status != PaymentStatus.PENDING or payment.expires_at > now:
            return False  # paid, partly paid or reinstated meanwhile: nothing to expire
        payment.status = PaymentStatus.EXPIRED
        payment.save()
        _log(payment, from_status=PaymentStatus.PENDING, note=_("Quá hạn thanh toán"))
        order_transitions.order_cancel_unpaid(order=payment.order, note=_("Quá hạn thanh toán"))
    return True


def expire_overdue_payments(*, now: datetime | None = None) -> int:
    """Expire every overdue pending payment, each in its own transaction; safe to run twice."""
    now = now or timezone.now()
    overdue = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now)
    return sum(payment_expire(payment_id=pk, now=now) for pk in overdue.values_list("pk", flat=True))


def _cancel(payment: Payment, *, actor, note: str) -> Payment:
    from_status, kept = payment.status, payment.amount_kept
    payment.status = PaymentStatus.CANCELLED
    payment.refund_due += kept
    payment.save()
    event = _log(payment, from_status=from_status, actor=actor, note=note)
    books.refund_owed(payment, event=event, amount=kept)
    order_transitions.order_cancel_unpaid(order=payment.order, note=note)
    return payment


@transaction.atomic
def payment_cancel(*, payment_id: int, actor, note: str) -> Payment:
    """Staff cancel an order not fully paid (the buyer gave up, or never sent the rest): its stock
    goes back on sale and whatever she sent is owed back to her."""
    note = require_text(" ".join(note.split()), why=_("Hãy ghi lý do huỷ đơn."))
    payment = PAYMENT.lock(payment_id, queryset=Payment.objects.select_related("order"))
    if not payment.is_open:
        raise TransitionRefused(_("Chỉ huỷ được đơn đang chờ chuyển khoản hoặc mới trả một phần."))
    return _cancel(payment, actor=actor, note=note)


@transaction.atomic
def payment_cancel_by_buyer(*, payment_id: int, actor=None) -> Payment:
    """The buyer changed her mind before sending anything: the stock goes back on sale now rather
    than at the expiry. Once money has come, only staff cancel, since they must give it back."""
    payment = PAYMENT.lock(payment_id, queryset=Payment.objects.select_related("order"))
    if payment.status != PaymentStatus.PENDING:
        raise TransitionRefused(
            _("Đơn này không huỷ được nữa: Chợ Sen đã nhận tiền hoặc đơn đã đóng. Hãy liên hệ Hội.")
        )
    return _cancel(payment, actor=actor, note=_("Người mua huỷ đơn"))


@transaction.atomic
def payment_cancel_shop_order(*, shop_order_id: int, actor, reason: str, details: str = "") -> ShopOrder:
    """A shop cannot fulfil its paid part of the order: the order's side is order.transitions'
    (stock back on sale, the buyer emailed why); here the buyer owes that part (items and shipping)
    less and is owed it back, and the payment is cancelled when no shop is left."""
    payment = PAYMENT.lock(Payment.objects.values_list("pk", flat=True).get(order__shop_orders=shop_order_id))
    event, nothing_left = order_transitions.shop_order_cancel(
        shop_order_id=shop_order_id, actor=actor, reason=reason, details=details
    )
    shop_order = event.shop_order
    if payment.status != PaymentStatus.PAID or not 0 < shop_order.total <= payment.amount_due:
        raise TransitionRefused(_("Thanh toán của đơn này không cho phép hoàn phần đã huỷ."))
    from_status = payment.status
    payment.amount_due -= shop_order.total
    payment.refund_due += shop_order.total
    if nothing_left:
        payment.status = PaymentStatus.CANCELLED
    payment.save()
    note = _("Gian hàng %(shop)s huỷ phần đơn %(number)s: %(reason)s") % {
        "shop": shop_order.shop.name,
        "number": shop_order.number,
        "reason": shop_order.cancel_reason,
    }
    event = _log(
        payment, from_status=from_status, actor=actor, note=note, notify=False
    )  # the shop's email says it
    books.shop_part_cancelled(shop_order, event=event)
    _refund_to_card_after_commit(payment)
    return shop_order


def _refund_to_card_after_commit(payment: Payment) -> None:
    """A card-paid order's money owed back goes back to the card, by a task after the commit."""
    if payment.card_payments.filter(credited=True).exists():
        from .tasks import refund_to_card  # tasks import the services that import this module

        refund_to_card.delay_on_commit(payment.pk)


@transaction.atomic
def payment_record_refund(*, payment_id: int, actor, amount: int, note: str) -> Payment:
    """Staff gave money back to the buyer (a bank transfer from the collection account)."""
    note = require_text(" ".join(note.split()), why=_("Hãy ghi mã giao dịch hoàn tiền của ngân hàng."))
    payment = PAYMENT.lock(payment_id)
    if not 0 < amount <= payment.refund_due:
        raise TransitionRefused(
            _("Số tiền hoàn phải từ 1 ₫ đến %(due)s.") % {"due": currency(payment.refund_due)}
        )
    payment.refund_due -= amount
    payment.amount_refunded += amount
    payment.save()
    event = _log(payment, from_status=payment.status, amount=-amount, actor=actor, note=note, notify=True)
    books.refund_recorded(payment, event=event, amount=amount)
    return payment


def refund_given(payment: Payment, *, amount: int, note: str, transfer=None, actor=None) -> PaymentEvent:
    """Money owed to the buyer went back to her (seen leaving on the feed, or refunded to her card):
    recorded on the (locked) payment, and she hears of it as if staff had typed it in."""
    payment.refund_due -= amount
    payment.amount_refunded += amount
    payment.save()
    return _log(
        payment,
        from_status=payment.status,
        amount=-amount,
        transfer=transfer,
        actor=actor,
        note=note,
        notify=True,
    )


def refund_seen_on_feed(payment: Payment, *, transfer: BankTransfer, amount: int) -> None:
    """The feed shows a refund of this (locked) payment leaving that nobody recorded by hand."""
    refund_given(payment, amount=amount, transfer=transfer, note=_("Hoàn tiền, theo sao kê"))


def note_card_dispute(payment: Payment, *, card) -> None:
    """The cardholder disputed the (locked) payment's card charge, or the dispute ended: logged for
    staff (to answer it on Stripe, or to settle a lost one)."""
    notes = {
        "": _("Chủ thẻ khiếu nại %(amount)s (Stripe %(dispute)s): cán bộ cần trả lời trên Stripe."),
        "won": _("Khiếu nại %(dispute)s kết thúc: Hội thắng, Stripe trả lại %(amount)s."),
        "lost": _(
            "Khiếu nại %(dispute)s kết thúc: chủ thẻ được hoàn %(amount)s. "
            "Cán bộ cần quyết định cách bù khoản này."
        ),
    }
    _log(
        payment,
        from_status=payment.status,
        note=notes[card.dispute_outcome]
        % {"amount": currency(card.disputed_amount), "dispute": card.dispute_id},
        notify=False,
    )


def note_settled_on_feed(payment: Payment, *, transfer: BankTransfer) -> None:
    """The feed shows a transfer that staff had already confirmed by hand: logged, not counted."""
    _log(
        payment,
        from_status=payment.status,
        transfer=transfer,
        note=_("Chuyển khoản này đã được xác nhận tay trước đó."),
        notify=False,
    )


def note_refund_beyond_owed(payment: Payment, *, amount: int, refund_id: str) -> None:
    """Stripe reports a refund of more than the buyer was owed here: logged for staff."""
    _log(
        payment,
        from_status=payment.status,
        note=_("Stripe báo hoàn %(amount)s (%(id)s) ngoài Chợ Sen, quá số cần hoàn: cán bộ cần kiểm tra.")
        % {"amount": currency(amount), "id": refund_id},
        notify=False,
    )
