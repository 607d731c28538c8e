"""What makes one storefront page differ from another visitor's: her role and her basket count.

Everything else a listing, product or home page shows is the same for every visitor in one state,
which is what lets storefront.page_cache serve those pages whole from the cache.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.db.models import Sum
from django.utils.functional import empty
from django.utils.html import format_html
from django.utils.translation import npgettext
from oscar.core.loading import get_model

from notifications.selectors import unread_cache_key
from shops.permissions import mentors_a_province

Basket = get_model("basket", "Basket")

# Oscar keeps a failed add-to-basket form here for the product page to show again with its errors.
BASKET_FORM_SESSION_PREFIX = "add_to_basket_form_post_data_"


SIGNED_IN_STATES = ("member", "mentor")
MENTOR_ROLE_TIMEOUT = 24 * 60 * 60  # a safety net: every MentorProvince write resets it (mentor_role_changed)


def visitor_states(request) -> tuple[str, ...] | None:
    """The states her page may be cached under: ("guest",), ("staff",) or, for any other signed-in
    buyer, SIGNED_IN_STATES, which visitor_state() tells apart by her cached mentor role. Only the
    footer and the product page's edit link differ between states. None when her page must be
    rendered for her alone: a POST, messages waiting, a failed basket form kept in her session, or a
    cookie basket that Oscar merges into her account's basket (with a message) when it loads."""
    if request.method not in ("GET", "HEAD") or request.COOKIES.get(CookieStorage.cookie_name):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        keys = request.session.keys()
        if SessionStorage.session_key in keys or any(k.startswith(BASKET_FORM_SESSION_PREFIX) for k in keys):
            return None
    user = request.user
    if not user.is_authenticated:
        return ("guest",)
    if settings.OSCAR_BASKET_COOKIE_OPEN in request.COOKIES:
        return None
    return ("staff",) if user.is_staff else SIGNED_IN_STATES


def mentor_role_key(user_id: int) -> str:
    return f"mentor-role:{user_id}"


def state_cache_keys(request, states: tuple[str, ...]) -> list[str]:
    """What visitor_state() reads to choose among `states`, and her unread count (the bell in the
    header), for the page cache's own round trip."""
    if states == ("guest",):
        return []
    inbox = [unread_cache_key(request.user.pk)]
    return [mentor_role_key(request.user.pk), *inbox] if states == SIGNED_IN_STATES else inbox


def visitor_state(request, states: tuple[str, ...], *, cached: dict) -> str:
    """Her state among `states`. The mentor role comes from `cached` (read with the page), so that a
    buyer's cached page costs no query for it; on a miss it is read from the database and kept."""
    if states != SIGNED_IN_STATES:
        return states[0]
    key = mentor_role_key(request.user.pk)
    mentor = cached.get(key)
    if mentor is None:
        mentor = mentors_a_province(user_id=request.user.pk)
        cache.add(key, mentor, MENTOR_ROLE_TIMEOUT)
    return "mentor" if mentor else "member"


def mentor_role_changed(*, user_id: int) -> None:
    """Forget her role now (this transaction's own reads see it), and store it again after commit:
    set() overwrites a role that another request read before the commit and add()ed."""
    key = mentor_role_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.set(key, mentors_a_province(user_id=user_id), MENTOR_ROLE_TIMEOUT))


BASKET_COUNT_TIMEOUT = 24 * 60 * 60  # a safety net: every basket write recounts (basket_changed)


@dataclass(frozen=True)
class CountedBaskets:
    """A visitor's open basket(s): where their item count is cached, and what to count on a miss."""

    cache_key: str
    lookup: dict  # Basket.open.filter() arguments: a queryset is built only on a miss, not per hit

    def count(self) -> int:
        return Basket.open.filter(**self.lookup).aggregate(items=Sum("lines__quantity"))["items"] or 0


def _guest_basket(basket_id: int) -> CountedBaskets:
    return CountedBaskets(f"basket-items:{basket_id}", {"pk": basket_id, "owner": None})


def _account_baskets(user_id: int) -> CountedBaskets:
    return CountedBaskets(f"basket-items:user:{user_id}", {"owner_id": user_id})


def visitor_baskets(request) -> CountedBaskets | None:
    """Her basket by the signed cookie or her account, without a query. None when Oscar's
    request.basket is the one to count: already loaded, none to load (no cookie, or a forged one:
    no query either), or a cookie basket that Oscar merges into her account's when it loads."""
    if request.basket._wrapped is not empty:
        return None
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if request.user.is_authenticated:
        return None if cookie else _account_baskets(request.user.pk)
    try:
        return _guest_basket(int(Signer().unsign(cookie))) if cookie else None
    except (BadSignature, ValueError):
        return None


def basket_item_count(request, *, cached: dict | None = None) -> int:
    """The number of items in her basket, from the cache (`cached`: what the page cache read in the
    same round trip). Oscar's request.basket loads the basket and its lines and applies the offers:
    worth it on the basket and checkout pages, which use it anyway, not for a number in the menu."""
    if not hasattr(request, "basket"):
        return 0
    counted = visitor_baskets(request)
    if counted is None:
        return request.basket.num_items
    values = cached if cached is not None else cache.get_many([counted.cache_key])
    count = values.get(counted.cache_key)
    if count is None:
        count = counted.count()
        cache.add(counted.cache_key, count, BASKET_COUNT_TIMEOUT)
    return count


def basket_changed(*, basket_id: int, owner_id: int | None) -> None:
    """Forget the basket's counts now (this transaction's own reads count again), and recount after
    commit: set() overwrites a count that another request read before the commit and add()ed."""
    counted = [_guest_basket(basket_id)] + ([_account_baskets(owner_id)] if owner_id else [])
    cache.delete_many([each.cache_key for each in counted])
    transaction.on_commit(
        lambda: cache.set_many({each.cache_key: each.count() for each in counted}, BASKET_COUNT_TIMEOUT)
    )


def basket_badge(count: int) -> str:
    """The count on the basket icon of the bottom navigation ("" for an empty basket)."""
    if not count:
        return ""
    label = npgettext("basket", "%(n)s sản phẩm", "%(n)s sản phẩm", count) % {"n": count}
    return format_html('<span class="count" aria-label="{}">{}</span>', label, "99+" if count > 99 else count)
