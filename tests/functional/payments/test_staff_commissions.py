"""Union staff set a shop's commission: the list with each shop's rate (or the default), the form in
percent ("5", "2,5", 0 allowed) with a note, its refusals, the history, and the next order paid at the
new rate while orders already paid keep theirs."""

import re

import pytest
from django.urls import reverse

from order.models import ShopOrder
from payments.models import CommissionRate
from payments.reconciliation import books_problems
from payments.settlement import commission_rate_set
from shops.models import ShopStatus
from tests.factories import ShopFactory, UserFactory
from tests.factories.money import a_paying_shop, a_staff_member, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


@pytest.fixture
def world(settings):
    settings.COMMISSION_RATE_BP = 500
    staff = a_staff_member()
    tea = ShopFactory(name="HTX Trà Tân Cương")
    honey = ShopFactory(name="Mật ong Hà Giang")
    commission_rate_set(shop=honey, rate_bp=250, actor=staff, note="Hội viên mới, năm đầu")
    ShopFactory(name="Gốm Bát Tràng", status=ShopStatus.SUSPENDED)
    ShopFactory(name="Nháp chưa duyệt", status=ShopStatus.DRAFT)
    return {"staff": staff, "tea": tea, "honey": honey}


def test_every_live_shop_is_listed_with_its_rate_or_the_default(client, world):
    client.force_login(world["staff"])

    page = text_of(client.get(reverse("payments:staff-commissions")).content.decode())

    assert "Mức mặc định là 5 %" in page
    assert "HTX Trà Tân Cương Thành phố Hà Nội 5 % (mặc định)" in page
    assert "Mật ong Hà Giang Thành phố Hà Nội 2,5 %" in page
    assert "Gốm Bát Tràng Thành phố Hà Nội · Tạm ngừng 5 % (mặc định)" in page
    assert "Nháp chưa duyệt" not in page


def test_the_list_finds_a_shop_by_part_of_its_name(client, world):
    client.force_login(world["staff"])

    found = text_of(client.get(reverse("payments:staff-commissions"), {"q": "mật ong"}).content.decode())
    nothing = text_of(client.get(reverse("payments:staff-commissions"), {"q": "cà phê"}).content.decode())

    assert "Mật ong Hà Giang" in found and "HTX Trà Tân Cương" not in found
    assert "Không có gian hàng nào tên có “cà phê”." in nothing


@pytest.mark.parametrize(
    ("typed", "rate_bp", "shown"),
    [
        ("2,5", 250, "2,5 %"),
        ("3.75", 375, "3,75 %"),
        (" 7 % ", 700, "7 %"),
        ("0", 0, "0 %"),
        ("100", 10_000, "100 %"),
    ],
)
def test_staff_set_a_rate_in_percent_with_a_note_and_it_is_kept_with_who_and_when(
    client, world, typed, rate_bp, shown
):
    tea = world["tea"]
    client.force_login(world["staff"])

    response = client.post(
        reverse("payments:staff-commission", kwargs={"pk": tea.pk}),
        {"rate_bp": typed, "note": "Quyết định 12/QĐ-HLHPN"},
        follow=True,
    )

    rate = CommissionRate.objects.get(shop=tea)
    assert (rate.rate_bp, rate.set_by, rate.note) == (rate_bp, world["staff"], "Quyết định 12/QĐ-HLHPN")
    page = text_of(response.content.decode())
    assert f"Phí hoa hồng của HTX Trà Tân Cương là {shown} từ bây giờ. Đơn đã thanh toán giữ mức cũ." in page
    assert f"Phí hoa hồng hiện tại: {shown}" in page
    assert f"{shown} · từ " in page and "Phạm Thu Quyết định 12/QĐ-HLHPN" in page


@pytest.mark.parametrize(
    ("typed", "note", "error"),
    [
        ("năm", "ghi chú", "Nhập tỷ lệ phần trăm, ví dụ 5 hoặc 2,5"),
        ("2,555", "ghi chú", "Nhập tỷ lệ phần trăm, ví dụ 5 hoặc 2,5"),
        ("-1", "ghi chú", "Nhập tỷ lệ phần trăm, ví dụ 5 hoặc 2,5"),
        ("1.000,5", "ghi chú", "Nhập tỷ lệ phần trăm, ví dụ 5 hoặc 2,5"),
        ("101", "ghi chú", "Tỷ lệ phải từ 0 % đến 100 %."),
        ("", "ghi chú", "Trường này là bắt buộc."),
        ("5", "", "Trường này là bắt buộc."),
    ],
)
def test_a_wrong_rate_or_no_note_is_explained_and_nothing_changes(client, world, typed, note, error):
    tea = world["tea"]
    client.force_login(world["staff"])

    response = client.post(
        reverse("payments:staff-commission", kwargs={"pk": tea.pk}), {"rate_bp": typed, "note": note}
    )

    assert response.status_code == 400
    assert error in text_of(response.content.decode())
    assert not CommissionRate.objects.filter(shop=tea).exists()


def test_the_next_order_pays_the_new_rate_and_orders_already_paid_keep_theirs(client, settings):
    settings.COMMISSION_RATE_BP = 500
    staff = a_staff_member()
    shop = a_paying_shop()
    before = paid_order(shop, price=200_000, staff=staff)
    client.force_login(staff)
    client.post(
        reverse("payments:staff-commission", kwargs={"pk": shop.pk}), {"rate_bp": "2,5", "note": "Ưu đãi"}
    )

    after = paid_order(shop, price=200_000, staff=staff)

    before, after = ShopOrder.objects.get(pk=before.pk), ShopOrder.objects.get(pk=after.pk)
    assert (before.commission_rate_bp, before.commission) == (500, 10_000)
    assert (after.commission_rate_bp, after.commission) == (250, 5_000)
    client.force_login(shop.members.get())
    statement = text_of(client.get(reverse("seller:balance")).content.decode())
    assert "Phí hoa hồng 2,5 % −5.000 ₫" in statement and "Phí hoa hồng 5 % −10.000 ₫" in statement


def test_the_history_lists_every_rate_newest_first(client, world):
    honey = world["honey"]
    other_staff = UserFactory(is_staff=True, first_name="Mai", last_name="Lê")
    commission_rate_set(shop=honey, rate_bp=0, actor=other_staff, note="Miễn phí tháng khai trương")
    client.force_login(world["staff"])

    page = text_of(client.get(reverse("payments:staff-commission", kwargs={"pk": honey.pk})).content.decode())

    history = page[page.index("Lịch sử") :]
    assert history.index("0 % · từ") < history.index("2,5 % · từ")
    assert "Lê Mai Miễn phí tháng khai trương" in history and "Phạm Thu Hội viên mới, năm đầu" in history
    assert "Phí hoa hồng hiện tại: 0 %" in page


def test_a_shop_without_its_own_rate_says_it_pays_the_default(client, world):
    client.force_login(world["staff"])

    page = text_of(
        client.get(reverse("payments:staff-commission", kwargs={"pk": world["tea"].pk})).content.decode()
    )

    assert "Phí hoa hồng hiện tại: 5 % (mặc định)" in page
    assert "Chưa đặt mức riêng: gian hàng trả mức mặc định 5 %." in page


def test_the_list_costs_the_same_queries_for_few_or_many_shops(client, world, django_assert_max_num_queries):
    client.force_login(world["staff"])
    with django_assert_max_num_queries(15) as counted:
        assert client.get(reverse("payments:staff-commissions")).status_code == 200
    for index in range(12):
        shop = ShopFactory(name=f"Gian hàng thêm {index}")
        if index % 2:
            commission_rate_set(shop=shop, rate_bp=300, actor=world["staff"])

    with django_assert_max_num_queries(len(counted.captured_queries)):
        html = client.get(reverse("payments:staff-commissions")).content.decode()

    assert html.count('data-testid="rate-row"') == 3 + 12
    print(f"/payments/staff/commissions/: {len(counted.captured_queries)} queries")


def test_the_pages_read_in_english_under_en(client, world):
    from tests.functional.marketplace.test_english_pages import leftovers

    client.force_login(world["staff"])
    typed = ["HTX Trà Tân Cương", "Mật ong Hà Giang", "Gốm Bát Tràng", "Hội viên mới, năm đầu", "Phạm Thu"]
    set_rate = reverse("payments:staff-commission", kwargs={"pk": world["tea"].pk})
    for url in (
        reverse("payments:staff-commissions"),
        reverse("payments:staff-commission", kwargs={"pk": world["honey"].pk}),
    ):
        html = client.get("/en" + url).content.decode()
        for name in typed:
            html = html.replace(name, "")
        assert '<html lang="en"' in html
        assert leftovers(html) == [], url
    refused = client.post("/en" + set_rate, {"rate_bp": "abc", "note": "x"})
    assert "Enter a percentage" in refused.content.decode()
