from django.utils.functional import SimpleLazyObject

from .visitors import basket_badge, basket_item_count


def navigation(request):
    """`basket_badge` for the bottom navigation, counted only when a page that is not cached shows it."""
    return {"basket_badge": SimpleLazyObject(lambda: basket_badge(basket_item_count(request)))}
