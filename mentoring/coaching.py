"""The coaching list on the mentor's first screen: members of her provinces who could use a hand,
each with why, what she might do, and the page to open. It suggests help, never penalties.

Six queries, one per reason, each limited to her provinces and to a screenful.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.models import ProductHide
from ocop.models import CertificateStatus, OcopCertificate
from order.models import ShopOrder, ShopOrderStatus
from shops.models import Shop, ShopReviewEvent, ShopStatus

Product = get_model("catalogue", "Product")

PER_REASON = 20
APPLICATION_WAIT_DAYS = 7
QUIET_DAYS = 30
SHIPPING_WAIT_DAYS = 3
EXPIRY_DAYS = 30


@dataclass(frozen=True)
class Suggestion:
    shop: Shop
    reason: str
    help: str
    url: str


def _in(provinces: set[int] | None, field: str = "province_code") -> Q:
    return Q() if provinces is None else Q(**{f"{field}__in": provinces})


def coaching_list(*, provinces: set[int] | None) -> list[tuple[str, list[Suggestion]]]:
    """(heading, suggestions) for each reason that has any, most pressing first."""
    now = timezone.now()
    shops = Shop.objects.filter(_in(provinces))
    waiting = shops.filter(
        status=ShopStatus.SUBMITTED, submitted_at__lt=now - datetime.timedelta(days=APPLICATION_WAIT_DAYS)
    ).order_by("submitted_at")
    unshipped = (
        ShopOrder.objects.filter(
            _in(provinces, "shop__province_code"),
            status__in=(ShopOrderStatus.PAID, ShopOrderStatus.PROCESSING),
            paid_at__lt=now - datetime.timedelta(days=SHIPPING_WAIT_DAYS),
        )
        .select_related("shop", "order")
        .order_by("paid_at")
    )
    no_products = shops.filter(status=ShopStatus.APPROVED).exclude(
        Exists(Product.objects.filter(shop=OuterRef("pk"), parent=None))
    )
    quiet = (
        shops.filter(status=ShopStatus.APPROVED)
        .filter(Exists(Product.objects.filter(shop=OuterRef("pk"), parent=None, is_public=True)))
        .filter(
            Exists(
                ShopReviewEvent.objects.filter(
                    shop=OuterRef("pk"),
                    to_status=ShopStatus.APPROVED,
                    created_at__lt=now - datetime.timedelta(days=QUIET_DAYS),
                )
            )
        )
        .exclude(
            Exists(
                ShopOrder.objects.filter(
                    shop=OuterRef("pk"), paid_at__gte=now - datetime.timedelta(days=QUIET_DAYS)
                )
            )
        )
    )
    expiring = (
        OcopCertificate.objects.filter(
            _in(provinces, "shop__province_code"),
            status=CertificateStatus.VERIFIED,
            expires_on__lte=timezone.localdate() + datetime.timedelta(days=EXPIRY_DAYS),
        )
        .select_related("shop")
        .order_by("expires_on")
    )
    hidden = (
        ProductHide.objects.filter(_in(provinces, "product__shop__province_code"), lifted_at=None)
        .select_related("product__shop")
        .order_by("hidden_at")
    )
    return [
        (heading, suggestions)
        for heading, suggestions in [
            (
                _("Hồ sơ chờ duyệt quá %(days)s ngày") % {"days": APPLICATION_WAIT_DAYS},
                [
                    Suggestion(
                        shop,
                        _("Đã chờ từ %(date)s")
                        % {"date": f"{timezone.localtime(shop.submitted_at):%d/%m/%Y}"},
                        _("Xem hồ sơ và trả lời chị, hoặc gọi hỏi nếu còn thiếu gì."),
                        reverse("mentor:shop", kwargs={"pk": shop.pk}),
                    )
                    for shop in waiting[:PER_REASON]
                ],
            ),
            (
                _("Đơn đã thanh toán chưa gửi sau %(days)s ngày") % {"days": SHIPPING_WAIT_DAYS},
                [
                    Suggestion(
                        shop_order.shop,
                        _("Đơn %(number)s trả tiền ngày %(date)s")
                        % {
                            "number": shop_order.number,
                            "date": f"{timezone.localtime(shop_order.paid_at):%d/%m/%Y}",
                        },
                        _("Gọi hỏi chị có cần giúp đóng gói hay gửi hàng không."),
                        reverse("mentor:shop", kwargs={"pk": shop_order.shop_id}),
                    )
                    for shop_order in unshipped[:PER_REASON]
                ],
            ),
            (
                _("Gian hàng đã duyệt nhưng chưa có sản phẩm"),
                [
                    Suggestion(
                        shop,
                        _("Chưa đăng sản phẩm nào"),
                        _("Giúp chị chụp ảnh và đăng sản phẩm đầu tiên."),
                        reverse("mentor:shop-products", kwargs={"pk": shop.pk}),
                    )
                    for shop in no_products.order_by("name")[:PER_REASON]
                ],
            ),
            (
                _("Chưa có đơn nào trong %(days)s ngày") % {"days": QUIET_DAYS},
                [
                    Suggestion(
                        shop,
                        _("Không có đơn thanh toán trong %(days)s ngày qua") % {"days": QUIET_DAYS},
                        _("Gợi ý chị chia sẻ gian hàng vào nhóm Zalo, hoặc mang sản phẩm tới hội chợ."),
                        reverse("mentor:shop-products", kwargs={"pk": shop.pk}),
                    )
                    for shop in quiet.order_by("name")[:PER_REASON]
                ],
            ),
            (
                _("Chứng nhận OCOP sắp hết hạn (trong %(days)s ngày)") % {"days": EXPIRY_DAYS},
                [
                    Suggestion(
                        certificate.shop,
                        _("Giấy số %(number)s hết hạn ngày %(date)s")
                        % {"number": certificate.number, "date": f"{certificate.expires_on:%d/%m/%Y}"},
                        _("Nhắc chị làm hồ sơ đánh giá lại và gửi giấy mới."),
                        reverse("mentor:certificate", kwargs={"pk": certificate.pk}),
                    )
                    for certificate in expiring[:PER_REASON]
                ],
            ),
            (
                _("Sản phẩm đang bị Hội ẩn"),
                [
                    Suggestion(
                        hide.product.shop,
                        _("“%(product)s”: %(reason)s")
                        % {"product": hide.product.title, "reason": hide.reason},
                        _("Cùng chị sửa sản phẩm để mở lại."),
                        reverse("mentor:shop-products", kwargs={"pk": hide.product.shop_id}),
                    )
                    for hide in hidden[:PER_REASON]
                ],
            ),
        ]
        if suggestions
    ]
