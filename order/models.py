"""Thin fork of Oscar's order app: an order is split into one shop order per shop.

The shop order is what a vendor fulfils (its lines, its shipping fee, its own status); the buyer's
order and its single payment stay Oscar's `Order`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine

from marketplace.models import TransitionEvent


class OrderStatus:
    """Oscar's free-text Order.status, as the buyer's whole order stands."""

    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    CANCELLED = "cancelled"


class ShopOrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    PROCESSING = "processing", _("Đang chuẩn bị")
    SHIPPED = "shipped", _("Đang giao")
    DELIVERED = "delivered", _("Đã giao")
    CANCELLED = "cancelled", _("Đã huỷ")


class ShopOrder(models.Model):
    order = models.ForeignKey("order.Order", related_name="shop_orders", on_delete=models.CASCADE)
    shop = models.ForeignKey("shops.Shop", related_name="shop_orders", on_delete=models.PROTECT)
    status = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=ShopOrderStatus.choices,
        default=ShopOrderStatus.AWAITING_PAYMENT,
    )
    items_total = models.PositiveBigIntegerField(_("Tiền hàng (₫)"))
    shipping_fee = models.PositiveIntegerField(_("Phí giao hàng (₫)"))
    carrier = models.CharField(_("Đơn vị vận chuyển"), max_length=60, blank=True)
    tracking_number = models.CharField(_("Mã vận đơn"), max_length=60, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.CharField(
        _("Thanh toán được xác nhận bởi"),
        max_length=4,
        blank=True,
        help_text=_(
            "Như trên thanh toán của đơn: ngân hàng tự xác nhận (feed), thẻ (card) hay cán bộ (hand)."
        ),
    )
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("Lý do huỷ"), blank=True)
    commission = models.PositiveBigIntegerField(_("Phí hoa hồng (₫)"), default=0)
    commission_rate_bp = models.PositiveIntegerField(_("Tỷ lệ hoa hồng (phần vạn)"), null=True, blank=True)
    card_fee = models.PositiveBigIntegerField(
        _("Phí thẻ gian hàng chịu (₫)"),
        default=0,
        help_text=_("Phần phí Stripe của đơn trả bằng thẻ, khi Hội để gian hàng chịu phí thẻ."),
    )
    released_at = models.DateTimeField(_("Tiền có thể rút từ"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Đơn của gian hàng")
        verbose_name_plural = _("Đơn của gian hàng")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["order", "shop"], name="one_shop_order_per_shop")]
        indexes = [
            models.Index(fields=["shop", "status", "created_at"]),
            # the Union's reports: what was placed, paid and cancelled in a period
            models.Index(fields=["created_at"], name="shop_order_created"),
            models.Index(fields=["paid_at"], name="shop_order_paid"),
            models.Index(fields=["cancelled_at"], name="shop_order_cancelled"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number}-{self.shop_id}"

    @property
    def total(self) -> int:
        return self.items_total + self.shipping_fee

    @property
    def shop_share(self) -> int:
        """What the shop earns from it: items and shipping, less the commission (and its part of the
        card fee, when the marketplace passes card fees on)."""
        return self.total - self.commission - self.card_fee

    @property
    def number(self) -> str:
        """What a vendor and a buyer quote on the phone: the order number and the shop."""
        return f"{self.order.number}-{self.pk}"


class ShopOrderEvent(TransitionEvent):
    """Append-only log of a shop order's transitions: who, when, from what to what."""

    subject = "shop_order"

    shop_order = models.ForeignKey(ShopOrder, related_name="events", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=20, choices=ShopOrderStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ShopOrderStatus.choices)

    class Meta:
        ordering = ["created_at", "pk"]


class Line(AbstractLine):
    shop_order = models.ForeignKey(
        ShopOrder, related_name="lines", null=True, blank=True, on_delete=models.CASCADE
    )


class ShippingAddress(AbstractShippingAddress):
    """A Vietnamese address of the 2025 units: province and ward codes beside Oscar's text lines."""

    province_code = models.PositiveSmallIntegerField(_("Tỉnh/thành phố"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("Phường/xã"), null=True, blank=True)


from oscar.apps.order.models import *  # noqa: E402,F403
