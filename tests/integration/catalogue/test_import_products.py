import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook
from oscar.core.loading import get_model
from PIL import Image

from catalogue.importing import ImportFileError, import_products, read_rows
from shops.models import Shop
from tests.factories import ProductFactory, ShopFactory

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

HEADER = "sku,title,description,category,price_vnd,stock,shop,ocop_stars,image\n"


def run_csv(text: str, **kwargs):
    """As `manage.py import_products` runs it: union staff vouch for the ocop_stars column."""
    kwargs.setdefault("trust_ocop_stars", True)
    return import_products(rows=read_rows(text.encode(), filename="products.csv"), **kwargs)


@pytest.fixture
def shop():
    return ShopFactory(slug="htx-cat-hai")


def test_a_good_file_creates_products_with_category_price_stock_and_vietnamese_slug(shop):
    report = run_csv(
        HEADER
        + "NM-1,Nước mắm Cát Hải 30 độ đạm,Đặc sản,Thực phẩm > Nước mắm,150.000,12,htx-cat-hai,4,\n"
        + "NM-2,Mắm tôm,,Thực phẩm > Gia vị,45000,0,htx-cat-hai,,\n"
    )

    assert (report.created, report.updated, report.errors) == (2, 0, [])
    product = Product.objects.get(upc="NM-1")
    assert product.shop == shop
    assert product.slug == "nuoc-mam-cat-hai-30-do-dam"
    assert product.ocop_stars == 4
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (shop.partner, Decimal(150000), 12)
    assert [c.full_name for c in product.categories.all()] == ["Thực phẩm > Nước mắm"]
    assert Category.objects.get(name="Thực phẩm").get_children().count() == 2


def test_reimporting_a_sku_updates_it_and_counts_unchanged_rows(shop):
    run_csv(HEADER + "NM-1,Nước mắm,,A > B,100000,5,htx-cat-hai,,\nNM-2,Mắm,,A > B,1000,1,htx-cat-hai,,\n")

    report = run_csv(
        HEADER + "NM-1,Nước mắm nhĩ,,A > C,120000,7,htx-cat-hai,5,\nNM-2,Mắm,,A > B,1000,1,htx-cat-hai,,\n"
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    product = Product.objects.get(upc="NM-1")
    assert (product.title, product.ocop_stars) == ("Nước mắm nhĩ", 5)
    assert product.stockrecords.get().price == Decimal(120000)
    assert product.stockrecords.get().num_in_stock == 7
    assert [c.name for c in product.categories.all()] == ["C"]
    assert Product.objects.count() == 2


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",Không SKU,,,1000,1,htx-cat-hai,,", "Thiếu mã SKU."),
        ("X 1,Có dấu cách,,,1000,1,htx-cat-hai,,", "Mã SKU chỉ gồm"),
        ("X-2,,,,1000,1,htx-cat-hai,,", "Thiếu tên sản phẩm."),
        ("X-3,Giá lẻ,,,12.5,1,htx-cat-hai,,", "Giá phải là số nguyên"),
        ("X-4,Giá âm,,,-5,1,htx-cat-hai,,", "Giá phải là số nguyên"),
        ("X-5,Tồn kho chữ,,,1000,nhiều,htx-cat-hai,,", "Tồn kho phải là số nguyên"),
        ("X-6,Sao lạ,,,1000,1,htx-cat-hai,6,", "Số sao OCOP phải là 3, 4 hoặc 5."),
        ("X-7,Không gian hàng,,,1000,1,,,", "Thiếu gian hàng"),
        ("X-8,Gian hàng lạ,,,1000,1,khong-co,,", "Không có gian hàng “khong-co”."),
        ("X-9,Ảnh không kèm,,,1000,1,htx-cat-hai,,khong-co.jpg", "Không nhập ảnh qua tệp được"),
        ("X-10,Ảnh web,,,1000,1,htx-cat-hai,,https://example.com/a.jpg", "không phải đường link"),
    ],
)
def test_a_bad_row_is_reported_with_line_and_reason_and_the_good_rows_land(shop, row, reason):
    report = run_csv(
        HEADER + "OK-1,Trà sen,,,90000,3,htx-cat-hai,,\n" + row + "\nOK-2,Trà xanh,,,1,1,htx-cat-hai,,\n"
    )

    assert report.created == 2
    assert len(report.errors) == 1
    assert report.errors[0].line == 3
    assert reason in report.errors[0].reason
    assert set(Product.objects.values_list("upc", flat=True)) == {"OK-1", "OK-2"}


def test_a_sku_repeated_in_the_file_is_rejected_after_its_first_line(shop):
    report = run_csv(HEADER + "A-1,Một,,,1,1,htx-cat-hai,,\nA-1,Hai,,,2,2,htx-cat-hai,,\n")

    assert report.created == 1
    assert report.errors[0].line == 3
    assert "dòng 2" in report.errors[0].reason
    assert Product.objects.get(upc="A-1").title == "Một"


def test_a_sku_of_another_shop_is_never_overwritten(shop):
    ProductFactory(upc="TAKEN", title="Của người khác")

    report = run_csv(HEADER + "TAKEN,Cướp,,,1,1,htx-cat-hai,,\n")

    assert report.errors[0].reason == "SKU này thuộc gian hàng khác."
    assert Product.objects.get(upc="TAKEN").title == "Của người khác"


def test_a_forced_shop_takes_rows_without_a_shop_and_refuses_rows_of_another(shop):
    ShopFactory(slug="other-shop")

    report = run_csv(HEADER + "S-1,Một,,,1,1,,,\nS-2,Hai,,,1,1,other-shop,,\n", shop=shop)

    assert report.created == 1
    assert Product.objects.get(upc="S-1").shop == shop
    assert "thuộc gian hàng “other-shop”" in report.errors[0].reason


def test_missing_columns_or_a_wrong_encoding_reject_the_whole_file():
    with pytest.raises(ImportFileError, match="Thiếu cột: price_vnd, stock"):
        list(read_rows(b"sku,title\nA,B\n", filename="x.csv"))
    with pytest.raises(ImportFileError, match="UTF-8"):
        list(read_rows(b"sku,title,price_vnd,stock\nA,N\xfd\xe9c,1,1\n", filename="x.csv"))
    with pytest.raises(ImportFileError, match="Excel"):
        list(read_rows(b"not a zip", filename="x.xlsx"))


def test_an_excel_file_imports_like_a_csv(shop):
    book = Workbook()
    sheet = book.active
    sheet.append(["sku", "title", "price_vnd", "stock", "shop", "category"])
    sheet.append(["XL-1", "Gạo ST25", 180000, 20, "htx-cat-hai", "Thực phẩm > Gạo"])
    sheet.append(["XL-2", "Gạo lứt", "abc", 1, "htx-cat-hai", ""])
    data = io.BytesIO()
    book.save(data)

    report = import_products(rows=read_rows(data.getvalue(), filename="hang.xlsx"))

    assert report.created == 1
    assert Product.objects.get(upc="XL-1").stockrecords.get().price == Decimal(180000)
    assert report.errors[0].line == 3


def _png(path, size=(2000, 1000), colour=(200, 30, 30)):
    Image.new("RGB", size, colour).save(path, "PNG")


def test_photos_are_resized_to_jpeg_and_reimporting_adds_no_duplicate(shop, tmp_path):
    _png(tmp_path / "a.png")
    (tmp_path / "fake.jpg").write_bytes(b"this is not an image")
    text = HEADER + "P-1,Bình gốm,,,300000,2,htx-cat-hai,,a.png\nP-2,Lọ gốm,,,1,1,htx-cat-hai,,fake.jpg\n"

    report = run_csv(text, image_root=tmp_path)
    again = run_csv(text, image_root=tmp_path)

    product = Product.objects.get(upc="P-1")
    image = product.images.get()
    with Image.open(image.original.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600
    assert report.errors[0].line == 3
    assert "không phải là ảnh" in report.errors[0].reason
    assert again.unchanged == 1
    assert product.images.count() == 1


def test_the_command_prints_bad_rows_and_a_summary_and_can_create_shops(tmp_path, capsys):
    csv_file = tmp_path / "catalogue.csv"
    csv_file.write_text(HEADER + "C-1,Trà,,,1000,1,hop-tac-xa-moi,,\nC-2,Sai giá,,,x,1,hop-tac-xa-moi,,\n")

    call_command("import_products", str(csv_file), "--create-shops")

    out, err = capsys.readouterr()
    assert "1 sản phẩm mới" in out and "1 dòng lỗi" in out
    assert "Dòng 3 (C-2): Giá phải là số nguyên" in err
    created = Shop.objects.get(slug="hop-tac-xa-moi")
    assert created.is_live and created.partner is not None


def test_the_command_refuses_an_unknown_forced_shop_and_a_missing_file(tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text(HEADER)
    with pytest.raises(CommandError, match="Không có gian hàng"):
        call_command("import_products", str(csv_file), "--shop", "khong-co")
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("import_products", str(tmp_path / "missing.csv"))


def test_reimporting_an_unchanged_file_writes_nothing(shop):
    text = HEADER + "U-1,Nước mắm,,Thực phẩm > Nước mắm,100000,5,htx-cat-hai,,\n"
    run_csv(text)

    with CaptureQueriesContext(connection) as queries:
        report = run_csv(text)

    assert report.unchanged == 1
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_a_product_moved_to_another_category_by_a_reimport_is_found_under_it(shop):
    from search.indexing import search_documents_catch_up
    from search.selectors import matching_products
    from storefront.selectors import browsable_products

    run_csv(HEADER + "NM-1,Nước mắm Cát Hải,,Thực phẩm > Nước mắm,150000,12,htx-cat-hai,,\n")
    search_documents_catch_up()
    run_csv(HEADER + "NM-1,Nước mắm Cát Hải,,Quà tặng > Đặc sản biển,150000,12,htx-cat-hai,,\n")
    search_documents_catch_up()

    found = matching_products(browsable_products(), query="dac san bien")
    assert list(found.values_list("upc", flat=True)) == ["NM-1"]
