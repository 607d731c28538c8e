"""The shipping line under each shop's group of basket lines."""

from django import template

from shipping.fees import shipping_fee_for

register = template.Library()


@register.inclusion_tag("shipping/shipping_line.html")
def shop_shipping(line_forms) -> dict:
    """Her shop's fee for these lines, and how much more would make shipping free."""
    lines = [form.instance for form in line_forms]
    product = lines[0].product
    shop = (product.parent if product.is_child else product).shop
    items_total = int(sum(line.line_price_incl_tax_incl_discounts for line in lines))
    fee = shipping_fee_for(shop=shop, items_total=items_total)
    more_for_free = shop.free_shipping_from - items_total if fee and shop.free_shipping_from else 0
    return {"fee": fee, "more_for_free": more_for_free}
