"""Reads of the books: balances of accounts, of one order's money, and a shop's."""

import datetime
import zoneinfo
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Account, Entry
from .services import SYSTEM_ACCOUNTS, shop_accounts


def balance(code: str) -> int:
    """An account's balance (debits minus credits) from its entries."""
    return Entry.objects.filter(account__code=code).aggregate(total=Sum("amount"))["total"] or 0


def order_balance(code: str, *, order) -> int:
    """What one account holds for one order (debits minus credits of the order's entries)."""
    entries = Entry.objects.filter(account__code=code, transaction__order=order)
    return entries.aggregate(total=Sum("amount"))["total"] or 0


def system_balances() -> dict[str, int]:
    """Every account of the marketplace's own, by code, in one query."""
    rows = (
        Entry.objects.filter(account__shop__isnull=True)
        .values_list("account__code")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    totals = dict(rows)
    return {code: totals.get(code, 0) for code in SYSTEM_ACCOUNTS}


def shop_owed(shop) -> dict[str, int]:
    """What the marketplace owes the shop: pending (not yet payable) and available (payable)."""
    accounts = shop_accounts(shop)
    return {"pending": -accounts.pending.balance, "available": -accounts.available.balance}


def owed_to_shops(*, shop_ids=None) -> dict[int, dict[str, int]]:
    """Pending and available money of many shops at once (one query)."""
    rows = Account.objects.filter(shop__isnull=False)
    if shop_ids is not None:
        rows = rows.filter(shop_id__in=shop_ids)
    owed: dict[int, dict[str, int]] = {}
    for shop_id, code, amount in rows.values_list("shop_id", "code", "balance"):
        owed.setdefault(shop_id, {"pending": 0, "available": 0})[code.rsplit(":", 1)[1]] = -amount
    return owed


# A shop's statement. Every read below filters on the shop's own account ids and a time range, so it
# walks the (account, created_at, id) index and costs the same with a million entries in the books.


def statement_accounts(*, shop_id: int, start: datetime.datetime, end: datetime.datetime) -> list[Account]:
    """The shop's accounts (none before her first sale), each with `balance` (now) and, annotated,
    `balance_at_start` and `balance_at_end`: the running balance after its last entry before `start`
    and before `end` (0 when there is none), and `first_entry_at` (None without entries). One query,
    each figure one step down the index."""
    mine = Entry.objects.filter(account=OuterRef("pk"))

    def last_balance_before(moment: datetime.datetime) -> Coalesce:
        last = mine.filter(created_at__lt=moment).order_by("-created_at", "-id")
        return Coalesce(Subquery(last.values("balance_after")[:1]), Value(0))

    return list(
        Account.objects.filter(shop_id=shop_id)
        .annotate(
            balance_at_start=last_balance_before(start),
            balance_at_end=last_balance_before(end),
            first_entry_at=Subquery(mine.order_by("created_at", "id").values("created_at")[:1]),
        )
        .order_by("pk")
    )


def entries_between(
    *, account_ids: Sequence[int], start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Entry]:
    """The accounts' entries from `start` (included) to `end` (excluded), oldest first."""
    return Entry.objects.filter(
        account_id__in=account_ids, created_at__gte=start, created_at__lt=end
    ).order_by("created_at", "id")


def entry_months(*, account_ids: Sequence[int], since: datetime.datetime | None) -> list[datetime.date]:
    """The first day of each month (in the site's time zone) from `since` (the accounts' first entry)
    to now in which the accounts have an entry, newest first. One query asking, for each month, whether
    one entry exists in its range (an index probe), rather than reading every entry the accounts ever
    had."""
    if not account_ids or since is None:
        return []
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    month = timezone.localtime(since, local).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    now = timezone.localtime(timezone.now(), local)
    starts = []
    while month <= now:
        starts.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    ranges = [(start, (start + datetime.timedelta(days=32)).replace(day=1)) for start in starts]
    checks = {
        f"m{index}": Exists(
            Entry.objects.filter(account_id__in=account_ids, created_at__gte=start, created_at__lt=end)
        )
        for index, (start, end) in enumerate(ranges)
    }
    found = Account.objects.filter(pk=account_ids[0]).values(**checks).get()
    return [starts[index].date() for index in reversed(range(len(starts))) if found[f"m{index}"]]
