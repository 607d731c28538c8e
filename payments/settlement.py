"""When a shop's money becomes hers to be paid, and at what commission.

A shop order's share (items and shipping, less commission) waits in the shop's pending balance
until the order is delivered and FUNDS_HOLD_DAYS_AFTER_DELIVERY have passed (time for the buyer to
say something is wrong), or, when nobody marks it delivered, FUNDS_RELEASE_DAYS_AFTER_SHIPPING after
it was shipped. Then it moves to her available balance, from which payouts are made.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from order.models import ShopOrder, ShopOrderStatus
from shops.models import Shop

from . import books
from .models import CommissionRate


def funds_due(*, now: datetime.datetime) -> Q:
    delivered = Q(status=ShopOrderStatus.DELIVERED) & Q(
        delivered_at__lte=now - datetime.timedelta(days=settings.FUNDS_HOLD_DAYS_AFTER_DELIVERY)
    )
    long_shipped = Q(status=ShopOrderStatus.SHIPPED) & Q(
        shipped_at__lte=now - datetime.timedelta(days=settings.FUNDS_RELEASE_DAYS_AFTER_SHIPPING)
    )
    return (delivered | long_shipped) & Q(released_at=None, commission_rate_bp__isnull=False)


def release_due_funds(*, now: datetime.datetime | None = None) -> int:
    """Move every due shop order's share to its shop's available balance, each in its own
    transaction under the shop order's lock; safe to run twice."""
    now = now or timezone.now()
    released = 0
    for shop_order_id in list(ShopOrder.objects.filter(funds_due(now=now)).values_list("pk", flat=True)):
        with transaction.atomic():
            shop_order = (
                ShopOrder.objects.select_for_update(of=("self",))
                .select_related("shop")
                .filter(funds_due(now=now), pk=shop_order_id)
                .first()
            )
            if shop_order is None:  # released or cancelled meanwhile
                continue
            shop_order.released_at = now
            shop_order.save(update_fields=["released_at"])
            books.funds_released(shop_order)
            released += 1
    return released


@transaction.atomic
def commission_rate_set(*, shop: Shop, rate_bp: int, actor, note: str = "") -> CommissionRate:
    """Union staff set a shop's commission from now on; orders already paid keep theirs."""
    if not actor.is_staff:
        raise PermissionDenied(_("Chỉ cán bộ Trung ương Hội mới đặt được phí hoa hồng."))
    if not 0 <= rate_bp <= 10_000:
        raise ValidationError({"rate_bp": _("Tỷ lệ phải từ 0 % đến 100 %.")})
    return CommissionRate.objects.create(
        shop=shop, rate_bp=rate_bp, starts_at=timezone.now(), set_by=actor, note=note.strip()
    )
