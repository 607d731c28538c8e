"""Sign-in throttling with django-axes: a limit per account and a higher one per address.

An account is locked after settings.AXES_FAILURE_LIMIT wrong passwords (5), an address after
settings.SIGN_IN_FAILURES_PER_ADDRESS (20: many people share a mobile carrier's address), each for
settings.AXES_COOLOFF_TIME (30 minutes) after its last counted failure. While locked, even the right
password is refused with the same message, so a lock says nothing about the password.

The account is one key however it is typed: "0912 345 678", "+84912345678" and "84-912-345-678" are
all +84912345678, an email is lower-cased. Staff unlock an account at /admin/axes/accessattempt/ or
with `manage.py axes_reset_username +84912345678` (docs/staff.md).

The settings naming these callables are in marketplace/settings/base.py (AXES_*).
"""

import ipaddress
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext

from .phones import looks_like_phone, normalize_vn_phone


def account_key(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account a sign-in names, the same key however it was typed."""
    credentials = credentials or {}
    raw = str(credentials.get("username") or credentials.get("email") or "").strip()
    if not raw:
        return None
    if "@" not in raw and looks_like_phone(raw):
        try:
            return normalize_vn_phone(raw)
        except ValidationError:
            pass  # not a valid number: counted under what was typed
    return raw.lower()[:255]


def client_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address.

    Behind settings.TRUSTED_PROXY_COUNT proxies (production: nginx, which appends the address it saw
    to X-Forwarded-For), the entry the outermost trusted proxy wrote: entries to its left came from
    the client and could say anything. With no trusted proxy, X-Forwarded-For is never read.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _limits() -> dict[str, int]:
    return {"username": settings.AXES_FAILURE_LIMIT, "ip_address": settings.SIGN_IN_FAILURES_PER_ADDRESS}


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, with its own limit for each lockout parameter (account, address)."""

    def failures_by_parameter(self, request, credentials=None) -> dict[str, tuple[int, datetime | None]]:
        """{"username": (failures, last failure), "ip_address": (...)}, within the cool-off."""
        counted = {}
        attempts = self.get_user_attempts(request, credentials)
        for parameter, queryset in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts, strict=True):
            row = queryset.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            counted[parameter] = (row["failures"] or 0, row["last"])
        return counted

    def get_failures(self, request, credentials=None) -> int:
        """Axes compares this with AXES_FAILURE_LIMIT (the account's limit), so an address's failures
        are put on that scale: it reaches the limit exactly when the address reaches its own."""
        limit = settings.AXES_FAILURE_LIMIT
        limits = _limits()
        return max(
            failures * limit // limits[parameter]
            for parameter, (failures, _last) in self.failures_by_parameter(request, credentials).items()
        )

    def lock_ends(self, request, credentials=None) -> datetime | None:
        """When this sign-in's lock lifts: the last failure of each locked parameter, plus the cool-off."""
        limits = _limits()
        cool_off = get_cool_off(request)
        ends = [
            last + cool_off
            for parameter, (failures, last) in self.failures_by_parameter(request, credentials).items()
            if failures >= limits[parameter] and last is not None
        ]
        return max(ends, default=None)


def lock_message(request: HttpRequest, credentials: dict | None) -> str:
    """What the sign-in page says to someone locked out: until when, and who can unlock."""
    handler = AxesProxyHandler.get_implementation()
    ends = handler.lock_ends(request, credentials) if isinstance(handler, AccountAndAddressHandler) else None
    if ends is None:
        ends = timezone.now() + get_cool_off(request)
    return gettext(
        "Đăng nhập đang tạm khoá vì mật khẩu bị nhập sai quá nhiều lần. Hãy thử lại lúc %(time)s, "
        "hoặc nhờ cán bộ Hội LHPN mở khoá."
    ) % {"time": formats.time_format(timezone.localtime(ends), "H:i")}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the sign-in page as it was, its form saying why (customer.forms), as 429."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
        return original_response
    return HttpResponse(
        lock_message(request, credentials),
        status=settings.AXES_HTTP_RESPONSE_CODE,
        content_type="text/plain; charset=utf-8",
    )
