"""The buyer hears when a shop moves her order: being prepared, handed to a carrier, delivered, or
cancelled (with the money she will get back)."""

from notifications.services import Announcement, notify_once
from notifications.topics import Topic

from .models import ShopOrderEvent, ShopOrderStatus
from .selectors import buyer_order_path, buyer_to_tell

TOLD_TO_THE_BUYER = {
    ShopOrderStatus.PROCESSING,
    ShopOrderStatus.SHIPPED,
    ShopOrderStatus.DELIVERED,
    ShopOrderStatus.CANCELLED,
}


def _announcements(event: ShopOrderEvent) -> list[Announcement]:
    if event.to_status not in TOLD_TO_THE_BUYER:
        return []
    shop_order = event.shop_order
    order = shop_order.order
    return [
        Announcement(
            source=f"shop-order:{event.pk}",
            topic=Topic.MY_ORDERS,
            template=f"order/emails/shop_order_{event.to_status}",
            path=buyer_order_path(order),
            recipients=[buyer_to_tell(order)],
            context={"event": event, "shop_order": shop_order, "order": order},
        )
    ]


def notify_shop_order_event(*, event_id: int) -> int:
    """Announce the event once; a redelivered task finds notified_at set and sends nothing."""
    return notify_once(
        ShopOrderEvent.objects.select_related("shop_order__shop", "shop_order__order__user"),
        pk=event_id,
        announcements=_announcements,
    )
