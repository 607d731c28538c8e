"""What a payment's fate does to an order: paid, cancelled (stock released) or reinstated.

Called only from payments.transitions, inside the transaction that holds the payment's row lock.
"""

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from .models import ShopOrder, ShopOrderEvent, ShopOrderStatus
from .utils import OutOfStock, allocate_stock

Order = get_model("order", "Order")


class OrderStatus:
    """Oscar's free-text Order.status, as the buyer's whole order stands."""

    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    CANCELLED = "cancelled"


def _move_shop_orders(order, *, from_status: str, to_status: str, note: str, actor=None) -> None:
    now = timezone.now()
    stamps = {ShopOrderStatus.PAID: "paid_at", ShopOrderStatus.CANCELLED: "cancelled_at"}
    for shop_order in ShopOrder.objects.select_for_update().filter(order=order, status=from_status):
        shop_order.status = to_status
        if to_status in stamps:
            setattr(shop_order, stamps[to_status], now)
        shop_order.save()
        ShopOrderEvent.objects.create(
            shop_order=shop_order, from_status=from_status, to_status=to_status, note=note, actor=actor
        )


def order_mark_paid(*, order, actor=None) -> None:
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.PAID)
    _move_shop_orders(
        order,
        from_status=ShopOrderStatus.AWAITING_PAYMENT,
        to_status=ShopOrderStatus.PAID,
        note="",
        actor=actor,
    )


def _stock_lines(order):
    return [
        line
        for line in order.lines.select_related("stockrecord", "product__product_class", "product__parent")
        if line.stockrecord_id and line.product_id and line.product.get_product_class().track_stock
    ]


def order_cancel_unpaid(*, order, note: str) -> None:
    """The payment expired: release the reserved stock and cancel every shop order."""
    for line in sorted(_stock_lines(order), key=lambda line: line.stockrecord_id):
        line.stockrecord.cancel_allocation(line.quantity)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)
    _move_shop_orders(
        order, from_status=ShopOrderStatus.AWAITING_PAYMENT, to_status=ShopOrderStatus.CANCELLED, note=note
    )


def order_reinstate(*, order, note: str) -> bool:
    """Money came for a cancelled order: reserve its stock again if every line still can be."""
    try:
        with transaction.atomic():
            for line in sorted(_stock_lines(order), key=lambda line: line.stockrecord_id):
                allocate_stock(stockrecord=line.stockrecord, quantity=line.quantity, title=line.title)
    except OutOfStock:
        return False
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.AWAITING_PAYMENT)
    _move_shop_orders(
        order, from_status=ShopOrderStatus.CANCELLED, to_status=ShopOrderStatus.AWAITING_PAYMENT, note=note
    )
    return True
