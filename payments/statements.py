"""Selectors of a shop's money, for her balance page (/seller/balance/) and its downloads.

What the marketplace owes a shop is minus the balance of her two ledger accounts: pending (orders
paid, not yet delivered and past the hold) and available (what the next payout takes). Her statement
is the entries on those two accounts, a month at a time:

- the entries of one transaction and one kind make one line (a release moves money from pending to
  available: one line that leaves her total as it was; a cancellation may take from both);
- the opening balance of a month is read from the `balance_after` of each account's last entry
  before it, the lines of the month come from the (account, created_at, id) index: nothing here sums
  the books, however many entries they hold;
- the running total is the opening balance plus the lines, so opening + lines = closing always holds
  on the page and in the downloads.
"""

import datetime
import decimal
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ledger.models import Entry
from ledger.selectors import entries_between, entry_months, statement_accounts
from marketplace.banks import bank_name
from order.models import ShopOrder, ShopOrderStatus
from shops.models import Shop

from .models import BankTransfer, Payout, PayoutEvent, PayoutStatus
from .payouts import can_be_paid

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
PENDING, AVAILABLE = "pending", "available"
FIRST_YEAR, LAST_YEAR = 2020, 2100  # months outside these are not asked for by any page

KINDS = {
    "sale": gettext_lazy("Tiền hàng"),
    "shipping": gettext_lazy("Phí giao hàng người mua trả"),
    "commission": gettext_lazy("Phí hoa hồng"),
    "cancellation": gettext_lazy("Huỷ đơn: tiền trả lại người mua"),
    "release": gettext_lazy("Chuyển từ Chờ giao sang Có thể rút"),
    "payout": gettext_lazy("Hội chuyển tiền về tài khoản"),
    "payout_returned": gettext_lazy("Ngân hàng trả lại khoản chuyển"),
}
PARTS = {PENDING: gettext_lazy("Chờ giao"), AVAILABLE: gettext_lazy("Có thể rút")}


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime.datetime) -> "Month":
        local = timezone.localtime(moment, LOCAL)
        return cls(local.year, local.month)

    @classmethod
    def parse(cls, text: str | None, *, default: "Month") -> "Month":
        """`2026-11` as a month; anything else (or a year no page offers) is `default`."""
        try:
            year, month = (int(part) for part in (text or "").strip().split("-"))
        except ValueError:
            return default
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            return default
        return cls(year, month)

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime(self.year, self.month, 1, tzinfo=LOCAL)

    @property
    def end(self) -> datetime.datetime:
        return (self.start + datetime.timedelta(days=32)).replace(day=1)

    @property
    def value(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def numeric(self) -> str:
        """11/2026"""
        return f"{self.month:02d}/{self.year}"

    @property
    def label(self) -> str:
        return _("Tháng %(month)s") % {"month": self.numeric}

    def __str__(self) -> str:
        return self.value


@dataclass
class StatementLine:
    """One line of her statement: the entries of one transaction and one kind on her accounts."""

    transaction_id: int
    kind: str
    created_at: datetime.datetime
    entry_ids: list[int] = field(default_factory=list)
    amount: int = 0  # what she is owed more (+) or less (−)
    pending_change: int = 0  # of `amount`, what changed on her pending balance
    available_change: int = 0  # and on her available balance
    parts: list[str] = field(default_factory=list)  # PENDING and/or AVAILABLE
    total_after: int = 0
    # filled in by statement_details
    shop_order_id: int | None = None
    number: str = ""
    description: str = ""
    payout: Payout | None = None

    @property
    def moved(self) -> int:
        """A release: what went from pending to available (her total does not change)."""
        return self.available_change if self.kind == "release" else 0

    @property
    def shown_amount(self) -> int:
        """The amount of the line; a release shows what it moved (her total does not change)."""
        return self.moved if self.kind == "release" else self.amount

    @property
    def part_label(self) -> str:
        if self.kind == "release":
            return f"{PARTS[PENDING]} → {PARTS[AVAILABLE]}"
        return ", ".join(str(PARTS[part]) for part in self.parts)


@dataclass
class Statement:
    month: Month
    opening: int
    closing: int
    lines: list[StatementLine]
    account_ids: list[int]  # her ledger accounts (none before her first sale)
    closing_in_books: int  # what the accounts' running balances say at the month's end (= closing)
    first_entry_at: datetime.datetime | None  # her first line ever

    @property
    def money_in(self) -> int:
        return sum(line.amount for line in self.lines if line.amount > 0)

    @property
    def money_out(self) -> int:
        """What left her balance in the month, as a negative amount (so opening + in + out = closing)."""
        return sum(line.amount for line in self.lines if line.amount < 0)


@dataclass(frozen=True)
class ShopBalance:
    """Her money now: what the ledger owes her, and her payouts by where they stand."""

    pending: int
    available: int
    paid_out: int  # payouts her bank received
    in_transit: int  # payouts on their way (or sent with a wrong amount, which staff look into)
    checking: int  # of which: sent with a wrong amount

    @property
    def owed(self) -> int:
        return self.pending + self.available


def _owed(account_balance: int) -> int:
    return -account_balance


def _part_of(code: str) -> str:
    return code.rsplit(":", 1)[1]


def shop_balance(*, shop: Shop) -> ShopBalance:
    """Pending and available from her accounts' running balances, payouts from the payouts (two
    queries)."""
    owed = {PENDING: 0, AVAILABLE: 0}
    for code, balance in shop.ledger_accounts.values_list("code", "balance"):
        owed[_part_of(code)] = _owed(balance)
    payouts = Payout.objects.filter(shop=shop).aggregate(
        paid_out=Sum("amount", filter=Q(status=PayoutStatus.SENT), default=0),
        in_transit=Sum(
            "amount", filter=Q(status__in=[PayoutStatus.IN_TRANSIT, PayoutStatus.MISMATCH]), default=0
        ),
        checking=Sum("amount", filter=Q(status=PayoutStatus.MISMATCH), default=0),
    )
    return ShopBalance(pending=owed[PENDING], available=owed[AVAILABLE], **payouts)


def statement_months(*, statement: Statement, current: Month) -> list[Month]:
    """The months she has lines in, and the current one, newest first (one query)."""
    months = {
        Month(day.year, day.month)
        for day in entry_months(account_ids=statement.account_ids, since=statement.first_entry_at)
    } | {current}
    return sorted(months, key=lambda month: (month.year, month.month), reverse=True)


def shop_statement(*, shop: Shop, month: Month) -> Statement:
    """Her lines of the month with the running total, oldest first, without their descriptions
    (statement_details adds those to the lines shown). Two queries, whatever the number of lines."""
    accounts = statement_accounts(shop_id=shop.pk, start=month.start, end=month.end)
    part_by_account = {account.pk: _part_of(account.code) for account in accounts}
    opening = sum(_owed(account.balance_at_start) for account in accounts)
    entries = entries_between(
        account_ids=list(part_by_account), start=month.start, end=month.end
    ).values_list("pk", "account_id", "amount", "kind", "transaction_id", "created_at")
    lines: list[StatementLine] = []
    total = opening
    for entry_id, account_id, amount, kind, transaction_id, created_at in entries:
        line = lines[-1] if lines else None
        if line is None or (line.transaction_id, line.kind) != (transaction_id, kind):
            line = StatementLine(transaction_id=transaction_id, kind=kind, created_at=created_at)
            lines.append(line)
        part = part_by_account[account_id]
        line.entry_ids.append(entry_id)
        line.amount += _owed(amount)
        if part == PENDING:
            line.pending_change += _owed(amount)
        else:
            line.available_change += _owed(amount)
        if part not in line.parts:
            line.parts.append(part)
        total += _owed(amount)
        line.total_after = total
    return Statement(
        month=month,
        opening=opening,
        closing=total,
        lines=lines,
        account_ids=list(part_by_account),
        closing_in_books=sum(_owed(account.balance_at_end) for account in accounts),
        first_entry_at=min((a.first_entry_at for a in accounts if a.first_entry_at), default=None),
    )


def _last_digits(account_number: str) -> str:
    return f"···{account_number[-4:]}" if account_number else ""


def _describe(line: StatementLine, entry: Entry, *, payouts: dict, returns: dict) -> None:
    transaction = entry.transaction
    shop_order = transaction.shop_order
    if shop_order is not None:
        line.shop_order_id, line.number = shop_order.pk, shop_order.number
        rate_bp = shop_order.commission_rate_bp
    elif transaction.order is not None and entry.sale_shop_order_id is not None:
        line.shop_order_id = entry.sale_shop_order_id
        line.number = f"{transaction.order.number}-{entry.sale_shop_order_id}"
        rate_bp = entry.sale_rate_bp
    else:
        rate_bp = None
    description = str(KINDS.get(line.kind, line.kind))
    if line.kind == "commission" and rate_bp is not None:
        description = _("Phí hoa hồng %(rate)s") % {"rate": percent_text(rate_bp)}
    elif line.kind == "payout":
        line.payout = payouts.get(_key_id(transaction.key, "payout"))
        if line.payout is not None:
            description = _("Hội chuyển về tài khoản %(bank)s %(account)s, nội dung %(reference)s") % {
                "bank": bank_name(line.payout.bank_bin),
                "account": _last_digits(line.payout.account_number),
                "reference": line.payout.reference,
            }
    elif line.kind == "payout_returned":
        line.payout = returns.get(_key_id(transaction.key, "transfer"))
        if line.payout is not None:
            description = _("Ngân hàng trả lại khoản chuyển %(reference)s") % {
                "reference": line.payout.reference
            }
    line.description = description


def _key_id(key: str, prefix: str) -> int | None:
    """The id in a transaction key written by payments.books ("payout:12:made", "transfer:7:in")."""
    head, _sep, rest = key.partition(":")
    number = rest.partition(":")[0]
    return int(number) if head == prefix and number.isdigit() else None


def statement_details(*, shop: Shop, statement: Statement, lines: list[StatementLine] | None = None) -> None:
    """Order number, shop order and description of the statement's lines, or of some of them (the
    page shown): at most three queries whatever their number. All the lines are read by the month's
    range, some by their ids; both on her accounts only."""
    lines = statement.lines if lines is None else lines
    if not lines:
        return
    paid_shop_order = ShopOrder.objects.filter(order_id=OuterRef("transaction__order_id"), shop_id=shop.pk)
    entries = (
        Entry.objects.filter(account_id__in=statement.account_ids)
        .select_related("transaction__order", "transaction__shop_order__order")
        .annotate(
            sale_shop_order_id=Subquery(paid_shop_order.values("pk")[:1]),
            sale_rate_bp=Subquery(paid_shop_order.values("commission_rate_bp")[:1]),
        )
    )
    if lines is statement.lines:
        entries = entries.filter(created_at__gte=statement.month.start, created_at__lt=statement.month.end)
    else:
        entries = entries.filter(pk__in=[line.entry_ids[0] for line in lines])
    first_entry = {line.entry_ids[0]: line for line in lines}
    found = [(first_entry[entry.pk], entry) for entry in entries if entry.pk in first_entry]
    payout_ids = {_key_id(entry.transaction.key, "payout") for line, entry in found if line.kind == "payout"}
    transfer_ids = {
        _key_id(entry.transaction.key, "transfer") for line, entry in found if line.kind == "payout_returned"
    }
    payouts = {payout.pk: payout for payout in Payout.objects.filter(shop=shop, pk__in=payout_ids - {None})}
    returns = {
        transfer.pk: transfer.payout
        for transfer in BankTransfer.objects.select_related("payout").filter(
            pk__in=transfer_ids - {None}, payout__shop=shop
        )
    }
    for line, entry in found:
        _describe(line, entry, payouts=payouts, returns=returns)


def percent_text(rate_bp: int) -> str:
    """Basis points as people write a percentage: 500 → "5 %", 250 → "2,5 %" (in English "2.5 %")."""
    whole, rest = divmod(rate_bp, 100)
    if not rest:
        return f"{whole}\xa0%"
    decimals = 1 if rest % 10 == 0 else 2
    return f"{number_format(decimal.Decimal(rate_bp) / 100, decimals)}\xa0%"


@dataclass(frozen=True)
class PendingOrder:
    shop_order: ShopOrder
    share: int
    available_from: datetime.datetime | None  # None: not shipped yet, the clock has not started


def pending_orders(*, shop: Shop, limit: int = 5) -> tuple[list[PendingOrder], int]:
    """Her paid shop orders whose money is not available yet, those that become available soonest
    first (delivered, then shipped, then not shipped), at most `limit`; and how many there are in
    all. One query."""
    hold = datetime.timedelta(days=settings.FUNDS_HOLD_DAYS_AFTER_DELIVERY)
    long_shipped = datetime.timedelta(days=settings.FUNDS_RELEASE_DAYS_AFTER_SHIPPING)
    waiting = (
        ShopOrder.objects.filter(shop=shop, commission_rate_bp__isnull=False, released_at=None)
        .exclude(status=ShopOrderStatus.CANCELLED)
        .select_related("order")
    )
    rows = []
    for shop_order in waiting.order_by("pk"):
        if shop_order.status == ShopOrderStatus.DELIVERED and shop_order.delivered_at:
            available_from = shop_order.delivered_at + hold
        elif shop_order.status == ShopOrderStatus.SHIPPED and shop_order.shipped_at:
            available_from = shop_order.shipped_at + long_shipped
        else:
            available_from = None
        rows.append(PendingOrder(shop_order, shop_order.shop_share, available_from))
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    rows.sort(key=lambda row: (row.available_from or far, row.shop_order.pk))
    return rows[:limit], len(rows)


@dataclass(frozen=True)
class NextPayout:
    """What the next payout batch would send her, or why it would not."""

    amount: int
    bank: str
    account: str
    holder: str
    ready: bool  # at least the minimum available and a complete bank account
    below_minimum: bool
    no_bank_account: bool


def next_payout(*, shop: Shop, available: int) -> NextPayout:
    has_account = can_be_paid(shop)
    return NextPayout(
        amount=max(available, 0),
        bank=bank_name(shop.bank_bin),
        account=_last_digits(shop.account_number),
        holder=shop.account_holder,
        ready=has_account and available >= max(settings.PAYOUT_MINIMUM, 1),
        below_minimum=available < max(settings.PAYOUT_MINIMUM, 1),
        no_bank_account=not has_account,
    )


RECENT_PAYOUT_NEWS_DAYS = 14


def recent_payout_news(*, shop: Shop, now: datetime.datetime | None = None) -> PayoutEvent | None:
    """Her latest payout seen leaving, or coming back, in the last two weeks, with its payout: her
    seller home says it, for the vendors who have no email to be told by (one query)."""
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_PAYOUT_NEWS_DAYS)
    return (
        PayoutEvent.objects.filter(
            payout__shop=shop,
            to_status__in=(PayoutStatus.SENT, PayoutStatus.RETURNED),
            created_at__gte=since,
        )
        .select_related("payout")
        .order_by("-created_at", "-pk")
        .first()
    )


def payout_account(payout: Payout) -> str:
    """Where a payout went, as her pages say it: "Vietcombank ···6789"."""
    return f"{bank_name(payout.bank_bin)} {_last_digits(payout.account_number)}"
