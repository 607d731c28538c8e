"""Every figure of the report against a fixture computed by hand, for all provinces and for one,
for November 2026 against October 2026 (Vietnam's time)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from order.models import ShopOrder
from payments.transitions import payment_cancel_shop_order, payment_confirm_by_hand, payment_expire
from reports.figures import Scope, report
from reports.periods import Period, period_from
from shops import review
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_application, an_order
from tests.factories.money import bank_feed

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HA_NOI, HO_CHI_MINH = 1, 79
NOVEMBER = Period("month", datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


def at(time_machine, day: str) -> None:
    time_machine.move_to(datetime.datetime.fromisoformat(day).replace(tzinfo=VN), tick=False)


@pytest.fixture
def marketplace(time_machine):
    """What happened, day by day (the comments give the figures it makes)."""
    staff = UserFactory(is_staff=True)
    at(time_machine, "2026-10-20 09:00")
    shop_a = an_application(province_code=HA_NOI, status="submitted")  # October: 1 application
    at(time_machine, "2026-11-03 09:00")
    review.shop_approve(shop_id=shop_a.pk, mentor=staff)  # November: A approved (Hà Nội)
    at(time_machine, "2026-11-05 09:00")
    an_application(province_code=HO_CHI_MINH, status="submitted")  # November: B waiting (HCM)
    at(time_machine, "2026-11-10 09:00")
    shop_c = an_application(province_code=HA_NOI, status="submitted")
    at(time_machine, "2026-11-12 09:00")
    review.shop_reject(shop_id=shop_c.pk, mentor=staff, reason="Chưa phải hội viên.")  # C rejected

    hanoi = ShopFactory(province_code=HA_NOI, shipping_fee=20_000)
    saigon = ShopFactory(province_code=HO_CHI_MINH, shipping_fee=30_000)
    honey = ProductFactory(shop=hanoi, stock__price=100_000, stock__num_in_stock=50, ocop_stars=4)
    tea = ProductFactory(shop=hanoi, stock__price=50_000, stock__num_in_stock=50)
    fish_sauce = ProductFactory(shop=saigon, stock__price=80_000, stock__num_in_stock=50, ocop_stars=5)
    rice = ProductFactory(shop=saigon, stock__price=60_000, stock__num_in_stock=50, ocop_stars=3)

    at(time_machine, "2026-10-15 08:00")
    october = an_order((fish_sauce, 1))  # October: 1 paid order, 80.000 + 30.000 shipping
    at(time_machine, "2026-10-15 10:00")
    bank_feed(amount=110_000, memo=october.payment.reference, incoming=True)

    at(time_machine, "2026-11-05 08:00")
    first = an_order((honey, 2))  # 200.000 + 20.000, paid by the bank feed 2 hours later
    at(time_machine, "2026-11-05 10:00")
    bank_feed(amount=220_000, memo=first.payment.reference, incoming=True)

    at(time_machine, "2026-11-20 08:00")
    second = an_order((tea, 1), (fish_sauce, 1))  # Hà Nội 50.000 + 20.000, HCM 80.000 + 30.000
    at(time_machine, "2026-11-21 08:00")
    payment_confirm_by_hand(payment_id=second.payment.pk, actor=staff, note="Sao kê")  # 24 h, by hand
    at(time_machine, "2026-11-22 08:00")
    saigon_part = second.shop_orders.get(shop=saigon)
    payment_cancel_shop_order(
        shop_order_id=saigon_part.pk, actor=saigon.members.first(), reason="out_of_stock"
    )  # refunded part: 110.000; its commission given back

    at(time_machine, "2026-11-25 08:00")
    unpaid = an_order((rice, 1))  # HCM, never paid: cancelled when it expires
    at(time_machine, "2026-11-26 12:00")
    payment_expire(payment_id=unpaid.payment.pk)
    at(time_machine, "2026-12-01 09:00")


def figures(scope: Scope) -> dict:
    result = report(period=NOVEMBER, scope=scope)
    return {key: (figure.value, figure.previous) for key, figure in result.figures.items()}


@pytest.mark.django_db
def test_every_figure_for_all_provinces(marketplace):
    got = figures(Scope(None))

    assert got["applications"] == (2, 1)
    assert got["approved"] == (1, 0)
    assert got["rejected"] == (1, 0)
    assert got["waiting"][0] == 1
    assert got["selling_shops"] == (2, 1)
    assert got["orders_placed"] == (3, 1)
    assert got["orders"] == (2, 1)
    assert got["items"] == (4, 1)
    assert got["gmv"] == (330_000, 80_000)
    assert got["shipping"] == (70_000, 30_000)
    assert got["average"] == ((330_000 + 70_000) // 2, 110_000)
    assert got["cancelled_unpaid"] == (1, 0)
    assert got["refunded_parts"] == (110_000, 0)
    assert got["commission"] == (
        10_000 + 2_500,
        4_000,
    )  # 5 % of 200.000 and 50.000; the HCM part gave it back
    assert got["by_feed_share"] == (33.3, 100.0)  # 1 of 3 shop orders by the feed in November
    assert sorted(ShopOrder.objects.exclude(paid_at=None).values_list("paid_by", flat=True)) == [
        "feed",
        "feed",
        "hand",
        "hand",
    ]
    assert got["by_card_share"] == (0.0, 0.0)
    assert got["hours_to_payment"] == (24.0, 2.0)  # median of 2, 25 and 24 hours; October: 2


@pytest.mark.django_db
def test_every_figure_for_one_province(marketplace):
    got = figures(Scope(frozenset({HA_NOI})))

    assert got["applications"] == (1, 1)  # C in November; A in October
    assert got["approved"] == (1, 0) and got["rejected"] == (1, 0)
    assert got["waiting"][0] == 0
    assert got["orders_placed"] == (2, 0)
    assert got["orders"] == (2, 0)
    assert got["items"] == (3, 0)
    assert got["gmv"] == (250_000, 0)
    assert got["shipping"] == (40_000, 0)
    assert got["refunded_parts"] == (0, 0) and got["cancelled_unpaid"] == (0, 0)
    assert got["by_feed_share"] == (50.0, None)
    assert got["certified_products"][0] == 1  # honey 4★; the HCM stars are not hers


@pytest.mark.django_db
def test_the_months_and_provinces_tables_add_up_to_the_totals(marketplace):
    result = report(
        period=Period("year", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)), scope=Scope(None)
    )

    by_month = {row["month"]: row for row in result.months}
    assert len(result.months) == 12
    assert (by_month[datetime.date(2026, 10, 1)]["gmv"], by_month[datetime.date(2026, 11, 1)]["gmv"]) == (
        80_000,
        330_000,
    )
    assert by_month[datetime.date(2026, 11, 1)]["orders_placed"] == 3
    provinces = {row["code"]: row for row in result.provinces}
    assert provinces[HA_NOI]["gmv"] == 250_000 and provinces[HO_CHI_MINH]["gmv"] == 160_000
    assert provinces[HA_NOI]["applications"] == 2 and provinces[HO_CHI_MINH]["applications"] == 1
    assert sum(row["gmv"] for row in result.provinces) == result.figures["gmv"].value
    assert result.stars == {3: 1, 4: 1, 5: 1}


@pytest.mark.django_db
def test_a_shop_moving_up_a_star_level_is_counted_once(marketplace, time_machine):
    from ocop.models import CertificateStatus, OcopCertificate
    from ocop.services import CERTIFICATE

    shop = ShopFactory(province_code=HA_NOI)

    def verified(stars: int, day: str):
        at(time_machine, day)
        certificate = OcopCertificate.objects.create(
            shop=shop, stars=stars, number=f"OCOP-{stars}", level="province",
            issued_on=datetime.date(2026, 1, 1), expires_on=datetime.date(2029, 1, 1), scan="scans/a.png",
            status=CertificateStatus.VERIFIED,
        )  # fmt: skip
        CERTIFICATE.log(certificate, from_status="pending", to_status="verified", notify=False)

    verified(3, "2026-10-02 09:00")
    verified(4, "2026-11-14 09:00")
    verified(4, "2026-11-20 09:00")  # the same level again: no move

    got = figures(Scope(None))

    assert got["moved_up"] == (1, 0)
    assert got["certificates_verified"] == (2, 1)


@pytest.mark.parametrize(
    ("query", "label", "first", "last"),
    [
        ({}, "Tháng 12/2026", "2026-12-01", "2026-12-31"),
        ({"period": "month", "month": "2026-02"}, "Tháng 2/2026", "2026-02-01", "2026-02-28"),
        ({"period": "quarter", "quarter": "2026-Q4"}, "Quý 4/2026", "2026-10-01", "2026-12-31"),
        ({"period": "year", "year": "2025"}, "Năm 2025", "2025-01-01", "2025-12-31"),
        (
            {"period": "custom", "from": "2026-11-10", "to": "2026-11-19"},
            "10/11/2026 – 19/11/2026",
            "2026-11-10",
            "2026-11-19",
        ),
    ],
)
def test_periods_and_the_one_before(time_machine, query, label, first, last):
    at(time_machine, "2026-12-15 09:00")
    period = period_from(query)
    assert (str(period.label), str(period.first_day), str(period.last_day)) == (label, first, last)
    before = period.previous()
    assert (before.last_day + datetime.timedelta(days=1)) == period.first_day
    assert (before.last_day - before.first_day) <= (period.last_day - period.first_day) + datetime.timedelta(
        days=3
    )
