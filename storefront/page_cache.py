"""Whole storefront pages from the cache, for first-time and returning visitors alike.

A listing, product or home page is the same for every visitor in one state (storefront.visitors: guest,
member, mentor, staff) but for four things, which are holes in the cached page filled in on every
response: the CSRF token of the basket form (a fresh one from Django's get_token, so a cached page
never shares a token), the basket count of the bottom navigation, a signed-in visitor's unread
notifications on the bell of the header, and the Content-Security-Policy
nonce of the inline scripts (this response's, the one its header carries). So each page is rendered once
per URL, language, state and catalogue version, and a hit costs one cache round trip: the catalogue
version, the page (which carries the version it was built for), her basket count (recounted on
every basket write, see storefront.visitors) and, signed in, her unread count and mentor role, in one MGET.
A visitor whose page shows something of hers alone (messages, a failed basket form, a basket about
to merge) gets it rendered for her (whose parts are themselves cached, see the templates)."""

import hashlib
import re

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from notifications.selectors import unread_badge, unread_count

from .freshness import LISTING_TIMEOUT, catalogue_version_and_cached
from .visitors import (
    basket_badge,
    basket_item_count,
    state_cache_keys,
    visitor_baskets,
    visitor_state,
    visitor_states,
)

CSRF_PLACEHOLDER = "__CSRF_TOKEN__"
BADGE_PLACEHOLDER = "__BASKET_BADGE__"
INBOX_PLACEHOLDER = "__INBOX_BADGE__"
# The Content-Security-Policy nonce of inline scripts: each response has its own, sent in its header
# (marketplace/content_security_policy.py), so a kept page holds this instead of the one it was made with.
NONCE_PLACEHOLDER = "__CSP_NONCE__"
RENDERED_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _fill_in(content: str, request, cached: dict | None = None) -> str:
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in content:
        # Reading request.csp_nonce makes it, and django-csp then puts this nonce in the header.
        content = content.replace(NONCE_PLACEHOLDER, str(getattr(request, "csp_nonce", "")))
    if INBOX_PLACEHOLDER in content:  # signed-in pages only
        content = content.replace(
            INBOX_PLACEHOLDER, unread_badge(unread_count(user_id=request.user.pk, cached=cached))
        )
    return content.replace(BADGE_PLACEHOLDER, basket_badge(basket_item_count(request, cached=cached)))


class VisitorPageCacheMixin:
    """For views whose page depends only on the URL, the catalogue and the visitor's state."""

    storing_page = False
    page_state = None

    def dispatch(self, request, *args, **kwargs):
        states = visitor_states(request)
        if states is None:
            return super().dispatch(request, *args, **kwargs)
        # A digest of the full address: any link is a key of the same small size, however long.
        where = hashlib.blake2s(
            f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode(), digest_size=16
        ).hexdigest()
        # A signed-in buyer's page is read under both her possible states together with her role:
        # one round trip, whichever she turns out to be.
        keys = {state: f"page:{get_language()}:{state}:{where}" for state in states}
        baskets = visitor_baskets(request)
        version, cached = catalogue_version_and_cached(
            *keys.values(), *state_cache_keys(request, states), *([baskets.cache_key] if baskets else [])
        )
        self.page_state = visitor_state(request, states, cached=cached)
        key = keys[self.page_state]
        page = cached.get(key)
        if page is not None and page[0] == version:
            __, content, content_type = page
            response = HttpResponse(_fill_in(content, request, cached), content_type=content_type)
        else:
            self.storing_page = True
            response = super().dispatch(request, *args, **kwargs)
            if not hasattr(response, "render"):  # a redirect: nothing was rendered with the holes
                return response
            response.render()
            content = response.content.decode(response.charset)
            for token in set(RENDERED_TOKEN.findall(content)):
                content = content.replace(token, CSRF_PLACEHOLDER)
            nonce = getattr(request, "csp_nonce", None)
            if nonce:  # true once the page used it
                content = content.replace(f'nonce="{nonce}"', f'nonce="{NONCE_PLACEHOLDER}"')
            if response.status_code == 200:
                cache.set(key, (version, content, response["Content-Type"]), LISTING_TIMEOUT)
            response.content = _fill_in(content, request)
        patch_vary_headers(response, ("Cookie",))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.storing_page:
            context["basket_badge"] = BADGE_PLACEHOLDER
            context["inbox_badge"] = INBOX_PLACEHOLDER
            context["is_mentor"] = self.page_state in ("mentor", "staff")  # the state the page is kept under
        return context
