"""Shipping as our vendors charge it: each shop its own flat fee, free above its own threshold.

Oscar asks this repository for the basket's shipping method everywhere it shows a total (basket,
checkout), so the basket's "Tổng thanh toán" already includes every shop's fee.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import repository
from oscar.core.loading import get_class

from .fees import basket_by_shop

FixedPrice = get_class("shipping.methods", "FixedPrice")


class PerShopShipping(FixedPrice):
    code = "per-shop"
    name = _("Giao hàng theo từng gian hàng")


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        fee = Decimal(sum(part.shipping_fee for part in basket_by_shop(basket=basket)))
        return [PerShopShipping(fee, fee)]
