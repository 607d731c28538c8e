"""Search the way Vietnamese people type: without accents, with đ as d, with small typos."""

import pytest
from django.db import connection
from oscar.core.loading import get_model

from search.indexing import fold, search_documents_catch_up
from search.models import ProductDocument
from shops.models import ShopStatus
from storefront.selectors import ProductFilters, filtered_products
from tests.factories import ProductFactory, ShopFactory

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="typo tolerance uses pg_trgm (PostgreSQL); SQLite folds accents only",
)


def found(query: str, **filters) -> list[str]:
    return [product.title for product in filtered_products(filters=ProductFilters(query=query, **filters))]


@pytest.fixture
def catalogue():
    return {
        "fish_sauce": ProductFactory(title="Nước mắm Phú Quốc 40 độ đạm", category="Thực phẩm > Nước mắm"),
        "specialty": ProductFactory(
            title="Bánh pía Sóc Trăng", description="Đặc sản miền Tây, nhân sầu riêng"
        ),
        "honey": ProductFactory(title="Mật ong hoa nhãn", shop=ShopFactory(name="HTX Ong mật Hưng Yên")),
        "tea": ProductFactory(title="Trà Shan tuyết cổ thụ", category="Đồ uống > Trà"),
    }


def test_fold_drops_accents_case_and_punctuation_and_turns_dj_into_d():
    assert fold("  Nước MẮM\nPhú-Quốc, Đặc sản! ") == "nuoc mam phu quoc dac san"


def test_words_without_accents_find_the_accented_title(catalogue):
    assert found("nuoc mam") == ["Nước mắm Phú Quốc 40 độ đạm"]


def test_accents_typed_wrong_still_find_it(catalogue):
    assert found("nươc mám") == ["Nước mắm Phú Quốc 40 độ đạm"]
    assert found("NUOC MAM phu quoc") == ["Nước mắm Phú Quốc 40 độ đạm"]


def test_d_finds_dj_in_descriptions(catalogue):
    assert found("dac san mien tay") == ["Bánh pía Sóc Trăng"]


def test_shop_names_and_categories_are_searched_too(catalogue):
    assert found("hung yen") == ["Mật ong hoa nhãn"]
    assert found("do uong") == ["Trà Shan tuyết cổ thụ"]


def test_nothing_unrelated_is_found(catalogue):
    assert found("xe may") == []


@on_postgresql
def test_small_typos_still_find_it_on_postgresql(catalogue):
    assert found("nuoc mam phu quok") == ["Nước mắm Phú Quốc 40 độ đạm"]
    assert found("mat ong hoa nhan hung yenn") == ["Mật ong hoa nhãn"]


def test_best_matches_come_first(catalogue):
    ProductFactory(title="Gạo ST25", description="Ăn kèm nước mắm rất ngon")

    assert found("nuoc mam") == ["Nước mắm Phú Quốc 40 độ đạm", "Gạo ST25"]


def test_an_edited_title_is_found_by_its_new_words_only(catalogue):
    product = catalogue["tea"]
    product.title = "Trà sen Tây Hồ"
    product.save()

    assert found("tra sen") == ["Trà sen Tây Hồ"]
    assert found("shan tuyet") == []


def test_hidden_products_and_products_of_shops_not_live_are_not_found(catalogue):
    catalogue["fish_sauce"].is_public = False
    catalogue["fish_sauce"].save()
    shop = catalogue["honey"].shop
    shop.status = ShopStatus.SUSPENDED
    shop.save()

    assert found("nuoc mam") == []
    assert found("mat ong") == []


def test_a_renamed_shop_is_found_by_its_new_name(catalogue):
    shop = catalogue["honey"].shop
    shop.name = "Hợp tác xã Đồng Tháp"
    shop.save()

    assert found("dong thap") == ["Mật ong hoa nhãn"]


def test_products_written_in_bulk_are_indexed_before_the_next_search(catalogue):
    template = catalogue["tea"]
    Product.objects.bulk_create(
        [
            Product(
                title="Cà phê Buôn Ma Thuột",
                slug="ca-phe",
                upc="BULK-1",
                structure=Product.STANDALONE,
                product_class=template.product_class,
                shop=template.shop,
                is_public=True,
            )
        ]
    )
    assert not ProductDocument.objects.filter(title__contains="ca phe").exists()

    assert found("ca phe buon ma thuot") == ["Cà phê Buôn Ma Thuột"]
    assert search_documents_catch_up() == 0  # and nothing more to do next time


def test_search_composes_with_the_other_filters(catalogue):
    cheap = ProductFactory(title="Nước mắm Cát Hải", stock__price=60000, shop=ShopFactory(province_code=31))
    cheap.ocop_stars = 4
    cheap.save()

    assert found("nuoc mam", price_max=100000) == ["Nước mắm Cát Hải"]
    assert found("nuoc mam", province_code=31) == ["Nước mắm Cát Hải"]
    assert found("nuoc mam", ocop_min=4) == ["Nước mắm Cát Hải"]
    fish_sauce = Category.objects.get(name="Nước mắm")
    assert found("nuoc mam", category_id=fish_sauce.pk) == ["Nước mắm Phú Quốc 40 độ đạm"]


def test_variants_get_no_document_of_their_own_and_leave_nothing_to_catch_up(catalogue):
    parent = catalogue["tea"]
    Product.objects.create(title="Hộp 100g", structure=Product.CHILD, parent=parent, upc="TEA-100")

    assert search_documents_catch_up() == 0
    assert not ProductDocument.objects.filter(title="hop 100g").exists()
