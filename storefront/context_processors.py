from django.utils.functional import SimpleLazyObject

from shops.permissions import is_mentor

from .visitors import basket_badge, basket_item_count


def navigation(request):
    """What the header and bottom navigation show of the visitor: her basket count and whether she
    mentors (for the link to /mentor/); each worked out only when a page that is not cached shows it."""
    return {
        "basket_badge": SimpleLazyObject(lambda: basket_badge(basket_item_count(request))),
        "is_mentor": SimpleLazyObject(lambda: is_mentor(request.user)),
    }
