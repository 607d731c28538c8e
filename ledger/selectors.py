"""Reads of the books: balances of accounts, of one order's money, and a shop's."""

from django.db.models import Sum

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
