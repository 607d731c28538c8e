"""Union staff and mentors hide a product with a reason, and lift the hide; the vendor is told why.

`Product.is_public` stays the one flag buyers' pages read: a hide sets it to False, and while the
hide stands the vendor's own "show" is refused (services.product_set_public).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.lifecycle import TransitionRefused, require_text
from notifications.services import Announcement, notify_once
from notifications.topics import Topic
from shops.permissions import can_review, is_mentor
from shops.selectors import members_to_tell

from .models import ProductHide

Product = get_model("catalogue", "Product")


def _locked_product(*, product_id: int, actor):
    product = (
        Product.objects.select_for_update(of=("self",)).select_related("shop").get(pk=product_id, parent=None)
    )
    if product.shop is None or not is_mentor(actor) or not can_review(actor, product.shop):
        raise PermissionDenied(_("Gian hàng này không thuộc tỉnh/thành phố bạn phụ trách."))
    return product


@transaction.atomic
def product_hide(*, product_id: int, actor, reason: str) -> ProductHide:
    from .tasks import notify_product_hidden

    product = _locked_product(product_id=product_id, actor=actor)
    reason = require_text(reason, why=_("Hãy ghi lý do ẩn sản phẩm để người bán biết cần sửa gì."))
    if product.staff_hides.filter(lifted_at=None).exists():
        raise TransitionRefused(_("Sản phẩm này đã bị ẩn rồi."))
    hide = ProductHide.objects.create(product=product, reason=reason, hidden_by=actor)
    product.is_public = False
    product.save(update_fields=["is_public", "date_updated"])
    notify_product_hidden.delay_on_commit(hide.pk)
    return hide


@transaction.atomic
def product_hide_lift(*, product_id: int, actor) -> ProductHide:
    """Lift the hide; the product stays hidden until the vendor shows it again (she may want changes)."""
    product = _locked_product(product_id=product_id, actor=actor)
    hide = product.staff_hides.select_for_update().filter(lifted_at=None).first()
    if hide is None:
        raise TransitionRefused(_("Sản phẩm này không bị Hội ẩn."))
    hide.lifted_by = actor
    hide.lifted_at = timezone.now()
    hide.save(update_fields=["lifted_by", "lifted_at"])
    return hide


def _hidden_notice(hide: ProductHide) -> list[Announcement]:
    shop = hide.product.shop
    return [
        Announcement(
            source=f"product-hide:{hide.pk}",
            topic=Topic.PRODUCTS,
            template="catalogue/emails/product_hidden",
            path=reverse("seller:product-edit", kwargs={"pk": hide.product_id}),
            recipients=members_to_tell(shop=shop),
            context={"hide": hide, "product": hide.product, "shop": shop},
        )
    ]


def notify_product_hidden(*, hide_id: int) -> int:
    return notify_once(
        ProductHide.objects.select_related("product__shop"), pk=hide_id, announcements=_hidden_notice
    )
