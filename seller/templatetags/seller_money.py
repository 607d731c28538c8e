from django import template

from ledger.selectors import owed_to_shops

register = template.Library()


@register.simple_tag
def shop_owed(shop) -> dict[str, int]:
    """Her pending and available money, for the link to her balance on her seller home (one query)."""
    return owed_to_shops(shop_ids=[shop.pk]).get(shop.pk, {"pending": 0, "available": 0})
