"""manage.py seed_demo: a believable live marketplace, loaded through the product import, and idempotent."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db.models import Count, F, Max
from django.test import RequestFactory
from oscar.core.loading import get_model

from demo import data, pictures
from marketplace import geo
from order.models import ShopOrder
from payments.models import BankTransfer, Payment
from shops import review
from shops.models import MentorProvince, Shop, ShopMembership, ShopReviewEvent, ShopStatus

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

pytestmark = pytest.mark.django_db


def database_state() -> dict[str, object]:
    """Row counts and last-change times: a run that creates or rewrites anything moves one of them."""
    models = (
        User, Shop, ShopMembership, ShopReviewEvent, MentorProvince, Product, ProductImage, ProductCategory,
        StockRecord,
    )  # fmt: skip
    state: dict[str, object] = {model.__name__: model.objects.count() for model in models}
    state["product categories"] = sorted(ProductCategory.objects.values_list("pk", flat=True))
    state["last shop change"] = Shop.objects.aggregate(last=Max("updated_at"))["last"]
    state["last product change"] = Product.objects.aggregate(last=Max("date_updated"))["last"]
    state["last stock change"] = StockRecord.objects.aggregate(last=Max("date_updated"))["last"]
    return state


def test_the_demo_is_a_live_marketplace_and_a_second_run_changes_nothing():
    call_command("seed_demo", "--quiet")
    after_first_run = database_state()

    call_command("seed_demo", "--quiet")

    assert database_state() == after_first_run
    shops = Shop.objects.live()
    assert 28 <= shops.count() <= 32
    assert len({shop.province_code for shop in shops}) >= 8
    for shop in shops:
        assert shop.partner_id is not None
        assert shop.memberships.filter(role=ShopMembership.Role.OWNER).count() == 1
        assert shop.logo and shop.banner
        assert shop.ward_code in dict(geo.ward_choices(shop.province_code))
        shop.full_clean()  # phone, bank BIN, account number and holder are all valid

    products = Product.objects.filter(is_public=True, shop__in=shops).annotate(
        records=Count("stockrecords", distinct=True), photos=Count("images", distinct=True)
    )
    assert products.count() >= 250
    assert not products.exclude(records=1).exists()
    assert not products.filter(photos=0).exists()
    assert not StockRecord.objects.exclude(partner=F("product__shop__partner")).exists()
    assert products.filter(ocop_stars__isnull=False).count() >= products.count() // 3

    covered = []
    for mentor in data.MENTORS:
        user = User.objects.get(email=mentor.person.email)
        provinces = set(user.mentor_provinces.values_list("province_code", flat=True))
        assert provinces == set(mentor.province_codes)
        covered += provinces
    assert sorted(covered) == sorted(code for code, _name in geo.province_choices())

    waiting = Shop.objects.exclude(status__in=[ShopStatus.APPROVED])
    assert sorted(waiting.values_list("status", flat=True)) == ["changes_requested", "submitted", "submitted"]
    for shop in waiting:
        assert shop.review_events.exists() and not review.missing_for_submission(shop)

    buyer_payments = Payment.objects.filter(order__user__email=data.BUYER.email)
    assert sorted(buyer_payments.values_list("status", flat=True)) == ["paid", "paid", "paid", "pending"]
    assert sorted(
        ShopOrder.objects.filter(order__payment__status="paid").values_list("status", flat=True)
    ) == [
        "cancelled",
        "delivered",
        "paid",
        "paid",
        "paid",
    ]
    owed_back = buyer_payments.get(refund_due__gt=0)  # the shop's part it cancelled, for staff to refund
    assert owed_back.refund_due == owed_back.order.shop_orders.get(status="cancelled").total
    assert list(BankTransfer.objects.values_list("outcome", flat=True).order_by("pk")) == [
        "paid",
        "unmatched",
        "paid",
        "paid",
        "payout_sent",
    ]
    # the first shop's delivered order was released and paid out; the books balance
    first_shop = Shop.objects.get(name=data.SHOPS[0].name)
    assert first_shop.payouts.get().status == "sent"
    call_command("ledger_check", stdout=(checked := io.StringIO()))
    assert checked.getvalue().strip().splitlines()[-1] == "balanced"


def sign_in(identifier: str, password: str):
    """authenticate() as the sign-in page calls it: with its request (sign-in throttling needs one)."""
    return authenticate(RequestFactory().post("/accounts/login/"), username=identifier, password=password)


def test_the_printed_logins_sign_in(capsys):
    call_command("seed_demo", "--shops", "2", "--products", "4")

    output = capsys.readouterr().out
    assert "0912 000 101" in output and "admin@chosen.vn" in output
    assert "2 gian hàng (2 mới)" in output and "3 hồ sơ chờ duyệt mới" in output
    assert "0912 000 203  Bánh pía Sóc Trăng Cô Út" in output  # an applicant, to try the review
    applicant = sign_in("0912 000 203", password=data.PASSWORD)
    assert applicant.shops.get().status == ShopStatus.CHANGES_REQUESTED
    staff = sign_in("admin@chosen.vn", password=data.PASSWORD)
    assert staff is not None and staff.is_staff and staff.is_superuser
    assert sign_in("0900000021", password=data.PASSWORD) is not None
    vendor = sign_in("0912 000 101", password=data.PASSWORD)
    assert vendor.shops.get().slug == "htx-nuoc-mam-cat-hai"


def test_a_small_run_spreads_products_over_its_shops_and_if_empty_leaves_a_database_with_shops_alone():
    call_command("seed_demo", "--quiet", "--shops", "3", "--products", "12")

    assert (Shop.objects.live().count(), Shop.objects.count()) == (3, 3 + len(data.APPLICATIONS))
    per_shop = Shop.objects.live().annotate(n=Count("products")).values_list("n", flat=True)
    assert list(per_shop) == [4, 4, 4]

    call_command("seed_demo", "--quiet", "--if-empty")

    assert (Shop.objects.live().count(), Product.objects.count()) == (3, 12)


def test_pictures_are_the_same_bytes_every_time_so_reimports_add_no_photos():
    category = data.CATEGORIES["Thực phẩm > Nước mắm"]

    def draw():
        return pictures.product_picture(
            name="Nước mắm nhĩ Cát Hải", pack="chai 500ml", colour=category.colour, shape=category.shape
        )

    assert draw() == draw()
    assert pictures.initials("HTX Nước mắm Cát Hải") == "NM"
