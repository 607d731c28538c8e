"""The figures of a Union report, from a handful of aggregate queries (no query per shop, order or
month): members and shops, products and OCOP stars, sales, cashless payments, each for the period
and the one before it, and broken down by month and by province.

A province is the shop's: an order with two shops of two provinces counts in each (and once in the
totals). Shop and product counts that describe a state ("live shops", "products by stars", "waiting
now") are as they stand today; everything else is what happened in the period.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace import geo
from ocop.models import CertificateEvent, CertificateStatus, OcopCertificate
from order.models import ShopOrder, ShopOrderStatus
from payments.models import Payment, Payout, PayoutStatus
from shops.models import Shop, ShopReviewEvent, ShopStatus

from .periods import VIETNAM, Period, today

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")


@dataclass(frozen=True)
class Scope:
    """The provinces a report covers: None for all of them (union staff)."""

    provinces: frozenset[int] | None

    def q(self, field: str) -> Q:
        return Q() if self.provinces is None else Q(**{f"{field}__in": self.provinces})


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int | None
    previous: float | int | None = None
    unit: str = "count"  # count, money, percent, days, hours

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class Report:
    period: Period
    previous: Period
    scope: Scope
    sections: list[tuple[str, list[Figure]]]
    months: list[dict]
    trend: list[dict]  # the months of the charts: the period's, or the twelve up to a short period's end
    provinces: list[dict]
    stars: dict[int, int]
    figures: dict[str, Figure] = field(default_factory=dict)


def _between(name: str, period: Period) -> Q:
    return Q(**{f"{name}__gte": period.start, f"{name}__lt": period.end})


def _paid_shop_orders(period: Period, scope: Scope):
    return ShopOrder.objects.filter(_between("paid_at", period), scope.q("shop__province_code"))


SALES = {
    "shop_orders": Count("pk"),
    "orders": Count("order", distinct=True),
    "shops": Count("shop", distinct=True),
    "gmv": Sum("items_total"),
    "shipping": Sum("shipping_fee"),
    "commission": Sum("commission", filter=~Q(status=ShopOrderStatus.CANCELLED)),
    # what completed the payment (kept on the shop order when it was paid): a feed, a card, or by hand
    "by_feed": Count("pk", filter=Q(paid_by=Payment.PaidBy.FEED)),
    "by_card": Count("pk", filter=Q(paid_by=Payment.PaidBy.CARD)),
}


def _sales(period: Period, scope: Scope) -> dict:
    totals = _paid_shop_orders(period, scope).aggregate(**SALES)
    totals = {key: value or 0 for key, value in totals.items()}
    totals["items"] = (
        Line.objects.filter(
            _between("shop_order__paid_at", period), scope.q("shop_order__shop__province_code")
        ).aggregate(items=Sum("quantity"))["items"]
        or 0
    )
    cancelled = ShopOrder.objects.filter(_between("cancelled_at", period), scope.q("shop__province_code"))
    totals.update(
        cancelled.aggregate(
            cancelled_unpaid=Count("pk", filter=Q(paid_at__isnull=True)),
            refunded_parts=Sum(F("items_total") + F("shipping_fee"), filter=Q(paid_at__isnull=False)),
        )
    )
    totals["refunded_parts"] = totals["refunded_parts"] or 0
    totals["orders_placed"] = ShopOrder.objects.filter(
        _between("created_at", period), scope.q("shop__province_code")
    ).aggregate(n=Count("order", distinct=True))["n"]
    totals["paid_out"] = (
        Payout.objects.filter(
            _between("sent_at", period), scope.q("shop__province_code"), status=PayoutStatus.SENT
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    return totals


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


class MedianSeconds(Aggregate):
    """PostgreSQL's median of a duration, in seconds (percentile_cont, in the database)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM %(expressions)s))"
    output_field = FloatField()


def _median_hours_to_payment(period: Period, scope: Scope) -> float | None:
    paid = _paid_shop_orders(period, scope)
    if connection.vendor == "postgresql":
        seconds = paid.aggregate(median=MedianSeconds(F("paid_at") - F("created_at")))["median"]
        return None if seconds is None else round(seconds / 3600, 1)
    waits = [  # SQLite has no percentile: the waits are read and the median taken here
        (paid_at - placed_at).total_seconds() / 3600
        for paid_at, placed_at in paid.values_list("paid_at", "created_at")
    ]
    return round(statistics.median(waits), 1) if waits else None


def _reviews(period: Period, scope: Scope) -> dict[str, int]:
    events = ShopReviewEvent.objects.filter(_between("created_at", period), scope.q("shop__province_code"))
    counts = dict(events.values_list("to_status").annotate(n=Count("shop", distinct=True)).order_by())
    return {
        status: counts.get(status, 0)
        for status in (ShopStatus.SUBMITTED, ShopStatus.APPROVED, ShopStatus.REJECTED)
    }


def _certificates(period: Period, scope: Scope) -> dict[str, int]:
    verified = CertificateEvent.objects.filter(
        _between("created_at", period),
        scope.q("certificate__shop__province_code"),
        to_status=CertificateStatus.VERIFIED,
    )
    earlier_best = (
        CertificateEvent.objects.filter(
            certificate__shop=OuterRef("certificate__shop"),
            to_status=CertificateStatus.VERIFIED,
            created_at__lt=OuterRef("created_at"),
        )
        .values("certificate__shop")
        .annotate(best=Max("certificate__stars"))
        .values("best")
    )
    moved_up = verified.annotate(before=Subquery(earlier_best)).filter(certificate__stars__gt=F("before"))
    return {
        "verified": verified.values("certificate").distinct().count(),
        "moved_up": moved_up.values("certificate__shop").distinct().count(),
    }


def _sales_figures(now: dict, before: dict, hours_now, hours_before) -> tuple[list[Figure], list[Figure]]:
    def average(totals):
        return (totals["gmv"] + totals["shipping"]) // totals["orders"] if totals["orders"] else None

    return [
        Figure("orders_placed", _("Đơn đặt"), now["orders_placed"], before["orders_placed"]),
        Figure("orders", _("Đơn đã thanh toán"), now["orders"], before["orders"]),
        Figure("items", _("Sản phẩm bán ra"), now["items"], before["items"]),
        Figure("gmv", _("Doanh số (tiền hàng)"), now["gmv"], before["gmv"], "money"),
        Figure("shipping", _("Phí giao hàng"), now["shipping"], before["shipping"], "money"),
        Figure("average", _("Giá trị trung bình một đơn"), average(now), average(before), "money"),
        Figure(
            "cancelled_unpaid",
            _("Đơn huỷ trước khi trả tiền"),
            now["cancelled_unpaid"],
            before["cancelled_unpaid"],
        ),
        Figure(
            "refunded_parts",
            _("Hoàn tiền phần đơn bị huỷ"),
            now["refunded_parts"],
            before["refunded_parts"],
            "money",
        ),
        Figure("commission", _("Phí hoa hồng"), now["commission"], before["commission"], "money"),
        Figure("paid_out", _("Đã chi trả cho gian hàng"), now["paid_out"], before["paid_out"], "money"),
    ], [
        Figure(
            "by_feed_share",
            _("Đơn được ngân hàng tự xác nhận"),
            _share(now["by_feed"], now["shop_orders"]),
            _share(before["by_feed"], before["shop_orders"]),
            "percent",
        ),
        Figure(
            "by_card_share",
            _("Đơn trả bằng thẻ"),
            _share(now["by_card"], now["shop_orders"]),
            _share(before["by_card"], before["shop_orders"]),
            "percent",
        ),
        Figure(
            "hours_to_payment",
            _("Thời gian từ đặt đến trả tiền (trung vị)"),
            hours_now,
            hours_before,
            "hours",
        ),
    ]


def _standing(scope: Scope) -> tuple[dict[str, Figure], dict[int, int]]:
    """Shops and products as they stand today."""
    shops = dict(
        Shop.objects.filter(scope.q("province_code")).values_list("status").annotate(n=Count("pk")).order_by()
    )
    waiting_since = list(
        Shop.objects.filter(scope.q("province_code"), status=ShopStatus.SUBMITTED)
        .exclude(submitted_at=None)
        .values_list("submitted_at", flat=True)
    )
    now = datetime.datetime.now(VIETNAM)
    waiting_days = (
        round(statistics.mean((now - since).total_seconds() / 86400 for since in waiting_since), 1)
        if waiting_since
        else None
    )
    products = Product.objects.filter(
        scope.q("shop__province_code"), parent=None, is_public=True, shop__status=ShopStatus.APPROVED
    )
    stars = dict(
        products.filter(ocop_stars__gte=3).values_list("ocop_stars").annotate(n=Count("pk")).order_by()
    )
    expiring = OcopCertificate.objects.filter(
        scope.q("shop__province_code"),
        status=CertificateStatus.VERIFIED,
        expires_on__gte=today(),
        expires_on__lte=today() + datetime.timedelta(days=60),
    ).count()
    figures = [
        Figure("waiting", _("Hồ sơ đang chờ duyệt"), shops.get(ShopStatus.SUBMITTED, 0)),
        Figure("waiting_days", _("Thời gian chờ trung bình"), waiting_days, unit="days"),
        Figure("live", _("Gian hàng đang hoạt động"), shops.get(ShopStatus.APPROVED, 0)),
        Figure("suspended", _("Gian hàng tạm ngừng"), shops.get(ShopStatus.SUSPENDED, 0)),
        Figure("live_products", _("Sản phẩm đang bán"), products.count()),
        Figure("certified_products", _("Sản phẩm có sao OCOP"), sum(stars.values())),
        *(
            Figure(f"stars_{level}", _("Sản phẩm OCOP %(stars)s★") % {"stars": level}, stars.get(level, 0))
            for level in (3, 4, 5)
        ),
        Figure("expiring", _("Chứng nhận hết hạn trong 60 ngày tới"), expiring),
    ]
    return {figure.key: figure for figure in figures}, {level: stars.get(level, 0) for level in (3, 4, 5)}


def _by_month(period: Period, scope: Scope) -> list[dict]:
    months = {month: defaultdict(int, month=month) for month in period.months()}
    paid = (
        _paid_shop_orders(period, scope)
        .annotate(month=TruncMonth("paid_at", tzinfo=VIETNAM))
        .values("month")
        .annotate(
            **{
                key: SALES[key]
                for key in ("shop_orders", "orders", "gmv", "shipping", "commission", "by_feed")
            }
        )
        .order_by()
    )
    placed = (
        ShopOrder.objects.filter(_between("created_at", period), scope.q("shop__province_code"))
        .annotate(month=TruncMonth("created_at", tzinfo=VIETNAM))
        .values("month")
        .annotate(orders_placed=Count("order", distinct=True))
        .order_by()
    )
    for row in [*paid, *placed]:
        month = _as_date(row.pop("month"))
        months.setdefault(month, defaultdict(int, month=month)).update({k: v or 0 for k, v in row.items()})
    rows = [months[month] for month in sorted(months)]
    for row in rows:
        row["by_feed_share"] = _share(row["by_feed"], row["shop_orders"])
    return rows


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _by_province(period: Period, scope: Scope) -> list[dict]:
    provinces: dict[int, defaultdict] = {}

    def row(code):
        return provinces.setdefault(code, defaultdict(int, code=code, name=geo.province_name(code)))

    paid = (
        _paid_shop_orders(period, scope)
        .values("shop__province_code")
        .annotate(
            **{key: SALES[key] for key in ("shop_orders", "orders", "shops", "gmv", "commission", "by_feed")}
        )
        .order_by()
    )
    for cells in paid:
        row(cells.pop("shop__province_code")).update({k: v or 0 for k, v in cells.items()})
    reviews = (
        ShopReviewEvent.objects.filter(_between("created_at", period), scope.q("shop__province_code"))
        .values("shop__province_code")
        .annotate(
            applications=Count("shop", distinct=True, filter=Q(to_status=ShopStatus.SUBMITTED)),
            approved=Count("shop", distinct=True, filter=Q(to_status=ShopStatus.APPROVED)),
        )
        .order_by()
    )
    for cells in reviews:
        row(cells.pop("shop__province_code")).update(cells)
    live = Shop.objects.filter(scope.q("province_code"), status=ShopStatus.APPROVED).values("province_code")
    for cells in live.annotate(live=Count("pk")).order_by():
        row(cells.pop("province_code")).update(cells)
    rows = sorted(
        (r for code, r in provinces.items() if code is not None), key=lambda r: (-r["gmv"], r["name"])
    )
    for each in rows:
        each["by_feed_share"] = _share(each["by_feed"], each["shop_orders"])
    return rows


def by_province_and_month(*, period: Period, scope: Scope) -> list[dict]:
    """Sales for each province and month of the period, in one query (the download's cross table)."""
    cells = (
        _paid_shop_orders(period, scope)
        .annotate(month=TruncMonth("paid_at", tzinfo=VIETNAM))
        .values("shop__province_code", "month")
        .annotate(
            **{
                key: SALES[key]
                for key in ("shop_orders", "orders", "shops", "gmv", "shipping", "commission", "by_feed")
            }
        )
        .order_by("shop__province_code", "month")
    )
    rows = []
    for cell in cells:
        code = cell.pop("shop__province_code")
        rows.append(
            {
                **{key: value or 0 for key, value in cell.items()},
                "month": _as_date(cell["month"]),
                "code": code,
                "name": geo.province_name(code),
                "by_feed_share": _share(cell["by_feed"], cell["shop_orders"]),
            }
        )
    return sorted(rows, key=lambda row: (row["name"], row["month"]))


TREND_MONTHS = 12


def _twelve_months_to(period: Period) -> Period:
    last_month = period.months()[-1]
    first = datetime.date(last_month.year - 1, last_month.month, 1)
    first = datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1)  # eleven months back
    return Period("custom", first, period.last_day)


def report(*, period: Period, scope: Scope) -> Report:
    previous = period.previous()
    months = _by_month(period, scope)
    sales_now, sales_before = _sales(period, scope), _sales(previous, scope)
    reviews_now, reviews_before = _reviews(period, scope), _reviews(previous, scope)
    certificates_now, certificates_before = _certificates(period, scope), _certificates(previous, scope)
    standing, stars = _standing(scope)
    sales, cashless = _sales_figures(
        sales_now,
        sales_before,
        _median_hours_to_payment(period, scope),
        _median_hours_to_payment(previous, scope),
    )
    members = [
        Figure(
            "applications",
            _("Hồ sơ mở gian hàng nhận được"),
            reviews_now["submitted"],
            reviews_before["submitted"],
        ),
        Figure("approved", _("Gian hàng được duyệt"), reviews_now["approved"], reviews_before["approved"]),
        Figure("rejected", _("Hồ sơ bị từ chối"), reviews_now["rejected"], reviews_before["rejected"]),
        *(standing[key] for key in ("waiting", "waiting_days", "live", "suspended")),
        Figure("selling_shops", _("Gian hàng có ít nhất một đơn"), sales_now["shops"], sales_before["shops"]),
    ]
    products = [
        *(standing[key] for key in ("live_products", "certified_products", "stars_3", "stars_4", "stars_5")),
        Figure(
            "certificates_verified",
            _("Chứng nhận OCOP được xác minh"),
            certificates_now["verified"],
            certificates_before["verified"],
        ),
        standing["expiring"],
        Figure(
            "moved_up",
            _("Gian hàng lên hạng sao"),
            certificates_now["moved_up"],
            certificates_before["moved_up"],
        ),
    ]
    sections = [
        (_("Hội viên và gian hàng"), members),
        (_("Sản phẩm và OCOP"), products),
        (_("Bán hàng"), sales),
        (_("Thanh toán không dùng tiền mặt"), cashless),
    ]
    return Report(
        period=period,
        previous=previous,
        scope=scope,
        sections=sections,
        months=months,
        trend=months if len(months) >= TREND_MONTHS // 2 else _by_month(_twelve_months_to(period), scope),
        provinces=_by_province(period, scope),
        stars=stars,
        figures={figure.key: figure for _title, figures in sections for figure in figures},
    )
