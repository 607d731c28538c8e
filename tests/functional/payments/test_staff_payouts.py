"""Union staff pay the shops: who may, which shops are offered (and which not, and why), the batch
made with the button, the batch page with its VietQR and references, its bank sheets, the payouts
closed by the bank feed, and queries that do not grow with shops, batches or payouts."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from ledger.selectors import shop_owed
from payments.models import Payout, PayoutBatch, PayoutStatus
from payments.reconciliation import books_problems
from payments.vietqr import vietqr_payload, vietqr_svg
from shops.models import Shop
from tests.factories import ShopFactory, UserFactory
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

SHARE = 172_500  # 150.000 ₫ of goods + 30.000 ₫ shipping − 5 % commission on the goods


@pytest.fixture(autouse=True)
def _books_balance_at_the_end():
    yield
    assert list(books_problems()) == []


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def with_available_money(shop, orders: int = 1, *, staff=None):
    for _ in range(orders):
        delivered(paid_order(shop, staff=staff))
    release_due()
    return shop


@pytest.fixture
def world(settings):
    settings.PAYOUT_MINIMUM = 50_000
    staff = a_staff_member()
    lan = with_available_money(a_paying_shop(name="HTX Trà Tân Cương"), 2, staff=staff)
    hoa = with_available_money(
        a_paying_shop(
            name="Mật ong Hà Giang",
            bank_bin="970418",
            account_number="0099887766",
            account_holder="Tran Thi Hoa",
        ),
        staff=staff,
    )
    no_account = with_available_money(ShopFactory(name="Gốm Bát Tràng"), staff=staff)
    no_holder = with_available_money(a_paying_shop(name="Lụa Vạn Phúc", account_holder=""), staff=staff)
    small = a_paying_shop(name="Bánh chưng Tranh Khúc")
    paid_order(small, price=20_000, staff=staff)  # 20.000 + 30.000 − 1.000 = 49.000, below the minimum
    delivered(small.shop_orders.get())
    waiting = a_paying_shop(name="Cói Kim Sơn")
    paid_order(waiting, staff=staff)  # not delivered: nothing available
    release_due()  # the small shop's order
    return {
        "staff": staff,
        "lan": lan,
        "hoa": hoa,
        "no_account": no_account,
        "no_holder": no_holder,
        "small": small,
        "waiting": waiting,
    }


def sign_in(client, world):
    client.force_login(world["staff"])
    return client


STAFF_URLS = [
    ("payments:staff-payouts", "get"),
    ("payments:staff-batch-new", "post"),
    ("payments:staff-batch", "get"),
    ("payments:staff-batch-csv", "get"),
    ("payments:staff-batch-xlsx", "get"),
    ("payments:staff-commissions", "get"),
    ("payments:staff-commission", "get"),
    ("payments:staff-commission", "post"),
]


@pytest.mark.parametrize(("url_name", "method"), STAFF_URLS)
@pytest.mark.parametrize("person", ["anonymous", "buyer", "vendor", "staff"])
def test_only_union_staff_reach_the_payout_and_commission_pages(client, world, url_name, method, person):
    batch = paid_out(world["hoa"], staff=world["staff"], sent=False).batch
    kwargs = {}
    if url_name.startswith("payments:staff-batch") and url_name != "payments:staff-batch-new":
        kwargs = {"pk": batch.pk}
    elif url_name == "payments:staff-commission":
        kwargs = {"pk": world["lan"].pk}
    people = {"buyer": UserFactory(), "vendor": world["lan"].members.get(), "staff": world["staff"]}
    if person != "anonymous":
        client.force_login(people[person])

    data = {"shop": [world["lan"].pk], "rate_bp": "1", "note": "thử"} if method == "post" else None
    response = getattr(client, method)(reverse(url_name, kwargs=kwargs), data)

    if person == "staff":
        assert response.status_code in (200, 302)
        assert "/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert PayoutBatch.objects.count() == 1 and not world["lan"].commission_rates.exists()


def test_the_shops_to_pay_are_those_at_or_above_the_minimum_with_their_bank_account(client, world):
    html = sign_in(client, world).get(reverse("payments:staff-payouts")).content.decode()

    payable = text_of(re.search(r'data-testid="payable".*?</section>', html, re.DOTALL).group(0))
    assert "HTX Trà Tân Cương Vietcombank · 0123456789 NGUYEN THI LAN 345.000 ₫" in payable
    assert "Mật ong Hà Giang BIDV · 0099887766 TRAN THI HOA 172.500 ₫" in payable
    assert "Tổng 517.500 ₫ cho 2 gian hàng" in payable
    assert "1 gian hàng khác có tổng 49.000 ₫ có thể rút, chưa tới mức 50.000 ₫." in payable
    for absent in ("Gốm Bát Tràng", "Lụa Vạn Phúc", "Bánh chưng Tranh Khúc", "Cói Kim Sơn"):
        assert absent not in payable
    boxes = re.findall(r'<input type="checkbox" name="shop" value="(\d+)" checked>', html)
    assert sorted(map(int, boxes)) == sorted([world["lan"].pk, world["hoa"].pk])
    incomplete = text_of(re.search(r'data-testid="incomplete".*?</section>', html, re.DOTALL).group(0))
    assert (
        "Gốm Bát Tràng chưa có ngân hàng, chưa có số tài khoản, chưa có tên chủ tài khoản 172.500 ₫"
        in incomplete
    )
    assert "Lụa Vạn Phúc chưa có tên chủ tài khoản 172.500 ₫" in incomplete


def test_staff_see_a_shop_owing_money_until_her_next_sales_pay_it_back(client, world):
    debtor = owing(a_paying_shop(name="Nón lá Chuông"), staff=world["staff"])
    assert shop_owed(debtor)["available"] == -SHARE

    html = sign_in(client, world).get(reverse("payments:staff-payouts")).content.decode()

    owing_section = text_of(re.search(r'data-testid="owing".*?</section>', html, re.DOTALL).group(0))
    assert "Gian hàng đang âm tiền (1)" in owing_section
    assert "Nón lá Chuông" in owing_section and "\u2212172.500 ₫" in owing_section
    payable = re.search(r'data-testid="payable".*?</section>', html, re.DOTALL).group(0)
    assert "Nón lá Chuông" not in payable

    delivered(paid_order(debtor, staff=world["staff"]))  # her next sale, released, pays it back
    release_due()
    assert shop_owed(debtor)["available"] == 0
    html = client.get(reverse("payments:staff-payouts")).content.decode()
    assert 'data-testid="owing"' not in html and "Nón lá Chuông" not in html


def test_the_button_pays_every_ticked_shop_its_whole_available_money(client, world):
    response = sign_in(client, world).post(
        reverse("payments:staff-batch-new"), {"shop": [world["lan"].pk, world["hoa"].pk]}, follow=True
    )

    batch = PayoutBatch.objects.get()
    assert response.redirect_chain[-1][0] == reverse("payments:staff-batch", kwargs={"pk": batch.pk})
    assert f"Đã tạo đợt chi trả #{batch.pk} với 2 khoản." in text_of(response.content.decode())
    payouts = {payout.shop_id: payout for payout in batch.payouts.all()}
    assert payouts[world["lan"].pk].amount == 2 * SHARE and payouts[world["hoa"].pk].amount == SHARE
    assert all(payout.status == PayoutStatus.IN_TRANSIT for payout in payouts.values())
    assert batch.created_by == world["staff"]
    assert shop_owed(world["lan"])["available"] == 0 and shop_owed(world["hoa"])["available"] == 0


def test_an_unticked_shop_is_left_for_a_later_batch(client, world):
    sign_in(client, world).post(reverse("payments:staff-batch-new"), {"shop": [world["hoa"].pk]})

    assert list(Payout.objects.values_list("shop_id", flat=True)) == [world["hoa"].pk]
    assert shop_owed(world["lan"])["available"] == 2 * SHARE
    html = client.get(reverse("payments:staff-payouts")).content.decode()
    assert re.findall(r'name="shop" value="(\d+)"', html) == [str(world["lan"].pk)]


@pytest.mark.parametrize(
    ("ticked", "message"),
    [
        ([], "Hãy chọn ít nhất một gian hàng."),
        (["abc", "9" * 40, "-1"], "Hãy chọn ít nhất một gian hàng."),
        ("no_account", "Không có gian hàng nào đủ điều kiện chi trả."),
        ("small", "Không có gian hàng nào đủ điều kiện chi trả."),
    ],
)
def test_nothing_to_pay_is_said_and_makes_no_batch(client, world, ticked, message):
    shop_ids = [world[ticked].pk] if isinstance(ticked, str) else ticked

    response = sign_in(client, world).post(
        reverse("payments:staff-batch-new"), {"shop": shop_ids}, follow=True
    )

    assert message in text_of(response.content.decode())
    assert response.redirect_chain[-1][0] == reverse("payments:staff-payouts")
    assert not PayoutBatch.objects.exists() and not Payout.objects.exists()


def test_pressing_the_button_twice_pays_once(client, world):
    sign_in(client, world)
    data = {"shop": [world["lan"].pk, world["hoa"].pk]}
    client.post(reverse("payments:staff-batch-new"), data)

    again = client.post(reverse("payments:staff-batch-new"), data, follow=True)

    assert "Không có gian hàng nào đủ điều kiện chi trả." in text_of(again.content.decode())
    assert PayoutBatch.objects.count() == 1 and Payout.objects.count() == 2


def test_the_batch_page_gives_what_the_bank_asks_for_with_a_vietqr_per_payout(client, world):
    batch = PayoutBatch.objects.get(pk=paid_out(world["hoa"], staff=world["staff"], sent=False).batch_id)
    payout = batch.payouts.get()

    html = (
        sign_in(client, world).get(reverse("payments:staff-batch", kwargs={"pk": batch.pk})).content.decode()
    )

    card = re.search(r'<article class="box payout.*?</article>', html, re.DOTALL).group(0)
    words = text_of(card)
    assert "Mật ong Hà Giang Đang chuyển 172.500 ₫" in words
    for row in ("Ngân hàng BIDV Chép", "Số tài khoản 0099887766 Chép", "Chủ tài khoản TRAN THI HOA Chép"):
        assert row in words
    assert "Số tiền 172500 Chép" in words  # digits only: what a banking app takes
    assert f"Nội dung chuyển khoản (mã chi trả) {payout.reference} Chép" in words
    assert card.count("data-copy aria-label") == 5
    payload = vietqr_payload(
        bank_bin="970418", account_number="0099887766", amount=SHARE, memo=payout.reference
    )
    assert vietqr_svg(payload) in card and 'role="img" aria-label="Mã VietQR chuyển 172.500' in card
    assert 'nonce="' in html and "navigator.clipboard" in html
    assert "Chuyển hàng loạt: tệp cho ngân hàng" in html and "Tải Excel" in html


def test_the_feed_closes_each_payout_and_the_page_and_sheet_follow(client, world):
    sign_in(client, world).post(
        reverse("payments:staff-batch-new"), {"shop": [world["lan"].pk, world["hoa"].pk]}
    )
    batch = PayoutBatch.objects.get()
    to_lan, to_hoa = batch.payouts.get(shop=world["lan"]), batch.payouts.get(shop=world["hoa"])

    bank_feed(amount=to_lan.amount, memo=f"HOI PHU NU {to_lan.reference}", incoming=False)
    page = client.get(reverse("payments:staff-batch", kwargs={"pk": batch.pk})).content.decode()
    sheet = read_csv(client.get(reverse("payments:staff-batch-csv", kwargs={"pk": batch.pk})))

    lan_card, hoa_card = re.findall(r'<article class="box payout.*?</article>', page, re.DOTALL)
    assert "Đã chuyển" in text_of(lan_card) and "<svg" not in lan_card and "data-copy " not in lan_card
    assert "Đang chuyển" in text_of(hoa_card) and "<svg" in hoa_card
    assert [row[6] for row in sheet[1:]] == [to_hoa.reference]  # the sent one is never in a sheet again
    assert "1 đang chuyển" in text_of(client.get(reverse("payments:staff-payouts")).content.decode())

    bank_feed(amount=to_hoa.amount - 1, memo=to_hoa.reference, incoming=False)
    page = text_of(client.get(reverse("payments:staff-batch", kwargs={"pk": batch.pk})).content.decode())
    assert (
        "Sai số tiền, cần kiểm tra" in page and "Sao kê ghi 172.499 ₫, khác số phải chuyển 172.500 ₫." in page
    )
    assert "Không còn khoản nào phải chuyển trong đợt này." in page
    assert "1 cần kiểm tra" in text_of(client.get(reverse("payments:staff-payouts")).content.decode())


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


HEADER = ["STT", "Ngân hàng", "Mã ngân hàng (BIN)", "Số tài khoản", "Chủ tài khoản", "Số tiền", "Nội dung"]


def test_the_bank_sheets_list_each_payout_to_send_with_its_reference_as_the_memo(client, world):
    sign_in(client, world).post(
        reverse("payments:staff-batch-new"), {"shop": [world["lan"].pk, world["hoa"].pk]}
    )
    batch = PayoutBatch.objects.get()
    to_lan, to_hoa = batch.payouts.get(shop=world["lan"]), batch.payouts.get(shop=world["hoa"])

    as_csv = client.get(reverse("payments:staff-batch-csv", kwargs={"pk": batch.pk}))
    as_xlsx = client.get(reverse("payments:staff-batch-xlsx", kwargs={"pk": batch.pk}))

    assert f'filename="chi-tra-dot-{batch.pk}.csv"' in as_csv["Content-Disposition"]
    assert read_csv(as_csv) == [
        HEADER,
        ["1", "Vietcombank", "970436", "0123456789", "NGUYEN THI LAN", str(2 * SHARE), to_lan.reference],
        ["2", "BIDV", "970418", "0099887766", "TRAN THI HOA", str(SHARE), to_hoa.reference],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1] == (
        1,
        "Vietcombank",
        "970436",
        "0123456789",
        "NGUYEN THI LAN",
        2 * SHARE,
        to_lan.reference,
    )
    assert sheet["D2"].data_type == "s"  # the account number stays text: its leading zero is kept


def test_a_formula_typed_as_a_holder_stays_text_in_the_sheets(client, world):
    Shop.objects.filter(pk=world["hoa"].pk).update(account_holder='=HYPERLINK("http://x")')
    sign_in(client, world).post(reverse("payments:staff-batch-new"), {"shop": [world["hoa"].pk]})
    batch = PayoutBatch.objects.get()

    row = read_csv(client.get(reverse("payments:staff-batch-csv", kwargs={"pk": batch.pk})))[1]
    cell = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("payments:staff-batch-xlsx", kwargs={"pk": batch.pk})).content)
    ).active["E2"]

    assert row[4] == '\'=HYPERLINK("http://x")' and cell.value == row[4] and cell.data_type == "s"


def test_links_lead_to_the_payouts_from_the_worklist_and_the_footer(client, world):
    html = sign_in(client, world).get(reverse("payments:staff")).content.decode()

    assert f'href="{reverse("payments:staff-payouts")}" data-testid="link-payouts"' in html
    assert f'href="{reverse("payments:staff-commissions")}" data-testid="link-commissions"' in html
    assert f'href="{reverse("payments:staff-payouts")}" data-testid="nav-payouts"' in html


def more_shops_and_batches(world, count: int) -> None:
    staff = world["staff"]
    for index in range(count):
        shop = with_available_money(a_paying_shop(name=f"Gian hàng thêm {index}"), staff=staff)
        if index % 2:
            paid_out(shop, staff=staff, sent=bool(index % 4 == 1))


def test_the_payouts_page_costs_the_same_queries_for_few_or_many_shops_and_batches(
    client, world, django_assert_max_num_queries
):
    sign_in(client, world)
    with django_assert_max_num_queries(20) as counted:
        assert client.get(reverse("payments:staff-payouts")).status_code == 200
    more_shops_and_batches(world, 12)

    with django_assert_max_num_queries(len(counted.captured_queries)):
        html = client.get(reverse("payments:staff-payouts")).content.decode()

    assert html.count('data-testid="payable-shop"') == 2 + 6 and html.count('data-testid="batch-link"') == 6
    print(f"/payments/staff/payouts/: {len(counted.captured_queries)} queries")


def test_the_batch_page_costs_the_same_queries_for_1_or_8_payouts(
    client, world, django_assert_max_num_queries
):
    staff = world["staff"]
    single = paid_out(world["hoa"], staff=staff, sent=False).batch
    shops = [
        with_available_money(a_paying_shop(name=f"Gian hàng {index}"), staff=staff) for index in range(8)
    ]
    large = paid_out_together(shops, staff)
    bank_feed(amount=large.payouts.first().amount, memo=large.payouts.first().reference, incoming=False)
    sign_in(client, world)
    with django_assert_max_num_queries(20) as counted:
        assert client.get(reverse("payments:staff-batch", kwargs={"pk": single.pk})).status_code == 200

    with django_assert_max_num_queries(len(counted.captured_queries)):
        html = client.get(reverse("payments:staff-batch", kwargs={"pk": large.pk})).content.decode()

    assert html.count('data-testid="payout"') == 8 and html.count('data-testid="payout-qr"') == 7
    print(f"/payments/staff/payouts/<batch>/: {len(counted.captured_queries)} queries")


def paid_out_together(shops, staff) -> PayoutBatch:
    from payments.payouts import payout_batch_create

    return payout_batch_create(actor=staff, shop_ids=[shop.pk for shop in shops])


def test_the_pages_read_in_english_under_en(client, world):
    from tests.functional.marketplace.test_english_pages import leftovers

    batch = paid_out(world["hoa"], staff=world["staff"], sent=False).batch
    typed = [
        "HTX Trà Tân Cương",
        "Mật ong Hà Giang",
        "Gốm Bát Tràng",
        "Lụa Vạn Phúc",
        "Bánh chưng Tranh Khúc",
        "Phạm Thu",
    ]
    sign_in(client, world)
    for url in (reverse("payments:staff-payouts"), reverse("payments:staff-batch", kwargs={"pk": batch.pk})):
        html = client.get("/en" + url).content.decode()
        for name in typed:
            html = html.replace(name, "")
        assert '<html lang="en"' in html
        assert leftovers(html) == [], url
