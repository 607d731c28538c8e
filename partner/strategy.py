"""Pricing and availability: whole VND, no tax line, stock required, and only what buyers may see
can be bought: a product its vendor or the Union hid, a retired variant, or a product of a shop that
is not live cannot be added to a basket, and a basket holding one cannot be checked out."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.availability import Unavailable
from oscar.apps.partner.strategy import *  # noqa: F403


class Refused(Unavailable):
    """Unavailable, saying why in the buyer's words (Oscar's own says only "unavailable")."""

    def is_purchase_permitted(self, quantity):
        return False, self.message


class ShopNotSelling(Refused):
    code = "shop_not_selling"
    message = _("Gian hàng đang tạm ngừng bán")


class NotForSale(Refused):
    code = "not_for_sale"
    message = _("Sản phẩm này hiện không bán")


def _on_sale(product) -> bool:
    """Public itself and, for a variant, its product too (a hide or a vendor's "Ẩn" hides both)."""
    return product.is_public and (not product.is_child or product.parent.is_public)


class Marketplace(oscar_strategy.Default):
    def availability_policy(self, product, stockrecord):
        shop = product.parent.shop if product.is_child else product.shop
        if shop is None or not shop.is_live:
            return ShopNotSelling()
        if not _on_sale(product):
            return NotForSale()
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not product.is_public:
            return NotForSale()
        return super().parent_availability_policy(product, children_stock)

    def fetch_for_line(self, line, stockrecord=None):
        """Price a basket line from the stock record it already holds (no query per line)."""
        return self.fetch_for_product(line.product, stockrecord=stockrecord or line.stockrecord)


class Selector(oscar_strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Marketplace(request)
