"""The vendor's order pages and shipping fee: who sees what, her lines only, moves, errors, queries."""

import re

import pytest
from django.urls import reverse

from order.models import ShopOrder, ShopOrderStatus
from payments.transitions import payment_confirm_by_hand
from shops.models import Shop
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, an_order

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PEOPLE = ["anonymous", "buyer", "vendor_a", "vendor_b", "mentor", "staff"]


def paid(order):
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    return order


@pytest.fixture
def world():
    shop_a = ShopFactory(name="HTX Trà Tân Cương", shipping_fee=25_000)
    shop_b = ShopFactory(name="Mật ong Hà Giang", shipping_fee=30_000)
    tea = ProductFactory(shop=shop_a, title="Trà búp Tân Cương", stock__price=120_000)
    honey = ProductFactory(shop=shop_b, title="Mật ong bạc hà", stock__price=250_000)
    buyer = UserFactory(first_name="Mai", last_name="Trần")
    order = paid(an_order((tea, 2), (honey, 1), buyer=buyer, name="Trần Thị Mai", note="Giao giờ hành chính"))
    return {
        "order": order,
        "shop_a": shop_a,
        "shop_b": shop_b,
        "part_a": order.shop_orders.get(shop=shop_a),
        "part_b": order.shop_orders.get(shop=shop_b),
        "anonymous": None,
        "buyer": buyer,
        "vendor_a": shop_a.members.get(),
        "vendor_b": shop_b.members.get(),
        "mentor": MentorFactory(provinces=[1]),
        "staff": UserFactory(is_staff=True),
    }


def as_person(client, world, person):
    if world[person] is not None:
        client.force_login(world[person])
    return client


def status_of(response) -> int | str:
    """The status code, "login" for a redirect to sign in, "home" for a redirect to /seller/."""
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    if response.status_code == 302 and response["Location"] == reverse("seller:home"):
        return "home"
    return response.status_code


# URL name -> expected answer to GET per person, in the order of PEOPLE. seller:order is shop A's part.
MATRIX = {
    "seller:orders": ["login", "home", 200, 200, "home", "home"],
    "seller:order": ["login", "home", 200, 404, "home", "home"],
    "seller:shipping": ["login", "home", 200, 200, "home", "home"],
}


@pytest.mark.parametrize("url_name", list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_every_page_answers_each_person_as_it_should(client, world, url_name, person):
    kwargs = {"pk": world["part_a"].pk} if url_name == "seller:order" else {}

    response = as_person(client, world, person).get(reverse(url_name, kwargs=kwargs))

    assert status_of(response) == MATRIX[url_name][PEOPLE.index(person)]


@pytest.mark.parametrize(
    ("person", "expected", "status_after"),
    [
        ("anonymous", "login", "paid"),
        ("buyer", "home", "paid"),
        ("vendor_a", 302, "processing"),
        ("vendor_b", 404, "paid"),
        ("mentor", "home", "paid"),
        ("staff", "home", "paid"),
    ],
)
def test_only_a_member_of_the_shop_moves_its_order(client, world, person, expected, status_after):
    part_a = world["part_a"]

    response = as_person(client, world, person).post(
        reverse("seller:order", kwargs={"pk": part_a.pk}), {"action": "process"}
    )

    assert status_of(response) == expected
    part_a.refresh_from_db()
    assert part_a.status == status_after


@pytest.mark.parametrize(
    ("person", "fees_after"), [("vendor_a", (15_000, 30_000)), ("vendor_b", (25_000, 15_000))]
)
def test_the_shipping_form_only_ever_sets_her_own_shops_fee(client, world, person, fees_after):
    response = as_person(client, world, person).post(
        reverse("seller:shipping"), {"shipping_fee": "15.000", "free_shipping_from": "500.000"}
    )

    assert status_of(response) == 302
    shop_a, shop_b = (Shop.objects.get(pk=world[name].pk) for name in ("shop_a", "shop_b"))
    assert (shop_a.shipping_fee, shop_b.shipping_fee) == fees_after


def test_each_vendor_sees_only_her_own_lines_of_a_shared_order(client, world):
    for vendor, part, mine, theirs in [
        ("vendor_a", "part_a", "Trà búp Tân Cương", "Mật ong bạc hà"),
        ("vendor_b", "part_b", "Mật ong bạc hà", "Trà búp Tân Cương"),
    ]:
        client.force_login(world[vendor])
        listing = client.get(reverse("seller:orders")).content.decode()
        page = client.get(reverse("seller:order", kwargs={"pk": world[part].pk})).content.decode()

        assert mine in listing and theirs not in listing, vendor
        assert mine in page and theirs not in page, vendor
        assert world[part].number in listing and world[part].number in page


def test_the_order_page_says_where_to_send_what_and_for_how_much(client, world):
    client.force_login(world["vendor_a"])

    html = client.get(reverse("seller:order", kwargs={"pk": world["part_a"].pk})).content.decode()

    assert "Trần Thị Mai" in html
    assert 'href="tel:+84912345678"' in html and "0912 345 678" in html
    assert "12 phố Hàng Bông" in html and "Thành phố Hà Nội" in html
    assert "Giao giờ hành chính" in html
    assert "240.000\xa0₫" in html and "25.000\xa0₫" in html and "265.000\xa0₫" in html
    assert "Nhận đơn, bắt đầu chuẩn bị" in html and "Đã gửi hàng" in html
    assert "Đã giao xong" not in html


def test_she_takes_an_order_from_paid_to_delivered_on_its_page(client, world):
    part_a, url = world["part_a"], reverse("seller:order", kwargs={"pk": world["part_a"].pk})
    client.force_login(world["vendor_a"])

    page = client.post(url, {"action": "process"}, follow=True).content.decode()
    assert "Đã nhận đơn." in page and "Nhận đơn, bắt đầu chuẩn bị" not in page
    page = client.post(
        url, {"action": "ship", "carrier": "J&T Express", "tracking_number": "jt0012345"}, follow=True
    )
    assert "Đã báo gửi hàng." in page.content.decode() and "JT0012345" in page.content.decode()
    page = client.post(url, {"action": "deliver"}, follow=True).content.decode()

    assert "Đơn đã giao xong." in page
    part_a.refresh_from_db()
    assert part_a.status == ShopOrderStatus.DELIVERED
    assert (part_a.carrier, part_a.tracking_number) == ("J&T Express", "JT0012345")
    assert world["part_b"].status == ShopOrderStatus.PAID  # the other shop's part did not move


def test_a_missing_tracking_number_is_asked_for_and_her_carrier_choice_is_kept(client, world):
    client.force_login(world["vendor_a"])

    response = client.post(
        reverse("seller:order", kwargs={"pk": world["part_a"].pk}),
        {"action": "ship", "carrier": "Viettel Post", "tracking_number": ""},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập mã vận đơn để người mua theo dõi được đơn hàng." in html
    assert re.search(r'<option value="Viettel Post" selected>', html)
    assert ShopOrder.objects.get(pk=world["part_a"].pk).status == ShopOrderStatus.PAID


def test_a_move_someone_else_already_made_is_explained_not_repeated(client, world):
    """Two members of the shop tap "Đã giao xong" on the same order: the second is told where it stands."""
    part_a, url = world["part_a"], reverse("seller:order", kwargs={"pk": world["part_a"].pk})
    client.force_login(world["vendor_a"])
    client.post(url, {"action": "ship", "carrier": "Tự giao", "tracking_number": ""})
    client.post(url, {"action": "deliver"})

    response = client.post(url, {"action": "deliver"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Không thể báo đã giao hàng: đơn đang ở trạng thái “Đã giao”." in html
    assert part_a.events.filter(to_status="delivered").count() == 1


def test_an_order_not_yet_paid_offers_no_move(client):
    order = an_order((ProductFactory(), 1))
    part = order.shop_orders.get()
    client.force_login(part.shop.members.get())

    html = client.get(reverse("seller:order", kwargs={"pk": part.pk})).content.decode()

    assert "Người mua chưa thanh toán." in html
    assert 'name="action"' not in html


def test_she_cancels_a_paid_order_saying_why_and_the_buyer_is_owed_her_part(client, world):
    part_a = world["part_a"]
    url = reverse("seller:order", kwargs={"pk": part_a.pk})
    as_person(client, world, "vendor_a")
    assert 'data-testid="cancel-form"' in client.get(url).content.decode()

    refused = client.post(url, {"action": "cancel", "reason": "other", "details": ""})
    assert refused.status_code == 400
    assert "Hãy viết vài chữ để người mua hiểu vì sao đơn bị huỷ." in refused.content.decode()
    assert re.search(r'value="other"[^>]*\bchecked', refused.content.decode())  # her choice is kept

    response = client.post(url, {"action": "cancel", "reason": "out_of_stock", "details": "Hết trà vụ xuân"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Hết hàng – Hết trà vụ xuân" in page and 'data-testid="cancel-form"' not in page
    part_a.refresh_from_db()
    world["part_b"].refresh_from_db()
    assert (part_a.status, world["part_b"].status) == ("cancelled", "paid")
    payment = world["order"].payment
    payment.refresh_from_db()
    assert payment.refund_due == part_a.total == 265_000

    buyer_page = client.get(
        reverse("payments:order", args=[world["order"].verification_hash()])
    ).content.decode()
    assert "Lý do huỷ: Hết hàng – Hết trà vụ xuân" in buyer_page and "265.000" in buyer_page


def test_another_shop_cannot_cancel_her_order(client, world):
    response = as_person(client, world, "vendor_b").post(
        reverse("seller:order", kwargs={"pk": world["part_a"].pk}),
        {"action": "cancel", "reason": "out_of_stock"},
    )
    assert response.status_code == 404
    world["part_a"].refresh_from_db()
    assert world["part_a"].status == "paid"


def test_the_tabs_count_each_status_and_filter_the_list(client, world):
    shop_a, vendor = world["shop_a"], world["vendor_a"]
    an_order((ProductFactory(shop=shop_a), 1))  # awaiting payment
    paid(an_order((ProductFactory(shop=shop_a), 1)))
    client.force_login(vendor)

    html = client.get(reverse("seller:orders"), {"status": "paid"}).content.decode()

    tabs = dict(re.findall(r'data-testid="tab-(\w+)">[^<]*<span class="chip-n">(\d+)</span>', html))
    assert tabs == {
        "awaiting_payment": "1",
        "paid": "2",
        "processing": "0",
        "shipped": "0",
        "delivered": "0",
        "cancelled": "0",
    }
    assert html.count('class="ord st-paid"') == 2
    assert 'class="ord st-awaiting_payment"' not in html


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("{number}", ["mai"]),
        ("{number}-{pk}", ["mai"]),
        ("0987 654 321", ["hoa"]),
        ("+84987654321", ["hoa"]),
        ("thị hoa", ["hoa"]),
        ("Trần", ["mai"]),
        ("0999", []),
    ],
)
def test_she_finds_an_order_by_its_number_the_buyers_phone_or_name(client, world, typed, finds):
    shop_a = world["shop_a"]
    other = paid(an_order((ProductFactory(shop=shop_a), 1), name="Lê Thị Hoa", phone="+84987654321"))
    wanted = {"mai": world["part_a"], "hoa": other.shop_orders.get()}
    client.force_login(world["vendor_a"])
    mai = world["part_a"]

    html = client.get(
        reverse("seller:orders"), {"q": typed.format(number=mai.order.number, pk=mai.pk)}
    ).content.decode()

    shown = {name for name, shop_order in wanted.items() if shop_order.number in html}
    assert shown == set(finds)
    assert ("Không tìm thấy đơn nào" in html) is not finds


def test_the_seller_home_counts_the_orders_waiting_for_her(client, world):
    client.force_login(world["vendor_a"])

    html = client.get(reverse("seller:home")).content.decode()

    assert re.search(r'data-testid="orders-to-handle">\s*1 đơn cần xử lý', html)
    assert reverse("seller:orders") + "?status=paid" in html
    assert "25.000\xa0₫ mỗi đơn" in html


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (
            {"shipping_fee": "ba chục", "free_shipping_from": ""},
            "Phí giao hàng (₫) phải là số nguyên không âm",
        ),
        ({"shipping_fee": "2.000.000", "free_shipping_from": ""}, "Phí giao hàng (₫) quá lớn."),
        ({"shipping_fee": "", "free_shipping_from": ""}, "Trường này là bắt buộc."),
        ({"shipping_fee": "30000", "free_shipping_from": "-1"}, "phải là số nguyên không âm"),
    ],
)
def test_a_wrong_fee_is_explained_and_what_she_typed_stays(client, world, typed, error):
    client.force_login(world["vendor_a"])

    response = client.post(reverse("seller:shipping"), typed)

    html = response.content.decode()
    assert response.status_code == 200 and error in html
    for value in typed.values():
        if value:
            assert f'value="{value}"' in html
    assert Shop.objects.get(pk=world["shop_a"].pk).shipping_fee == 25_000


def test_an_empty_threshold_means_no_free_shipping(client, world):
    shop_a = world["shop_a"]
    Shop.objects.filter(pk=shop_a.pk).update(free_shipping_from=300_000)
    client.force_login(world["vendor_a"])

    response = client.post(
        reverse("seller:shipping"), {"shipping_fee": "20.000 ₫", "free_shipping_from": ""}, follow=True
    )

    html = response.content.decode()
    assert "Đã lưu phí giao hàng." in html
    assert 'value="20.000"' in html and 'name="free_shipping_from" value' not in html
    shop_a.refresh_from_db()
    assert (shop_a.shipping_fee, shop_a.free_shipping_from) == (20_000, None)


def orders_for(shop, count: int) -> None:
    for _ in range(count):
        paid(an_order((ProductFactory(shop=shop), 1), (ProductFactory(shop=shop), 2)))


def test_the_orders_list_costs_the_same_queries_for_2_or_20_orders(client, django_assert_max_num_queries):
    shop = ShopFactory()
    client.force_login(shop.members.get())
    orders_for(shop, 2)
    with django_assert_max_num_queries(16) as few:
        assert client.get(reverse("seller:orders")).status_code == 200
    orders_for(shop, 18)

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("seller:orders")).content.decode()

    assert html.count('class="ord st-paid"') == 20


def test_the_order_page_costs_the_same_queries_for_1_or_8_lines(client, django_assert_max_num_queries):
    shop = ShopFactory()
    client.force_login(shop.members.get())
    small = paid(an_order((ProductFactory(shop=shop), 1))).shop_orders.get()
    large = paid(an_order(*[(ProductFactory(shop=shop), 1) for _ in range(8)])).shop_orders.get()
    with django_assert_max_num_queries(18) as few:
        assert client.get(reverse("seller:order", kwargs={"pk": small.pk})).status_code == 200

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("seller:order", kwargs={"pk": large.pk})).status_code == 200


def test_she_corrects_a_mistyped_tracking_number_on_the_order_page(client, world):
    part_a = world["part_a"]
    url = reverse("seller:order", kwargs={"pk": part_a.pk})
    as_person(client, world, "vendor_a").post(
        url, {"action": "ship", "carrier": "GHN", "tracking_number": "GY1"}
    )
    page = client.get(url).content.decode()
    assert 'data-testid="correct-form"' in page and 'value="GY1"' in page

    refused = client.post(url, {"action": "correct", "carrier": "GHTK", "tracking_number": ""})
    assert refused.status_code == 400 and "Hãy nhập mã vận đơn" in refused.content.decode()
    assert (
        client.post(url, {"action": "correct", "carrier": "GHTK", "tracking_number": "S9"}).status_code == 302
    )

    part_a.refresh_from_db()
    assert (part_a.status, part_a.carrier, part_a.tracking_number) == ("shipped", "GHTK", "S9")
    assert "GHN · GY1 → GHTK · S9" in client.get(url).content.decode()
