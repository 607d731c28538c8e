"""Shipping as our vendors charge it: each shop its own flat fee per order, free above its own
threshold; and the basket split into each shop's part, which is what the buyer pays shipping on."""

from dataclasses import dataclass

from shops.models import Shop


@dataclass(frozen=True)
class ShopPart:
    """A shop's share of the basket, as the buyer sees it before paying."""

    shop: Shop
    lines: list
    items_total: int
    shipping_fee: int

    @property
    def total(self) -> int:
        return self.items_total + self.shipping_fee


def shipping_fee_for(*, shop: Shop, items_total: int) -> int:
    if shop.free_shipping_from is not None and items_total >= shop.free_shipping_from:
        return 0
    return shop.shipping_fee


def basket_by_shop(*, basket) -> list[ShopPart]:
    """The basket's lines grouped by shop, in the order they were added, with each shop's fee."""
    groups: dict[int, list] = {}
    shops: dict[int, Shop] = {}
    for line in basket.all_lines():
        product = line.product.parent if line.product.is_child else line.product
        shops[product.shop_id] = product.shop
        groups.setdefault(product.shop_id, []).append(line)
    parts = []
    for shop_id, lines in groups.items():
        items_total = int(sum(line.line_price_incl_tax_incl_discounts for line in lines))
        shop = shops[shop_id]
        parts.append(
            ShopPart(
                shop=shop,
                lines=lines,
                items_total=items_total,
                shipping_fee=shipping_fee_for(shop=shop, items_total=items_total),
            )
        )
    return parts
