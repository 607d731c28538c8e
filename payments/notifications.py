"""Money news: the buyer hears of each change of her payment, the shops hear when a buyer has paid
them and when a payout is sent to their bank (or comes back)."""

from django.db.models import Sum
from django.urls import reverse

from notifications.services import Announcement, notify_once
from notifications.topics import Topic
from order.selectors import buyer_order_path, buyer_to_tell
from shops.selectors import members_to_tell

from .models import PaymentEvent, PaymentStatus, PayoutEvent, PayoutStatus

TOLD_TO_THE_BUYER = {
    PaymentStatus.PAID,
    PaymentStatus.PARTIALLY_PAID,
    PaymentStatus.EXPIRED,
    PaymentStatus.CANCELLED,
}
NOTIFIED_STATUSES = TOLD_TO_THE_BUYER  # shops hear of PAID, which the buyer hears of too: no other task


def _announcements(event: PaymentEvent) -> list[Announcement]:
    payment = event.payment
    order = payment.order
    announcements = []
    # money given back is logged as a negative amount, with the status unchanged
    buyer_template = "refunded" if event.amount < 0 else event.to_status
    if event.amount < 0 or event.to_status in TOLD_TO_THE_BUYER:
        announcements.append(
            Announcement(
                source=f"payment:{event.pk}",
                topic=Topic.MY_ORDERS,
                template=f"payments/emails/buyer_{buyer_template}",
                path=buyer_order_path(order),
                recipients=[buyer_to_tell(order)],
                context={"payment": payment, "order": order, "event": event, "refunded": -event.amount},
            )
        )
    if event.to_status == PaymentStatus.PAID and event.from_status != PaymentStatus.PAID:
        shop_orders = order.shop_orders.select_related("shop").prefetch_related("lines")
        for shop_order in shop_orders.annotate(item_count=Sum("lines__quantity")):
            announcements.append(
                Announcement(
                    source=f"payment:{event.pk}:shop-order:{shop_order.pk}",
                    topic=Topic.NEW_ORDERS,
                    template="payments/emails/shop_paid",
                    path=reverse("seller:order", kwargs={"pk": shop_order.pk}),
                    recipients=members_to_tell(shop=shop_order.shop),
                    context={"shop_order": shop_order, "order": order, "item_count": shop_order.item_count},
                )
            )
    return announcements


def notify_payment_event(*, event_id: int) -> int:
    """Announce the event once; a redelivered task finds notified_at set and sends nothing."""
    return notify_once(
        PaymentEvent.objects.select_related("payment__order__user"), pk=event_id, announcements=_announcements
    )


def _payout_announcements(event: PayoutEvent) -> list[Announcement]:
    if event.to_status not in (PayoutStatus.SENT, PayoutStatus.RETURNED):
        return []
    payout = event.payout
    return [
        Announcement(
            source=f"payout:{event.pk}",
            topic=Topic.PAYOUTS,
            template=f"payments/emails/payout_{event.to_status}",
            path=reverse("seller:balance"),
            recipients=members_to_tell(shop=payout.shop),
            context={"payout": payout, "shop": payout.shop, "event": event},
        )
    ]


def notify_payout_event(*, event_id: int) -> int:
    """Tell the shop once that its money left for its bank, or came back."""
    return notify_once(
        PayoutEvent.objects.select_related("payout__shop"), pk=event_id, announcements=_payout_announcements
    )
