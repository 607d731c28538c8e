"""Pricing and availability: whole VND, no tax line, stock required, and only live shops sell."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.availability import Unavailable
from oscar.apps.partner.strategy import *  # noqa: F403


class ShopNotSelling(Unavailable):
    code = "shop_not_selling"
    message = _("Gian hàng đang tạm ngừng bán")


class Marketplace(oscar_strategy.Default):
    def availability_policy(self, product, stockrecord):
        """A suspended (or not yet approved) shop's products cannot be bought, whatever the stock."""
        shop = product.parent.shop if product.is_child else product.shop
        if shop is None or not shop.is_live:
            return ShopNotSelling()
        return super().availability_policy(product, stockrecord)

    def fetch_for_line(self, line, stockrecord=None):
        """Price a basket line from the stock record it already holds (no query per line)."""
        return self.fetch_for_product(line.product, stockrecord=stockrecord or line.stockrecord)


class Selector(oscar_strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Marketplace(request)
