from django import template

from order.selectors import shop_orders_to_handle

register = template.Library()


@register.simple_tag
def orders_to_handle(shop) -> int:
    """Paid orders waiting for the vendor, for the link on her seller home."""
    return shop_orders_to_handle(shop=shop)
