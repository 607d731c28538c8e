"""Paying by card: the buyer's card payment from start to refund, behind payments.providers'
CardProcessor (Stripe today).

The money moves only on the processor's signed webhook, processed once per event
(`card_event_process`). Lock order is the webhook call, then the card payment, then the payment
(then shop orders and the shops' accounts, as everywhere). So a webhook sent twice, two workers
at once, a late or out-of-order event, or a buyer who paid by VietQR meanwhile never count money
twice: money that came for an order already paid or closed is owed back, and goes back to the card.
"""

import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.lifecycle import TransitionRefused
from order.models import ShopOrder, ShopOrderStatus

from . import books, matching, transitions
from .models import CardPayment, CardRefund, CardStatus, Payment, PaymentStatus, WebhookCall
from .providers import card_processor, registry
from .providers.base import CardEvent, CardProcessor, ProcessorUnavailable

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = (
    CardStatus.REQUIRES_PAYMENT_METHOD,
    CardStatus.REQUIRES_CONFIRMATION,
    CardStatus.REQUIRES_ACTION,
)


class NotYet(Exception):
    """An event that arrived before the one it follows (a refund before the success): try later."""


def processor() -> CardProcessor | None:
    """The enabled card processor, or None: cards are then not offered."""
    for provider in registry().values():
        if isinstance(provider, CardProcessor) and provider.enabled():
            return provider
    return None


def card_payment_start(*, payment_id: int) -> CardPayment:
    """The card payment for what remains to pay: the unfinished one for that amount (a reload, a
    second tab), or a new one. The idempotency key makes two requests at once one intent."""
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    if not payment.is_open:
        raise TransitionRefused(_("Đơn này không còn chờ thanh toán."))
    amount = payment.amount_remaining
    unfinished = payment.card_payments.filter(amount=amount, credited=False, status__in=RETRYABLE_STATUSES)
    if card := unfinished.first():
        return card
    attempt = payment.card_payments.count() + 1
    intent = processor().create_intent(
        amount=amount,
        reference=payment.reference,
        description=f"Chợ Sen – {payment.order.number}",
        idempotency_key=f"chosen-{payment.reference}-{attempt}-{amount}",
    )
    card, _created = CardPayment.objects.get_or_create(
        intent_id=intent.intent_id,
        defaults={
            "payment": payment,
            "client_secret": intent.client_secret,
            "amount": intent.amount,
            "status": intent.status,
        },
    )
    return card


def card_payment_refresh(*, card_id: int) -> CardPayment:
    """Where the card payment stands at the processor, for the page the buyer comes back to; money
    never moves here (only the webhook moves it)."""
    card = CardPayment.objects.get(pk=card_id)
    if card.credited:
        return card
    intent = processor().retrieve_intent(card.intent_id)
    CardPayment.objects.filter(pk=card.pk, credited=False).update(
        status=intent.status, failure_message=intent.failure_message, updated_at=timezone.now()
    )
    card.refresh_from_db()
    return card


def _fee_shares(fee: int, shop_orders: list[ShopOrder]) -> list[int]:
    """The fee split over the shop orders by their totals, in whole đồng that add up to it: each
    rounded down, and the đồng left over to the largest remainders."""
    total = sum(shop_order.total for shop_order in shop_orders)
    if not total:
        return [0] * len(shop_orders)
    exact = [divmod(fee * shop_order.total, total) for shop_order in shop_orders]
    shares = [whole for whole, _remainder in exact]
    by_remainder = sorted(range(len(exact)), key=lambda index: -exact[index][1])
    for index in by_remainder[: fee - sum(shares)]:
        shares[index] += 1
    return shares


def _book_fee(card: CardPayment, *, fee: int) -> None:
    card.fee = fee
    card.save(update_fields=["fee", "updated_at"])
    passed_on = []
    if settings.CARD_FEE_PAID_BY == "shops" and card.payment.status == PaymentStatus.PAID:
        shop_orders = list(
            ShopOrder.objects.select_for_update(of=("self",))
            .select_related("shop")
            .filter(order_id=card.payment.order_id, status=ShopOrderStatus.PAID)
            .order_by("pk")
        )
        for shop_order, share in zip(shop_orders, _fee_shares(fee, shop_orders), strict=True):
            shop_order.card_fee = share
            shop_order.save(update_fields=["card_fee"])
        passed_on = shop_orders
    books.card_fee(card, passed_on=passed_on)


def _succeeded(event: CardEvent, card: CardPayment, payment: Payment) -> None:
    if card.credited:
        return  # the same success told twice
    card.status, card.charge_id, card.credited = CardStatus.SUCCEEDED, event.charge_id, True
    card.amount = event.amount or card.amount
    card.save()
    books.card_in(card, order=payment.order)
    note = _("Thanh toán thẻ %(intent)s") % {"intent": card.intent_id}
    outcome = matching.apply_money(payment, amount=card.amount, note=note, by_card=True)
    payment.method = Payment.Method.CARD
    payment.save(update_fields=["method", "updated_at"])
    _book_fee(card, fee=processor().fee(charge_id=card.charge_id) if card.charge_id else 0)
    if payment.refund_due:  # paid twice (VietQR too), or after the order closed: back to the card
        from .tasks import refund_to_card  # tasks import this module

        refund_to_card.delay_on_commit(payment.pk)
    logger.info("card payment %s for %s: %s", card.intent_id, payment.reference, outcome)


def _failed(event: CardEvent, card: CardPayment, payment: Payment) -> None:
    """The card was refused or the attempt cancelled: the order stays payable, by card or VietQR."""
    if card.credited:
        return  # a failure told after the success: the success stands
    card.status = event.status or CardStatus.REQUIRES_PAYMENT_METHOD
    card.failure_message = event.failure_message
    card.save(update_fields=["status", "failure_message", "updated_at"])


def _refunded(event: CardEvent, card: CardPayment, payment: Payment) -> None:
    """Refunds the processor reports: ours are known by id; one made elsewhere (Stripe's dashboard)
    is recorded now as money given back to the buyer."""
    if not card.credited:
        raise NotYet(f"refund of {card.intent_id} before its success")
    for refund_id, amount in event.refunds:
        if CardRefund.objects.filter(refund_id=refund_id).exists():
            continue
        _record_refund(card, payment, refund_id=refund_id, amount=amount, actor=None)


def _disputed(event: CardEvent, card: CardPayment, payment: Payment) -> None:
    if card.disputed_at:
        return
    if not card.credited:
        raise NotYet(f"dispute of {card.intent_id} before its success")
    card.dispute_id, card.disputed_amount, card.disputed_at = event.dispute_id, event.amount, timezone.now()
    card.save(update_fields=["dispute_id", "disputed_amount", "disputed_at", "updated_at"])
    books.card_disputed(card, order=payment.order)
    transitions.note_card_dispute(payment, card=card)


def _dispute_closed(event: CardEvent, card: CardPayment, payment: Payment) -> None:
    if card.dispute_outcome:
        return  # told twice
    if not card.disputed_at:
        raise NotYet(f"dispute of {card.intent_id} closed before it was opened")
    card.dispute_outcome = "won" if event.status in ("won", "warning_closed") else "lost"
    card.save(update_fields=["dispute_outcome", "updated_at"])
    books.card_dispute_closed(card, order=payment.order)
    transitions.note_card_dispute(payment, card=card)


HANDLERS = {
    "payment_intent.succeeded": _succeeded,
    "payment_intent.payment_failed": _failed,
    "payment_intent.canceled": _failed,
    "charge.refunded": _refunded,
    "charge.dispute.created": _disputed,
    "charge.dispute.closed": _dispute_closed,
}


def card_event_process(*, call_id: int) -> str:
    """Apply a stored, verified card event once; what it did, for the logs."""
    with transaction.atomic():
        call = WebhookCall.objects.select_for_update().get(pk=call_id)
        if call.processed_at is not None:
            return "already processed"
        event = card_processor(call.provider).parse(json.loads(call.body))
        handler = HANDLERS.get(event.type)
        card = CardPayment.objects.select_for_update().filter(intent_id=event.intent_id).first()
        if handler is None or card is None:
            result = "ignored" if handler is None else "not one of our card payments"
        else:
            payment = transitions.PAYMENT.lock(
                card.payment_id, queryset=Payment.objects.select_related("order")
            )
            handler(event, card, payment)
            result = event.type
        call.processed_at = timezone.now()
        call.save(update_fields=["processed_at"])
    return result


def _record_refund(card: CardPayment, payment: Payment, *, refund_id: str, amount: int, actor) -> CardRefund:
    """A refund to the card, once per id. What the buyer was owed is settled; a refund beyond it
    (made on Stripe's dashboard, outside Chợ Sen) is booked to suspense for staff to look into."""
    refund = CardRefund.objects.create(card_payment=card, refund_id=refund_id, amount=amount, actor=actor)
    card.amount_refunded += amount
    card.save(update_fields=["amount_refunded", "updated_at"])
    owed = min(amount, payment.refund_due)
    if owed:
        transitions.refund_given(
            payment, amount=owed, actor=actor, note=_("Hoàn về thẻ (%(id)s)") % {"id": refund_id}
        )
    if amount > owed:
        transitions.note_refund_beyond_owed(payment, amount=amount - owed, refund_id=refund_id)
    books.card_refunded(refund, order=payment.order, owed=owed)
    return refund


def card_refund_due(*, payment_id: int, actor=None) -> int:
    """Give back to the card what the buyer is owed (a shop's cancelled part, money sent twice), up
    to what the card paid; what it gave back. Under the payment's lock, so a second worker finds
    nothing left to give; the idempotency key makes a retried call the same refund."""
    with transaction.atomic():
        payment = transitions.PAYMENT.lock(payment_id)
        card = payment.card_payments.select_for_update().filter(credited=True).order_by("-created_at").first()
        amount = min(payment.refund_due, card.refundable) if card else 0
        if amount <= 0:
            return 0
        refund_id = card_processor(card.provider).refund(
            intent_id=card.intent_id,
            amount=amount,
            idempotency_key=f"chosen-refund-{card.intent_id}-{card.amount_refunded}-{amount}",
        )
        if not CardRefund.objects.filter(refund_id=refund_id).exists():
            _record_refund(card, payment, refund_id=refund_id, amount=amount, actor=actor)
    return amount


def payment_refund_to_card(*, payment_id: int, actor) -> int:
    """Staff's "Hoàn về thẻ": what the buyer is owed goes back to her card now."""
    try:
        refunded = card_refund_due(payment_id=payment_id, actor=actor)
    except ProcessorUnavailable as unavailable:
        logger.warning("refund of payment %s to the card failed: %s", payment_id, unavailable)
        raise TransitionRefused(
            _("Stripe chưa nhận lệnh hoàn tiền. Hãy thử lại sau ít phút.")
        ) from unavailable
    if not refunded:
        raise TransitionRefused(_("Không có khoản nào cần hoàn về thẻ cho thanh toán này."))
    return refunded
