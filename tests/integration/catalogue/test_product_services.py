"""Product writes a vendor makes: standalone and variant products, photos, show/hide, delete."""

import os
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from oscar.test.factories import OrderFactory, OrderLineFactory

from catalogue import moderation as product_moderation
from catalogue import services
from catalogue.images import prepare_product_image
from catalogue.services import ProductInput, VariantInput
from marketplace import money
from tests.factories import MentorFactory, ProductFactory, ShopFactory, a_picture

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def photo(name: str, colour: str = "#c0392b"):
    return prepare_product_image(a_picture(name, colour).read(), name=name)


def details(**overrides) -> ProductInput:
    values = {
        "title": "Nước mắm Cát Hải",
        "description": "Cá cơm và muối biển.",
        "category": None,
        "price": 150_000,
        "stock": 12,
        "variants": (),
    }
    return ProductInput(**{**values, **overrides})


@pytest.fixture
def shop():
    return ShopFactory()


def test_a_product_without_variants_is_standalone_with_one_stock_record_of_her_shop(shop):
    category = create_from_breadcrumbs("Thực phẩm > Nước mắm")

    product = services.product_save(shop=shop, values=details(category=category), photos=[photo("a.png")])

    assert (product.structure, product.shop, product.is_public) == ("standalone", shop, True)
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (shop.partner, Decimal(150_000), 12)
    assert [c.pk for c in product.categories.all()] == [category.pk]
    assert product.images.get().display_order == 0
    assert product.ocop_stars is None


def test_variants_make_a_parent_whose_children_carry_price_and_stock(shop):
    product = services.product_save(
        shop=shop,
        values=details(
            price=None,
            stock=None,
            variants=(VariantInput("500 ml", 90_000, 5), VariantInput("1 lít", 160_000, 3)),
        ),
    )

    assert product.structure == "parent"
    assert not product.stockrecords.exists()
    children = {child.title: child.stockrecords.get() for child in product.children.all()}
    assert {name: (r.price, r.num_in_stock) for name, r in children.items()} == {
        "500 ml": (Decimal(90_000), 5),
        "1 lít": (Decimal(160_000), 3),
    }
    assert {r.partner for r in children.values()} == {shop.partner}


def test_editing_variants_updates_kept_rows_adds_new_and_removes_dropped(shop):
    product = services.product_save(
        shop=shop,
        values=details(
            price=None, stock=None, variants=(VariantInput("500 ml", 90_000, 5), VariantInput("1 lít", 1, 1))
        ),
    )
    small = product.children.get(title="500 ml")

    services.product_save(
        shop=shop,
        product_id=product.pk,
        values=details(
            price=None,
            stock=None,
            variants=(VariantInput("500 ml", 95_000, 7, pk=small.pk), VariantInput("2 lít", 300_000, 2)),
        ),
    )

    assert sorted(product.children.values_list("title", flat=True)) == ["2 lít", "500 ml"]
    assert small.stockrecords.get().price == Decimal(95_000)


def test_dropping_all_variants_makes_it_standalone_again(shop):
    product = services.product_save(
        shop=shop, values=details(price=None, stock=None, variants=(VariantInput("500 ml", 90_000, 5),))
    )

    services.product_save(shop=shop, product_id=product.pk, values=details(price=70_000, stock=4))

    product.refresh_from_db()
    assert product.structure == "standalone"
    assert not product.children.exists()
    assert product.stockrecords.get().price == Decimal(70_000)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"price": None, "stock": None}, "Hãy nhập giá và số lượng"),
        ({"variants": (VariantInput("1 lít", 1, 1), VariantInput("1 LÍT", 2, 2))}, "trùng tên"),
    ],
)
def test_incomplete_or_contradictory_input_saves_nothing(shop, overrides, message):
    with pytest.raises(ValidationError, match=message):
        services.product_save(shop=shop, values=details(**overrides), photos=[photo("a.png")])

    assert not Product.objects.exists()
    assert not ProductImage.objects.exists()


def test_she_cannot_edit_another_shops_product(shop):
    other = ProductFactory()

    with pytest.raises(Product.DoesNotExist):
        services.product_save(shop=shop, product_id=other.pk, values=details())
    with pytest.raises(Product.DoesNotExist):
        services.product_set_public(shop=shop, product_id=other.pk, is_public=False)
    with pytest.raises(Product.DoesNotExist):
        services.product_delete(shop=shop, product_id=other.pk)

    other.refresh_from_db()
    assert other.is_public and other.title.startswith("Nước mắm Phú Quốc")


@pytest.mark.parametrize(("amount", "ok"), [("150000", 150000), ("150.000", 150000), ("150,000 ₫", 150000)])
def test_prices_are_read_the_way_people_type_them(amount, ok):
    assert money.parse_whole_number(amount, what="Giá", maximum=10**9) == ok


@pytest.mark.parametrize(
    ("amount", "message"),
    [("12.5", "số nguyên"), ("-5", "số nguyên"), ("1.000.000.001", "quá lớn"), ("0", "lớn hơn 0")],
)
def test_decimal_negative_absurd_and_zero_prices_are_refused(amount, message):
    with pytest.raises(money.InvalidAmount, match=message):
        money.parse_whole_number(amount, what="Giá", maximum=services.MAX_PRICE_VND, minimum=1)


def test_photos_reorder_up_down_and_to_the_cover_keeping_orders_consecutive(shop):
    product = services.product_save(
        shop=shop, values=details(), photos=[photo("a.png"), photo("b.png"), photo("c.png")]
    )
    a, b, c = product.images.order_by("display_order")

    def order():
        return list(product.images.order_by("display_order").values_list("pk", flat=True))

    services.product_photo_move(shop=shop, product_id=product.pk, image_id=c.pk, to="cover")
    assert order() == [c.pk, a.pk, b.pk]
    services.product_photo_move(shop=shop, product_id=product.pk, image_id=c.pk, to="down")
    assert order() == [a.pk, c.pk, b.pk]
    services.product_photo_move(shop=shop, product_id=product.pk, image_id=b.pk, to="up")
    assert order() == [a.pk, b.pk, c.pk]
    services.product_photo_move(shop=shop, product_id=product.pk, image_id=c.pk, to="down")  # already last
    assert order() == [a.pk, b.pk, c.pk]
    assert list(product.images.order_by("display_order").values_list("display_order", flat=True)) == [0, 1, 2]


def test_deleting_a_photo_removes_its_file_and_renumbers(shop, django_capture_on_commit_callbacks):
    product = services.product_save(shop=shop, values=details(), photos=[photo("a.png"), photo("b.png")])
    first, second = product.images.order_by("display_order")
    path = first.original.path

    with django_capture_on_commit_callbacks(execute=True):
        services.product_photo_delete(shop=shop, product_id=product.pk, image_id=first.pk)

    second.refresh_from_db()
    assert second.display_order == 0
    assert not os.path.exists(path)


def test_a_product_never_ordered_is_deleted_with_its_variants_and_photos(
    shop, django_capture_on_commit_callbacks
):
    product = services.product_save(
        shop=shop,
        values=details(price=None, stock=None, variants=(VariantInput("500 ml", 90_000, 5),)),
        photos=[photo("a.png")],
    )
    path = product.images.get().original.path

    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.product_delete(shop=shop, product_id=product.pk)

    assert deleted
    assert not Product.objects.exists() and not StockRecord.objects.exists()
    assert not os.path.exists(path)


def test_an_ordered_product_is_hidden_instead_of_deleted(shop):
    product = ProductFactory(shop=shop)
    OrderLineFactory(order=OrderFactory(), product=product, partner=shop.partner)

    deleted = services.product_delete(shop=shop, product_id=product.pk)

    product.refresh_from_db()
    assert (deleted, product.is_public) == (False, False)


def test_a_union_hide_stands_until_lifted_and_the_vendor_cannot_show_the_product(shop, mailoutbox):
    product = ProductFactory(shop=shop)
    mentor = MentorFactory(provinces=[shop.province_code])

    hide = product_moderation.product_hide(
        product_id=product.pk, actor=mentor, reason="Ảnh không đúng sản phẩm."
    )

    product.refresh_from_db()
    assert product.is_public is False
    with pytest.raises(ValidationError, match="Hội đã ẩn sản phẩm này: Ảnh không đúng sản phẩm."):
        services.product_set_public(shop=shop, product_id=product.pk, is_public=True)
    assert product_moderation.notify_product_hidden(hide_id=hide.pk) == 1
    assert product_moderation.notify_product_hidden(hide_id=hide.pk) == 0  # a redelivered task sends nothing
    assert [m.to for m in mailoutbox] == [[shop.members.get().email]]
    assert "Ảnh không đúng sản phẩm." in mailoutbox[0].body
    assert f"/seller/products/{product.pk}/" in mailoutbox[0].body

    product_moderation.product_hide_lift(product_id=product.pk, actor=mentor)
    product.refresh_from_db()
    assert product.is_public is False  # lifting lets her show it again; it does not show it for her
    services.product_set_public(shop=shop, product_id=product.pk, is_public=True)
    product.refresh_from_db()
    assert product.is_public is True


def test_a_mentor_of_another_province_cannot_hide_and_a_reason_is_required(shop):
    product = ProductFactory(shop=shop)

    with pytest.raises(PermissionDenied, match="không thuộc tỉnh"):
        product_moderation.product_hide(
            product_id=product.pk, actor=MentorFactory(provinces=[79]), reason="x"
        )
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        product_moderation.product_hide(product_id=product.pk, actor=MentorFactory(), reason="  ")
