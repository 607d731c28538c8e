from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_badge, unread_count
from shops.permissions import is_mentor

from .visitors import basket_badge, basket_item_count


def navigation(request):
    """What the header and bottom navigation show of the visitor: her basket count, her unread
    notifications and whether she mentors (for the link to /mentor/); each worked out only when a
    page that is not cached shows it."""
    user = getattr(request, "user", None)
    return {
        "basket_badge": SimpleLazyObject(lambda: basket_badge(basket_item_count(request))),
        "inbox_badge": SimpleLazyObject(
            lambda: unread_badge(unread_count(user_id=user.pk)) if user and user.is_authenticated else ""
        ),
        "is_mentor": SimpleLazyObject(lambda: is_mentor(request.user)),
    }
