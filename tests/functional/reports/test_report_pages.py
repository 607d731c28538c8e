"""/reports/ as staff and mentors use it: her provinces only (404 outside them), the same numbers on
screen and in both downloads, formulas neutralised, and a constant number of queries."""

import csv
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import pass_second_step_in
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, an_order
from tests.factories.money import bank_feed

pytestmark = pytest.mark.django_db
HA_NOI, HO_CHI_MINH, DA_NANG = 1, 79, 48


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    if user.is_staff:
        pass_second_step_in(client, user)
    return client


def sale(province: int, price: int, *, shop_name: str = "Hợp tác xã") -> None:
    product = ProductFactory(
        shop=ShopFactory(province_code=province, name=shop_name, shipping_fee=0), stock__price=price
    )
    order = an_order((product, 1))
    bank_feed(amount=price, memo=order.payment.reference, incoming=True)


def test_a_mentor_sees_her_provinces_and_nothing_else():
    sale(HA_NOI, 100_000)
    sale(HO_CHI_MINH, 700_000)
    mentor = signed_in(MentorFactory(provinces=[HA_NOI, DA_NANG]))

    page = mentor.get(reverse("reports:report"))
    one = mentor.get(reverse("reports:report") + f"?province={HA_NOI}")

    assert page.status_code == 200 and one.status_code == 200
    html = page.content.decode()
    assert "100.000" in html and "700.000" not in html
    assert 'value="79"' not in html  # no other province to choose
    for outside in (f"?province={HO_CHI_MINH}", "?province=abc", "?province=" + "9" * 5000):
        assert mentor.get(reverse("reports:report") + outside).status_code == 404, outside
        assert mentor.get(reverse("reports:download", args=["summary", "csv"]) + outside).status_code == 404


def test_staff_see_every_province_and_buyers_are_refused():
    sale(HA_NOI, 100_000)
    sale(HO_CHI_MINH, 700_000)

    html = signed_in(UserFactory(is_staff=True)).get(reverse("reports:report")).content.decode()

    assert "800.000" in html
    assert signed_in(UserFactory()).get(reverse("reports:report")).status_code == 403
    assert Client().get(reverse("reports:report")).status_code == 302


def test_the_downloads_hold_the_numbers_on_screen_with_formulas_neutralised():
    sale(HA_NOI, 100_000, shop_name='=HYPERLINK("http://x")')
    staff = signed_in(UserFactory(is_staff=True))
    query = "?period=year&year=2026"
    page = staff.get(reverse("reports:report") + query).content.decode()

    rows = list(
        csv.reader(
            io.StringIO(
                staff.get(reverse("reports:download", args=["summary", "csv"]) + query).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    sheet = openpyxl.load_workbook(
        io.BytesIO(staff.get(reverse("reports:download", args=["provinces", "xlsx"]) + query).content)
    ).active

    assert rows[0][:3] == ["Nhóm", "Chỉ số", "Năm 2026"]
    gmv = next(row for row in rows if row[1] == "Doanh số (tiền hàng)")
    assert gmv[2] == "100000" and "100.000" in page
    header, hanoi = list(sheet.iter_rows(values_only=True))[:2]
    assert header[0] == "Tỉnh/thành phố" and hanoi[0] == "Thành phố Hà Nội" and hanoi[6] == 100_000
    months = staff.get(reverse("reports:download", args=["months", "csv"]) + query).content.decode(
        "utf-8-sig"
    )
    assert months.count("\n") == 13  # a header and twelve months


def test_a_period_that_cannot_be_read_says_so_and_shows_this_month():
    staff = signed_in(UserFactory(is_staff=True))
    for query in (
        "?period=month&month=2026-13",
        "?period=custom&from=2026-12-01&to=2026-01-01",
        "?period=year&year=" + "9" * 5000,
    ):
        response = staff.get(reverse("reports:report") + query)
        assert response.status_code == 200 and 'role="alert"' in response.content.decode(), query


def test_the_report_makes_the_same_number_of_queries_for_one_or_many_shops_orders_and_provinces():
    staff = signed_in(UserFactory(is_staff=True))
    sale(HA_NOI, 100_000)

    def count() -> int:
        cache.clear()  # her basket and inbox counts are read the same way each time
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(reverse("reports:report") + "?period=year&year=2026").status_code == 200
        return len(queries)

    one = count()
    for province, price in (
        (HO_CHI_MINH, 50_000),
        (DA_NANG, 70_000),
        (HA_NOI, 30_000),
        (HO_CHI_MINH, 90_000),
    ):
        sale(province, price)
    assert count() == one


def test_the_province_and_month_table_is_a_download_of_its_own():
    sale(HA_NOI, 100_000)
    sale(HO_CHI_MINH, 70_000)
    mentor = signed_in(MentorFactory(provinces=[HA_NOI]))

    url = reverse("reports:download", args=["province_months", "csv"]) + "?period=year&year=2026"

    rows = list(csv.reader(io.StringIO(mentor.get(url).content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Tỉnh/thành phố", "Tháng"]
    assert [(row[0], row[4]) for row in rows[1:]] == [("Thành phố Hà Nội", "100000")]
