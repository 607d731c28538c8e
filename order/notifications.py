"""Emails to the buyer when a shop moves her order: being prepared, handed to a carrier, delivered,
or cancelled (with the money she will get back)."""

from marketplace.mail import messages_for, send_messages, send_once, site_url

from .models import ShopOrderEvent, ShopOrderStatus
from .selectors import buyer_order_path

BUYER_EMAILS = {
    ShopOrderStatus.PROCESSING,
    ShopOrderStatus.SHIPPED,
    ShopOrderStatus.DELIVERED,
    ShopOrderStatus.CANCELLED,
}


def _send(event: ShopOrderEvent) -> int:
    shop_order = event.shop_order
    order = shop_order.order
    if event.to_status not in BUYER_EMAILS or not order.email:
        return 0
    context = {
        "event": event,
        "shop_order": shop_order,
        "order": order,
        "url": site_url(buyer_order_path(order)),
    }
    return send_messages(messages_for(f"order/emails/shop_order_{event.to_status}", context, [order.email]))


def notify_shop_order_event(*, event_id: int) -> int:
    """Send the event's email once; a redelivered task finds notified_at set and sends nothing."""
    return send_once(
        ShopOrderEvent.objects.select_related("shop_order__shop", "shop_order__order__user"),
        pk=event_id,
        send=_send,
    )
