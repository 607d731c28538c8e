"""Posting: the one way anything is written to the books.

`post` writes a transaction under the key of the business event it records; the unique key makes a
retry, a second worker or a replayed webhook post nothing new. Its entries must sum to zero. A
shop's accounts are locked (in id order) while their running balances move, so two postings on one
shop queue up; the marketplace's own accounts are never locked, so payments of different shops run
side by side.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shops.models import Shop

from .models import Account, AccountKind, Entry, Transaction


class Unbalanced(ValueError):
    """Entries that do not sum to zero: a programming error, never posted."""


class SystemAccount:
    """The marketplace's own accounts, by code."""

    BANK = "bank"
    UNALLOCATED = "unallocated"
    RECEIVED = "received"
    CONFIRMED_BY_HAND = "confirmed_by_hand"
    COMMISSION = "commission"
    REFUNDS_OWED = "refunds_owed"
    REFUNDS_SENT = "refunds_sent"
    PAYOUTS_IN_TRANSIT = "payouts_in_transit"
    SUSPENSE = "suspense"
    CARD_CLEARING = "card_clearing"
    CARD_FEES = "card_fees"
    CARD_DISPUTES = "card_disputes"


SYSTEM_ACCOUNTS = {
    SystemAccount.BANK: (_("Tài khoản thu (ngân hàng)"), AccountKind.ASSET),
    SystemAccount.UNALLOCATED: (_("Tiền nhận chưa rõ đơn"), AccountKind.LIABILITY),
    SystemAccount.RECEIVED: (_("Tiền người mua đã trả, chưa chia"), AccountKind.LIABILITY),
    SystemAccount.CONFIRMED_BY_HAND: (_("Xác nhận tay, chờ sao kê"), AccountKind.ASSET),
    SystemAccount.COMMISSION: (_("Phí hoa hồng"), AccountKind.INCOME),
    SystemAccount.REFUNDS_OWED: (_("Cần hoàn cho người mua"), AccountKind.LIABILITY),
    SystemAccount.REFUNDS_SENT: (_("Đã hoàn tay, chờ sao kê"), AccountKind.LIABILITY),
    SystemAccount.PAYOUTS_IN_TRANSIT: (_("Đang chuyển cho gian hàng"), AccountKind.LIABILITY),
    SystemAccount.SUSPENSE: (_("Tiền ra chưa rõ lý do"), AccountKind.ASSET),
    SystemAccount.CARD_CLEARING: (_("Tiền thẻ ở Stripe"), AccountKind.ASSET),
    SystemAccount.CARD_FEES: (_("Phí thẻ Stripe"), AccountKind.EXPENSE),
    SystemAccount.CARD_DISPUTES: (_("Tiền thẻ bị khiếu nại, Stripe giữ"), AccountKind.ASSET),
}


@dataclass(frozen=True)
class Line:
    """One entry to post: debit positive, credit negative; `kind` names it in a shop's statement."""

    account: Account
    amount: int
    kind: str


@dataclass(frozen=True)
class ShopAccounts:
    pending: Account
    available: Account


def system_accounts(*codes: str) -> dict[str, Account]:
    """The marketplace's own accounts by code, in one query (each made on first use)."""
    found = {account.code: account for account in Account.objects.filter(code__in=codes)}
    for code in set(codes) - set(found):
        name, kind = SYSTEM_ACCOUNTS[code]
        found[code] = Account.objects.get_or_create(code=code, defaults={"name": str(name), "kind": kind})[0]
    return found


def shop_accounts(shop: Shop) -> ShopAccounts:
    """The shop's pending and available balances, in one query (made on first use)."""
    found = {account.code: account for account in Account.objects.filter(shop=shop)}
    names = {"pending": _("chờ giao"), "available": _("có thể rút")}
    for part, name in names.items():
        code = f"shop:{shop.pk}:{part}"
        if code not in found:
            found[code] = Account.objects.get_or_create(
                code=code,
                defaults={"name": f"{shop.name} – {name}", "kind": AccountKind.LIABILITY, "shop": shop},
            )[0]
    return ShopAccounts(
        pending=found[f"shop:{shop.pk}:pending"], available=found[f"shop:{shop.pk}:available"]
    )


def post(
    *,
    key: str,
    kind: str,
    lines: list[Line],
    order=None,
    shop_order=None,
    note: str = "",
    actor=None,
) -> Transaction | None:
    """Post the event once. Returns its transaction (the one already there on a replay), or None when
    every line is zero (nothing moved)."""
    lines = [line for line in lines if line.amount]
    if sum(line.amount for line in lines) != 0:
        raise Unbalanced(f"{key}: entries sum to {sum(line.amount for line in lines)}")
    if not lines:
        return None
    with transaction.atomic():
        # The shop's balances are taken first, and the time after: a shop's entries then follow
        # the order their running balances were written in, even for postings in the same instant.
        running = sorted({line.account.pk for line in lines if line.account.keeps_running_balance})
        locked = {
            account.pk: account
            for account in Account.objects.select_for_update().filter(pk__in=running).order_by("pk")
        }
        try:
            with transaction.atomic():
                posted = Transaction.objects.create(
                    key=key,
                    kind=kind,
                    order=order,
                    shop_order=shop_order,
                    note=note[:300],
                    actor=actor,
                    created_at=timezone.now(),
                )
        except IntegrityError:  # this event is in the books already
            return Transaction.objects.get(key=key)
        entries = []
        for line in lines:
            after = None
            if line.account.pk in locked:
                account = locked[line.account.pk]
                account.balance += line.amount
                after = account.balance
            entries.append(
                Entry(
                    transaction=posted,
                    account_id=line.account.pk,
                    amount=line.amount,
                    kind=line.kind,
                    balance_after=after,
                    created_at=posted.created_at,
                )
            )
        Entry.objects.bulk_create(entries)
        for account in locked.values():
            account.save(update_fields=["balance"])
    return posted


def locked_shop_accounts(shop: Shop) -> ShopAccounts:
    """The shop's accounts with their balances, locked until the transaction ends: for a posting whose
    amounts depend on them (a payout takes what is available; a cancellation takes from pending
    first)."""
    accounts = shop_accounts(shop)
    rows = {
        account.pk: account
        for account in Account.objects.select_for_update()
        .filter(pk__in=[accounts.pending.pk, accounts.available.pk])
        .order_by("pk")
    }
    return ShopAccounts(pending=rows[accounts.pending.pk], available=rows[accounts.available.pk])
