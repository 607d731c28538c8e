"""The vendor's money page (/seller/balance/) and its downloads: who sees what, figures equal to the
books, every kind of statement line, months, pages, CSV and .xlsx that add up, and queries that
neither grow with her lines nor read other shops' entries."""

import csv
import datetime
import io
import re
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ledger.models import Account, Entry, Transaction
from ledger.selectors import shop_owed
from payments.models import PayoutStatus
from payments.reconciliation import books_problems
from payments.statements import Month, shop_statement
from payments.transitions import payment_cancel_shop_order
from tests.factories import MentorFactory, ShopFactory, UserFactory
from tests.factories.money import (
    a_paying_shop,
    a_staff_member,
    bank_feed,
    delivered,
    owing,
    paid_order,
    paid_out,
    release_due,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PEOPLE = ["anonymous", "buyer", "vendor_a", "vendor_b", "mentor", "staff"]
SHARE = 172_500  # 150.000 ₫ of goods + 30.000 ₫ shipping − 5 % commission on the goods


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


@pytest.fixture
def world():
    """Shop A: one order paid out, one delivered and released, one paid and waiting. Shop B: one
    paid order of her own."""
    staff = a_staff_member()
    shop_a = a_paying_shop(name="HTX Trà Tân Cương")
    shop_b = a_paying_shop(name="Mật ong Hà Giang")
    paid_out_order = delivered(paid_order(shop_a, staff=staff))
    release_due()
    payout = paid_out(shop_a, staff=staff)
    released_order = delivered(paid_order(shop_a, staff=staff))
    release_due()
    waiting_order = paid_order(shop_a, staff=staff)
    other_order = paid_order(shop_b, price=90_000, staff=staff)
    return {
        "shop_a": shop_a,
        "shop_b": shop_b,
        "paid_out_order": paid_out_order,
        "released_order": released_order,
        "waiting_order": waiting_order,
        "other_order": other_order,
        "payout": payout,
        "anonymous": None,
        "buyer": UserFactory(),
        "vendor_a": shop_a.members.get(),
        "vendor_b": shop_b.members.get(),
        "mentor": MentorFactory(provinces=[1]),
        "staff": staff,
    }


def as_person(client, world, person):
    if world[person] is not None:
        client.force_login(world[person])
    return client


def status_of(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    if response.status_code == 302 and response["Location"] == reverse("seller:home"):
        return "home"
    return response.status_code


def text_of(html: str) -> str:
    """The page's words, tags taken out and spaces squeezed (non-breaking ones included)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def statement_of(html: str) -> str:
    """The statement's lines of a page (the orders waiting above them name orders too)."""
    found = re.search(r'<ol class="statement".*?</ol>', html, re.DOTALL)
    return found.group(0) if found else ""


MATRIX = {
    "seller:balance": ["login", "home", 200, 200, "home", "home"],
    "seller:statement-csv": ["login", "home", 200, 200, "home", "home"],
    "seller:statement-xlsx": ["login", "home", 200, 200, "home", "home"],
}


@pytest.mark.parametrize("url_name", list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_every_money_page_answers_each_person_as_it_should(client, world, url_name, person):
    response = as_person(client, world, person).get(reverse(url_name))

    assert status_of(response) == MATRIX[url_name][PEOPLE.index(person)]


def test_the_figures_are_what_the_books_owe_her_and_what_her_bank_received(client, world):
    client.force_login(world["vendor_a"])

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    owed = shop_owed(world["shop_a"])
    assert owed == {"pending": SHARE, "available": SHARE}
    assert "Chờ giao 172.500 ₫" in page
    assert "Có thể rút 172.500 ₫" in page
    assert "Đã nhận 172.500 ₫" in page
    assert "Đang chuyển" not in page  # nothing on its way
    # what she received and what left her accounts as payouts agree
    entries = Entry.objects.filter(account__shop=world["shop_a"])
    paid_out_in_books = sum(e.amount for e in entries.filter(kind="payout")) + sum(
        e.amount for e in entries.filter(kind="payout_returned")
    )
    assert paid_out_in_books == world["payout"].amount == SHARE


def test_a_payout_on_its_way_shows_as_a_fourth_figure(client, world):
    payout = paid_out(world["shop_a"], sent=False)
    client.force_login(world["vendor_a"])

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    assert payout.status == PayoutStatus.IN_TRANSIT
    assert "Có thể rút 0 ₫" in page and "Đang chuyển 172.500 ₫" in page and "Đã nhận 172.500 ₫" in page
    assert "Hội chuyển về tài khoản Vietcombank ···6789, nội dung " + payout.reference in page
    assert "Đang chuyển" in page.split(payout.reference)[1][:40]  # the line says where the payout stands


def test_she_sees_only_her_own_shops_money(client, world):
    client.force_login(world["vendor_b"])

    page = client.get(reverse("seller:balance")).content.decode()
    download = client.get(reverse("seller:statement-csv")).content.decode()

    for shop_order in ("paid_out_order", "released_order", "waiting_order"):
        assert world[shop_order].number not in page and world[shop_order].number not in download
    assert world["payout"].reference not in page and world["payout"].reference not in download
    assert world["other_order"].number in page and world["other_order"].number in download
    assert "Chờ giao 115.500 ₫" in text_of(page)  # 90.000 + 30.000 shipping − 4.500 commission


def test_every_line_says_what_it_is_with_its_sign_order_and_running_total(client, world):
    client.force_login(world["vendor_a"])

    html = client.get(reverse("seller:balance")).content.decode()
    lines = [text_of(line) for line in re.findall(r'<li class="stl[^"]*".*?</li>', html, re.DOTALL)]

    released, waiting = world["released_order"], world["waiting_order"]
    newest = lines[0]
    assert newest.startswith("Phí hoa hồng 5 % −7.500 ₫") and waiting.number in newest
    kinds = [line.split(" ")[0] for line in lines]
    assert kinds.count("Tiền") == 3 and kinds.count("Phí") == 6  # goods; shipping and commission
    release = next(line for line in lines if line.startswith("Chuyển từ Chờ giao sang Có thể rút"))
    assert "172.500 ₫" in release and "tổng không đổi" in release and "−" not in release.split("·")[0]
    payout = next(line for line in lines if line.startswith("Hội chuyển"))
    assert "−172.500 ₫" in payout and world["payout"].reference in payout
    assert f'href="{reverse("seller:order", kwargs={"pk": released.pk})}">{released.number}<' in html
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", newest)  # day first, Hà Nội time
    totals = [int(re.search(r"Số dư ([\d.]+) ₫", line).group(1).replace(".", "")) for line in lines]
    assert totals[0] == 2 * SHARE  # newest first: what she is owed now
    assert totals[-1] == 150_000  # the first line of the month: her first sale


def test_opening_plus_lines_is_closing_and_the_closing_of_now_is_what_she_is_owed(client, world):
    shop = world["shop_a"]
    statement = shop_statement(shop=shop, month=Month.of(timezone.now()))

    owed = shop_owed(shop)
    assert statement.opening == 0
    assert statement.opening + sum(line.amount for line in statement.lines) == statement.closing
    assert statement.closing == owed["pending"] + owed["available"] == statement.lines[-1].total_after
    assert statement.opening + statement.money_in + statement.money_out == statement.closing
    assert statement.closing == statement.closing_in_books  # the running balances say the same
    client.force_login(world["vendor_a"])
    page = text_of(client.get(reverse("seller:balance")).content.decode())
    assert "Số dư đầu tháng " in page and "Số dư đến nay 345.000 ₫" in page


def test_a_cancelled_part_and_a_returned_payout_are_lines_of_their_own(client, world):
    shop, vendor = world["shop_a"], world["vendor_a"]
    payment_cancel_shop_order(shop_order_id=world["waiting_order"].pk, actor=vendor, reason="out_of_stock")
    payout = paid_out(shop)
    bank_feed(amount=payout.amount, memo=f"TRA LAI {payout.reference}", incoming=True)
    client.force_login(vendor)

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    assert "Huỷ đơn: tiền trả lại người mua −172.500 ₫" in page
    assert f"Ngân hàng trả lại khoản chuyển {payout.reference} +172.500 ₫" in page
    assert "Có thể rút 172.500 ₫" in page and "Chờ giao 0 ₫" in page
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.RETURNED


def test_the_month_picker_lists_her_months_and_a_month_opens_where_the_last_one_closed(client):
    shop = a_paying_shop()
    staff = a_staff_member()
    with time_machine.travel(datetime.datetime(2026, 7, 14, 9, 0, tzinfo=HANOI), tick=False):
        paid_order(shop, price=100_000, staff=staff)  # 125.000 ₫; then nothing in August and September
    with time_machine.travel(datetime.datetime(2026, 10, 31, 23, 30, tzinfo=HANOI), tick=False):
        october = paid_order(shop, staff=staff)
    with time_machine.travel(datetime.datetime(2026, 11, 1, 0, 30, tzinfo=HANOI), tick=False):
        november = paid_order(shop, price=200_000, staff=staff)
    client.force_login(shop.members.get())

    default = client.get(reverse("seller:balance")).content.decode()
    in_november = client.get(reverse("seller:balance"), {"month": "2026-11"}).content.decode()
    in_october = client.get(reverse("seller:balance"), {"month": "2026-10"}).content.decode()

    picker = re.search(r'<select id="month" name="month">(.*?)</select>', default, re.DOTALL).group(1)
    assert re.findall(r'value="([\d-]+)"', picker) == ["2026-12", "2026-11", "2026-10", "2026-07"]
    assert '<option value="2026-12" selected>Tháng 12/2026</option>' in picker
    assert 'data-testid="line"' not in default and "Không có khoản nào trong tháng này." in default
    assert "Số dư đầu tháng 12/2026 517.500 ₫" in text_of(default)
    assert november.number in statement_of(in_november) and october.number not in statement_of(in_november)
    assert "Số dư đầu tháng 11/2026 297.500 ₫" in text_of(in_november)
    assert "Số dư cuối tháng 11/2026 517.500 ₫" in text_of(in_november)
    for month in ("2026-07", "2026-08", "2026-10", "2026-11", "2026-12"):
        statement = shop_statement(shop=shop, month=Month.parse(month, default=None))
        assert statement.opening + sum(line.amount for line in statement.lines) == statement.closing
        assert statement.closing == statement.closing_in_books
    assert "31/10/2026 23:30" in in_october  # Hà Nội time
    assert october.number in statement_of(in_october)
    assert november.number not in statement_of(in_october)  # 1 November 00:30 in Hà Nội: 31 October in UTC
    assert "Số dư đầu tháng 10/2026 125.000 ₫" in text_of(in_october)


@pytest.mark.parametrize("month", ["2026-13", "abc", "1899-01", "9" * 50, "2026-1-1", ""])
def test_a_month_she_cannot_pick_shows_the_current_one(client, world, month):
    client.force_login(world["vendor_a"])

    response = client.get(reverse("seller:balance"), {"month": month})

    assert response.status_code == 200
    assert f'value="{Month.of(timezone.now()).value}" selected' in response.content.decode()


def test_many_lines_come_in_pages_newest_first_and_the_totals_run_on(client):
    shop = a_paying_shop()
    staff = a_staff_member()
    for _ in range(11):  # 33 lines: 30 on the first page
        paid_order(shop, staff=staff)
    client.force_login(shop.members.get())

    first = client.get(reverse("seller:balance")).content.decode()
    second = client.get(reverse("seller:balance"), {"page": 2}).content.decode()

    assert first.count('data-testid="line"') == 30 and "Trang 1/2" in text_of(first)
    assert "Số dư 1.897.500 ₫" in text_of(first)  # 11 × 172.500
    assert second.count('data-testid="line"') == 3 and "Trang 2/2" in text_of(second)
    assert text_of(second).count("Tiền hàng") == 1 and "Số dư 150.000 ₫" in text_of(second)


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_holds_every_line_between_the_opening_and_the_closing_balance(client, world):
    client.force_login(world["vendor_a"])
    month = Month.of(timezone.now())

    response = client.get(reverse("seller:statement-csv"), {"month": month.value})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="so-tien-{world["shop_a"].slug}-{month.value}.csv"' in response["Content-Disposition"]
    header, opening, *lines, closing = read_csv(response)
    assert header == [
        "Ngày", "Số đơn", "Nội dung", "Chờ giao (₫)", "Có thể rút (₫)", "Số tiền (₫)", "Số dư (₫)",
    ]  # fmt: skip
    assert (
        opening[2] == f"Số dư đầu tháng {month.numeric}" and closing[2] == f"Số dư cuối tháng {month.numeric}"
    )
    assert len(lines) == 12  # three sales (goods, shipping, commission), two releases, one payout
    assert int(opening[6]) + sum(int(line[5]) for line in lines) == int(closing[6]) == 2 * SHARE
    for line in lines:
        assert int(line[3]) + int(line[4]) == int(line[5])
    release = next(line for line in lines if line[2] == "Chuyển từ Chờ giao sang Có thể rút")
    assert (release[1], release[3], release[4], release[5]) == (
        world["paid_out_order"].number, str(-SHARE), str(SHARE), "0",
    )  # fmt: skip
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", lines[0][0])


def test_the_xlsx_holds_the_same_rows_with_numbers_as_numbers(client, world):
    client.force_login(world["vendor_a"])

    csv_rows = read_csv(client.get(reverse("seller:statement-csv")))
    response = client.get(reverse("seller:statement-xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [[str(cell) for cell in row] for row in rows] == csv_rows
    assert isinstance(rows[-1][6], int) and rows[-1][6] == 2 * SHARE


def test_the_next_payout_says_how_much_where_and_when_money_becomes_available(client, world, settings):
    settings.FUNDS_HOLD_DAYS_AFTER_DELIVERY = 3
    client.force_login(world["vendor_a"])

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    assert (
        "Ở đợt chi trả tới, Hội chuyển 172.500 ₫ vào tài khoản Vietcombank ···6789 (NGUYEN THI LAN)." in page
    )
    assert "Tiền của mỗi đơn chuyển sang “Có thể rút” 3 ngày sau khi đơn được giao." in page
    assert f"{world['waiting_order'].number} 3 ngày sau khi giao 172.500 ₫" in page


def test_a_delivered_order_says_the_day_its_money_becomes_available(client):
    shop = a_paying_shop()
    shop_order = delivered(paid_order(shop))
    client.force_login(shop.members.get())

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    day = timezone.localtime(shop_order.delivered_at + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    assert f"{shop_order.number} từ {day} 172.500 ₫" in page


def test_without_a_complete_bank_account_or_below_the_minimum_it_says_why_not(client, settings):
    settings.PAYOUT_MINIMUM = 200_000
    no_account = ShopFactory()  # no bank account
    small = a_paying_shop()
    for shop in (no_account, small):
        delivered(paid_order(shop))
    release_due()

    client.force_login(no_account.members.get())
    missing = text_of(client.get(reverse("seller:balance")).content.decode())
    client.force_login(small.members.get())
    below = text_of(client.get(reverse("seller:balance")).content.decode())

    assert "chưa có đủ thông tin tài khoản ngân hàng" in missing
    assert "Hội chuyển tiền khi số có thể rút đạt 200.000 ₫; hiện có 172.500 ₫." in below


def test_a_balance_below_zero_says_why_and_that_her_next_sales_pay_it_back(client):
    shop = owing(a_paying_shop())
    client.force_login(shop.members.get())

    page = text_of(client.get(reverse("seller:balance")).content.decode())

    assert "Có thể rút \u2212172.500 ₫" in page
    assert "Số tiền có thể rút đang âm (\u2212172.500 ₫)" in page
    assert "được trừ vào tiền các đơn tiếp theo" in page


def test_the_seller_home_links_to_her_money_next_to_her_orders(client, world):
    client.force_login(world["vendor_a"])

    page = client.get(reverse("seller:home")).content.decode()

    link = re.search(
        r'<a class="shop-row" href="/seller/balance/" data-testid="my-balance">(.*?)</a>', page, re.DOTALL
    )
    assert link and "Có thể rút 172.500 ₫ · chờ giao 172.500 ₫" in text_of(link.group(1))
    assert page.index('data-testid="my-orders"') < page.index('data-testid="my-balance"')


def home_money_row(client) -> str:
    page = client.get(reverse("seller:home")).content.decode()
    link = re.search(r'data-testid="my-balance">(.*?)</a>', page, re.DOTALL)
    return text_of(link.group(1))


def test_the_seller_home_says_a_payout_was_sent_for_two_weeks(client, world):
    client.force_login(world["vendor_a"])
    sent_on = timezone.localtime(world["payout"].sent_at).strftime("%d/%m/%Y")

    assert f"Hội đã chuyển 172.500 ₫ về Vietcombank ···6789 ngày {sent_on}" in home_money_row(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        client.force_login(world["vendor_a"])  # a session lasts two weeks too
        assert "Hội đã chuyển" not in home_money_row(client)


def test_the_seller_home_says_a_payout_came_back(client, world):
    payout = paid_out(world["shop_a"])
    bank_feed(amount=payout.amount, memo=f"TRA LAI {payout.reference}", incoming=True)
    client.force_login(world["vendor_a"])

    row = home_money_row(client)

    assert "Ngân hàng trả lại 172.500 ₫ chuyển về Vietcombank ···6789" in row
    assert "Hội đã chuyển" not in row


def test_the_page_reads_in_english_under_en(client, world):
    from tests.functional.marketplace.test_english_pages import leftovers

    client.force_login(world["vendor_a"])

    html = client.get("/en" + reverse("seller:balance")).content.decode()

    assert '<html lang="en"' in html
    assert "Commission 5 %" in text_of(html)
    assert leftovers(html.replace("HTX Trà Tân Cương", "").replace("NGUYEN THI LAN", "")) == []


def shop_with_sales(count: int):
    shop = a_paying_shop()
    staff = a_staff_member()
    for _ in range(count):
        paid_order(shop, staff=staff)
    return shop


def test_the_seller_home_costs_the_same_queries_with_one_order_or_many_and_payouts(
    client, django_assert_max_num_queries
):
    few, many = shop_with_sales(1), shop_with_sales(8)
    for shop_order in many.shop_orders.all()[:4]:
        delivered(shop_order)
    release_due()
    paid_out(many)
    client.force_login(few.members.get())
    with django_assert_max_num_queries(40) as counted:
        assert client.get(reverse("seller:home")).status_code == 200
    client.force_login(many.members.get())

    with django_assert_max_num_queries(len(counted.captured_queries)):
        row = home_money_row(client)

    assert "Hội đã chuyển 690.000 ₫" in row


def test_the_page_costs_the_same_queries_for_3_or_60_lines(client, django_assert_max_num_queries):
    few, many = shop_with_sales(1), shop_with_sales(20)  # 3 and 60 lines
    client.force_login(few.members.get())
    with django_assert_max_num_queries(30) as counted:
        assert client.get(reverse("seller:balance")).status_code == 200
    client.force_login(many.members.get())

    with django_assert_max_num_queries(len(counted.captured_queries)):
        html = client.get(reverse("seller:balance"), {"page": 2}).content.decode()

    assert html.count('data-testid="line"') == 30
    print(f"/seller/balance/: {len(counted.captured_queries)} queries")


def test_the_csv_costs_the_same_queries_for_3_or_60_lines(client, django_assert_max_num_queries):
    few, many = shop_with_sales(1), shop_with_sales(20)
    client.force_login(few.members.get())
    with django_assert_max_num_queries(20) as counted:
        assert client.get(reverse("seller:statement-csv")).status_code == 200
    client.force_login(many.members.get())

    with django_assert_max_num_queries(len(counted.captured_queries)):
        rows = read_csv(client.get(reverse("seller:statement-csv")))

    assert len(rows) == 1 + 60 + 2
    print(f"/seller/balance/statement.csv: {len(counted.captured_queries)} queries")


def test_the_statement_reads_only_her_entries_of_the_month_through_the_statement_index(
    client, world, django_assert_max_num_queries
):
    """Other shops' entries and her older months are never read: every query on the entries names her
    accounts (and, but for the month picker, a time range), and SQLite's plan uses the index."""
    other = Account.objects.filter(shop=world["shop_b"]).first()
    transaction = Transaction.objects.create(key="noise", kind="noise", created_at=timezone.now())
    Entry.objects.bulk_create(
        Entry(
            transaction=transaction,
            account=other,
            amount=1 if index % 2 else -1,
            kind="noise",
            balance_after=0,
            created_at=timezone.now() - datetime.timedelta(minutes=index),
        )
        for index in range(5_000)
    )
    client.force_login(world["vendor_a"])

    with django_assert_max_num_queries(30) as counted:
        assert client.get(reverse("seller:balance")).status_code == 200
        assert client.get(reverse("seller:statement-csv")).status_code == 200

    on_entries = [query["sql"] for query in counted.captured_queries if '"ledger_entry"' in query["sql"]]
    assert len(on_entries) >= 4
    for sql in on_entries:
        assert '"account_id"' in sql, sql
        assert "SUM(" not in sql.upper(), sql
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for sql in on_entries:
                plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
                assert "SCAN ledger_entry" not in plan, (sql, plan)  # never the whole table
    print(f"{len(on_entries)} queries on the entries, each on her accounts")
