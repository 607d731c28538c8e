"""Emails about money: the buyer hears of each change of her payment, the shops hear when they
have been paid by a buyer and when a payout is sent to their bank (or comes back)."""

from django.urls import reverse

from marketplace.mail import messages_for, send_email, send_messages, send_once, site_url
from order.selectors import buyer_order_path
from shops.selectors import member_emails

from .models import PaymentEvent, PaymentStatus, PayoutEvent, PayoutStatus

BUYER_EMAILS = {
    PaymentStatus.PAID,
    PaymentStatus.PARTIALLY_PAID,
    PaymentStatus.EXPIRED,
    PaymentStatus.CANCELLED,
}
NOTIFIED_STATUSES = BUYER_EMAILS  # shops hear of PAID, which the buyer hears of too: no other task


def _send(event: PaymentEvent) -> int:
    payment = event.payment
    order = payment.order
    messages = []
    # money given back is logged as a negative amount, with the status unchanged
    buyer_template = "refunded" if event.amount < 0 else event.to_status
    if (event.amount < 0 or event.to_status in BUYER_EMAILS) and order.email:
        context = {
            "payment": payment,
            "order": order,
            "event": event,
            "refunded": -event.amount,
            "url": site_url(buyer_order_path(order)),
        }
        messages += messages_for(f"payments/emails/buyer_{buyer_template}", context, [order.email])
    if event.to_status == PaymentStatus.PAID and event.from_status != PaymentStatus.PAID:
        for shop_order in order.shop_orders.select_related("shop").prefetch_related("lines"):
            context = {
                "shop_order": shop_order,
                "order": order,
                "url": site_url(reverse("seller:order", kwargs={"pk": shop_order.pk})),
            }
            messages += messages_for(
                "payments/emails/shop_paid", context, member_emails(shop=shop_order.shop)
            )
    return send_messages(messages)


def notify_payment_event(*, event_id: int) -> int:
    """Send the event's emails once; a redelivered task finds notified_at set and sends nothing."""
    return send_once(PaymentEvent.objects.select_related("payment__order__user"), pk=event_id, send=_send)


def _send_payout_event(event: PayoutEvent) -> int:
    if event.to_status not in (PayoutStatus.SENT, PayoutStatus.RETURNED):
        return 0
    payout = event.payout
    return send_email(
        template=f"payments/emails/payout_{event.to_status}",
        context={"payout": payout, "shop": payout.shop, "event": event},
        emails=member_emails(shop=payout.shop),
        path=reverse("seller:balance"),
    )


def notify_payout_event(*, event_id: int) -> int:
    """Tell the shop once that its money left for its bank, or came back."""
    return send_once(PayoutEvent.objects.select_related("payout__shop"), pk=event_id, send=_send_payout_event)
