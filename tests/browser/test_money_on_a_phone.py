"""Money on a 360 px phone: a vendor reads her balance and statement and downloads it; Union staff pay
the shops, open the batch, see each payout's VietQR, copy its reference and download the bank sheet.

axe-core (axe-playwright-python's axe.min.js, run with page.evaluate so that the Content-Security-
Policy does not stop it) finds nothing on each page, and no page scrolls sideways. Screenshots in
var/screenshots/money/.
"""

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ledger.selectors import shop_owed
from payments.models import Payout, PayoutStatus
from payments.reconciliation import books_problems
from tests.browser.checks import assert_fits_the_screen, axe_violations
from tests.conftest import authenticator_app, pass_second_step
from tests.factories import PASSWORD, ProductFactory, ShopFactory, UserFactory, an_order
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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


def checked(page, screenshot, name: str) -> None:
    """Fits the screen, axe finds nothing, and a screenshot to look at."""
    assert_fits_the_screen(page)
    assert axe_violations(page) == [], page.url
    screenshot(page, f"money/{name}")


def sign_in(page, base_url: str, identifier: str, *, next_url: str, app=None) -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_url}")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill(identifier)
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    login.get_by_role("button", name="Đăng nhập").click()
    if app is not None:
        pass_second_step(page, app)


def test_a_vendor_reads_her_balance_and_statement_and_downloads_it(phone_page, live_server, screenshot):
    staff = a_staff_member()
    vendor = UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn Thị")
    shop = a_paying_shop(name="HTX Trà Tân Cương Thái Nguyên", owner=vendor)
    paid_out_part = delivered(paid_order(shop, staff=staff))
    release_due()
    payout = paid_out(shop, staff=staff)
    released_part = delivered(paid_order(shop, price=250_000, staff=staff))
    release_due()
    waiting_part = paid_order(shop, price=185_000, staff=staff)
    page = phone_page

    sign_in(page, live_server.url, "lan@example.vn", next_url=reverse("seller:home"))
    expect(page.get_by_test_id("my-balance")).to_contain_text(
        "Có thể rút 267.500\xa0₫ · chờ giao 205.750\xa0₫"
    )
    expect(page.get_by_test_id("payout-news")).to_contain_text(
        "Hội đã chuyển 172.500\xa0₫ về Vietcombank ···6789"
    )
    checked(page, screenshot, "00-seller-home")
    page.get_by_test_id("my-balance").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tiền của gian hàng")
    expect(page.get_by_test_id("figure-pending")).to_contain_text("205.750\xa0₫")
    expect(page.get_by_test_id("figure-available")).to_contain_text("267.500\xa0₫")
    expect(page.get_by_test_id("figure-paid-out")).to_contain_text("172.500\xa0₫")
    expect(page.get_by_test_id("figure-in-transit")).to_have_count(0)
    expect(page.get_by_test_id("next-payout")).to_contain_text(
        "Hội chuyển 267.500\xa0₫ vào tài khoản Vietcombank"
    )
    expect(page.get_by_test_id("when-available")).to_contain_text("3 ngày sau khi đơn được giao")
    expect(page.get_by_test_id("closing")).to_have_text("473.250\xa0₫")
    lines = page.get_by_test_id("line")
    expect(lines).to_have_count(12)
    expect(lines.first).to_contain_text("Phí hoa hồng 5\xa0%")
    expect(lines.first).to_contain_text("\u22129.250\xa0₫")
    expect(lines.first).to_contain_text(waiting_part.number)
    expect(page.get_by_test_id("line").filter(has_text=payout.reference)).to_contain_text(
        "\u2212172.500\xa0₫"
    )
    released = page.get_by_test_id("line").filter(has_text="Chuyển từ Chờ giao sang Có thể rút")
    expect(released).to_have_count(2)
    expect(released.filter(has_text=released_part.number)).to_contain_text("tổng không đổi")
    owed = shop_owed(shop)
    assert owed == {"pending": 205_750, "available": 267_500}
    checked(page, screenshot, "01-vendor-balance")

    page.get_by_test_id("line").filter(has_text="Tiền hàng").filter(
        has_text=paid_out_part.number
    ).get_by_role("link", name=paid_out_part.number).click()
    expect(page).to_have_url(re.compile(reverse("seller:order", kwargs={"pk": paid_out_part.pk}) + "$"))
    page.go_back()

    with page.expect_download() as download_info:
        page.get_by_test_id("download-csv").click()
    download = download_info.value
    assert re.fullmatch(r"so-tien-.+-\d{4}-\d{2}\.csv", download.suggested_filename)
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    header, opening, *statement, closing = rows
    assert header[2] == "Nội dung" and opening[2].startswith("Số dư đầu tháng")
    assert int(opening[6]) + sum(int(row[5]) for row in statement) == int(closing[6]) == 473_250
    assert any(payout.reference in row[2] for row in statement)

    page.get_by_label("Tháng").select_option(index=0)
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("opening")).to_have_text("0\xa0₫")

    page.goto(f"{live_server.url}/en{reverse('seller:balance')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your shop's money")
    expect(page.get_by_test_id("figure-available")).to_contain_text("Available")
    checked(page, screenshot, "02-vendor-balance-en")


def test_staff_pay_the_shops_open_the_batch_copy_a_reference_and_download_the_sheet(
    phone_page, live_server, screenshot
):
    staff_member = a_staff_member()
    tea = a_paying_shop(name="HTX Trà Tân Cương Thái Nguyên")
    honey = a_paying_shop(
        name="Mật ong bạc hà Hà Giang",
        bank_bin="970418",
        account_number="0099887766",
        account_holder="Tran Thi Hoa",
    )
    no_account = ShopFactory(name="Gốm Bát Tràng")
    for shop in (tea, honey, no_account):
        delivered(paid_order(shop, staff=staff_member))
    release_due()
    owing(a_paying_shop(name="Nón lá Chuông"), staff=staff_member)
    staff = UserFactory(email="thu@chosen.vn", is_staff=True, first_name="Thu", last_name="Phạm")
    app = authenticator_app(staff)
    page = phone_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    sign_in(page, live_server.url, "thu@chosen.vn", next_url=reverse("payments:staff"), app=app)
    page.get_by_test_id("link-payouts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chi trả cho gian hàng")
    expect(page.get_by_test_id("payable-shop")).to_have_count(2)
    for box in page.get_by_test_id("payable-shop").get_by_role("checkbox").all():
        expect(box).to_be_checked()
    expect(page.get_by_test_id("incomplete-shop")).to_contain_text("Gốm Bát Tràng")
    expect(page.get_by_test_id("incomplete-shop")).to_contain_text("chưa có số tài khoản")
    expect(page.get_by_test_id("owing-shop")).to_contain_text("Nón lá Chuông")
    expect(page.get_by_test_id("owing-shop")).to_contain_text("\u2212172.500\xa0₫")
    checked(page, screenshot, "03-staff-shops-to-pay")

    page.get_by_role("button", name="Tạo đợt chi trả").click()
    expect(page.get_by_text(re.compile(r"Đã tạo đợt chi trả #\d+ với 2 khoản\."))).to_be_visible()
    payouts = page.get_by_test_id("payout")
    expect(payouts).to_have_count(2)
    to_honey = Payout.objects.get(shop=honey)
    card = payouts.filter(has_text="Mật ong bạc hà Hà Giang")
    expect(card.get_by_test_id("payout-status")).to_have_text("Đang chuyển")
    expect(card.get_by_test_id("payout-account")).to_have_text("0099887766")
    expect(card.get_by_test_id("payout-reference")).to_have_text(to_honey.reference)
    qr = card.get_by_test_id("payout-qr").locator("svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200 and abs(box["width"] - box["height"]) < 2, box
    card.get_by_test_id("copy-reference").click()
    expect(card.get_by_test_id("copy-reference")).to_have_text("Đã chép")
    assert page.evaluate("navigator.clipboard.readText()") == to_honey.reference
    expect(page.locator("[data-copy-status]")).to_have_text(f"Đã chép: {to_honey.reference}")
    checked(page, screenshot, "04-staff-batch")

    with page.expect_download() as download_info:
        page.get_by_test_id("download-xlsx").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "STT",
        "Ngân hàng",
        "Mã ngân hàng (BIN)",
        "Số tài khoản",
        "Chủ tài khoản",
        "Số tiền",
        "Nội dung",
    )
    assert {row[6]: row[1:6] for row in rows[1:]} == {
        Payout.objects.get(shop=tea).reference: (
            "Vietcombank",
            "970436",
            "0123456789",
            "NGUYEN THI LAN",
            172_500,
        ),
        to_honey.reference: ("BIDV", "970418", "0099887766", "TRAN THI HOA", 172_500),
    }
    assert all(
        payout.status == PayoutStatus.IN_TRANSIT for payout in Payout.objects.filter(shop__in=[tea, honey])
    )

    page.get_by_role("link", name="Về danh sách chi trả").click()
    expect(page.get_by_test_id("batch-link").first).to_contain_text("2 đang chuyển")  # the newest
    checked(page, screenshot, "05-staff-batches")

    page.get_by_role("link", name="Phí hoa hồng của các gian hàng").click()
    expect(page.get_by_test_id("rate-row").filter(has_text="Mật ong bạc hà Hà Giang")).to_contain_text(
        "5\xa0% (mặc định)"
    )
    checked(page, screenshot, "06-staff-commissions")
    page.get_by_test_id("rate-row").filter(has_text="Mật ong bạc hà Hà Giang").click()
    form = page.get_by_test_id("rate-form")
    form.get_by_label("Tỷ lệ hoa hồng (%)").fill("2,5")
    form.get_by_label("Ghi chú").fill("Hội viên mới, năm đầu")
    form.get_by_role("button", name="Lưu phí hoa hồng").click()
    expect(
        page.get_by_text("Phí hoa hồng của Mật ong bạc hà Hà Giang là 2,5\xa0% từ bây giờ.")
    ).to_be_visible()
    expect(page.get_by_test_id("history")).to_contain_text("Phạm Thu")
    checked(page, screenshot, "07-staff-commission-set")


def test_every_money_page_can_be_tabbed_through_with_targets_large_enough(phone_page, live_server):
    """The accessibility test's own checks (tests/browser/test_accessibility_on_a_phone.py) on the
    money pages, full of data: Tab and Shift+Tab reach every control without it hiding under a bar,
    targets are 44×44 px, axe finds nothing, nothing scrolls sideways."""
    from tests.browser.test_accessibility_on_a_phone import assert_no_problems, check_page, sign_in

    staff_member = a_staff_member()
    vendor = UserFactory(phone="+84912000777", first_name="Lan", last_name="Nguyễn Thị")
    shop = a_paying_shop(name="HTX Trà Tân Cương Thái Nguyên", owner=vendor)
    for _ in range(2):
        delivered(paid_order(shop, staff=staff_member))
    release_due()
    batch = paid_out(shop, staff=staff_member, sent=False).batch
    delivered(paid_order(shop, staff=staff_member))
    release_due()
    order = an_order((ProductFactory(shop=shop, stock__price=120_000), 1))
    bank_feed(
        amount=order.payment.amount_due + 20_000,
        memo=order.payment.reference,
        incoming=True,
        counter_account_number="19033334444",
        counter_account_name="TRAN THI MAI",
        counter_bank_name="Techcombank",
    )  # paid 20.000 ₫ too much: the page shows where to send it back
    page, base = phone_page, live_server.url
    results = {}

    sign_in(page, base, "0912 000 777")
    results["balance"] = check_page(page, base, reverse("seller:balance"), "money-balance")
    page.goto(base + "/accounts/logout/")
    staff = UserFactory(email="thu@chosen.vn", is_staff=True)
    sign_in(page, base, "thu@chosen.vn", app=authenticator_app(staff))
    for name, path in [
        ("payouts", reverse("payments:staff-payouts")),
        ("batch", reverse("payments:staff-batch", kwargs={"pk": batch.pk})),
        ("commissions", reverse("payments:staff-commissions")),
        ("commission", reverse("payments:staff-commission", kwargs={"pk": shop.pk})),
        ("payment", reverse("payments:staff-payment", kwargs={"pk": order.payment.pk})),
    ]:
        results[name] = check_page(page, base, path, f"money-{name}")
    assert_no_problems(results)
