from django import template

from ledger.selectors import owed_to_shops
from payments.statements import payout_account, recent_payout_news

register = template.Library()


@register.simple_tag
def shop_owed(shop) -> dict[str, int]:
    """Her pending and available money, for the link to her balance on her seller home (one query)."""
    return owed_to_shops(shop_ids=[shop.pk]).get(shop.pk, {"pending": 0, "available": 0})


@register.simple_tag
def payout_news(shop):
    """Her latest payout sent or returned in the last two weeks (its event), for her seller home."""
    return recent_payout_news(shop=shop)


register.filter("payout_account", payout_account)
