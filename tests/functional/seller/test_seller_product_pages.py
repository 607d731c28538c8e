"""The vendor's product, import and certificate pages, and the mentor's, through the test client."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image

from catalogue.imports import product_import_run
from catalogue.models import ProductImport
from ocop.models import CertificateStatus, OcopCertificate
from tests.factories import MentorFactory, ProductFactory, ShopFactory, a_pdf, a_picture

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db

PDF = a_pdf()  # a real one: scans are read by pypdf


def jpeg(name="anh.jpg", colour="red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def product_post(**overrides) -> dict:
    data = {
        "title": "Mật ong hoa nhãn",
        "category": "",
        "description": "Mật ong nguyên chất.",
        "price": "185.000",
        "stock": "20",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def vendor(client, shop):
    client.force_login(shop.members.get())
    return client


def test_she_adds_a_product_with_two_photos_and_lands_on_its_page(vendor, shop):
    category = create_from_breadcrumbs("Thực phẩm > Mật ong")

    response = vendor.post(
        reverse("seller:product-new"),
        product_post(category=str(category.pk), photos=[jpeg("a.jpg"), jpeg("b.png", "blue")]),
    )

    product = Product.objects.get(shop=shop)
    assert response.status_code == 302
    assert response["Location"] == reverse("seller:product-edit", kwargs={"pk": product.pk})
    assert product.stockrecords.get().price == 185_000
    assert product.images.count() == 2
    page = vendor.get(response["Location"]).content.decode()
    assert "Ảnh bìa" in page and "Mật ong hoa nhãn" in page


def test_a_mistake_keeps_what_she_typed_and_says_what_is_wrong_in_vietnamese(vendor):
    response = vendor.post(reverse("seller:product-new"), product_post(price="185.5"))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Giá (₫) phải là số nguyên không âm" in page
    assert 'value="Mật ong hoa nhãn"' in page and "Mật ong nguyên chất." in page
    assert not Product.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(vendor):
    fake = SimpleUploadedFile("anh.jpg", b"MZ this is a program", content_type="image/jpeg")

    response = vendor.post(reverse("seller:product-new"), product_post(photos=[jpeg(), fake]))

    assert response.status_code == 400
    assert "anh.jpg: Tệp không phải là ảnh hợp lệ" in response.content.decode()
    assert not Product.objects.exists()


def test_variants_are_entered_as_rows_without_the_single_price(vendor, shop):
    response = vendor.post(
        reverse("seller:product-new"),
        product_post(
            price="",
            stock="",
            **{
                "variants-0-name": "500 ml",
                "variants-0-price": "90000",
                "variants-0-stock": "5",
                "variants-1-name": "1 lít",
                "variants-1-price": "160.000",
                "variants-1-stock": "2",
            },
        ),
    )

    assert response.status_code == 302
    product = Product.objects.get(shop=shop)
    assert product.is_parent and product.children.count() == 2
    page = vendor.get(response["Location"]).content.decode()
    assert 'value="500 ml"' in page and 'value="160000"' in page


def test_a_half_filled_variant_row_says_what_is_missing(vendor):
    response = vendor.post(
        reverse("seller:product-new"), product_post(price="", stock="", **{"variants-0-name": "500 ml"})
    )

    assert response.status_code == 400
    assert "Hãy nhập giá." in response.content.decode()


def test_the_product_list_costs_the_same_queries_for_3_or_30_products(
    vendor, shop, django_assert_max_num_queries
):
    def add_products(count: int) -> None:
        for number in range(count):
            product = ProductFactory(shop=shop)
            ProductImage.objects.create(
                product=product, original=a_picture(f"p{number}.png"), display_order=0
            )
        for page in (1, 2):  # thumbnails are made once, then cached
            vendor.get(reverse("seller:products") + f"?show=visible&page={page}")

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert vendor.get(reverse("seller:products") + "?show=visible").status_code == 200
        return len(captured)

    add_products(3)
    few = queries_for_list()
    add_products(27)
    many = queries_for_list()

    assert many == few
    with django_assert_max_num_queries(few):
        vendor.get(reverse("seller:products") + "?show=visible&page=2")


def test_the_list_searches_and_filters_hidden_and_out_of_stock(vendor, shop):
    ProductFactory(shop=shop, title="Trà shan tuyết")
    ProductFactory(shop=shop, title="Mắm tép", is_public=False)
    ProductFactory(shop=shop, title="Miến dong", stock__num_in_stock=0)

    def titles(query: str) -> set[str]:
        html = vendor.get(reverse("seller:products") + query).content.decode()
        return set(re.findall(r'class="p-title"[^>]*>([^<]+)<', html))

    assert titles("") == {"Trà shan tuyết", "Mắm tép", "Miến dong"}
    assert titles("?q=trà") == {"Trà shan tuyết"}
    assert titles("?show=hidden") == {"Mắm tép"}
    assert titles("?show=visible") == {"Trà shan tuyết", "Miến dong"}
    assert titles("?show=out_of_stock") == {"Miến dong"}


def test_she_reorders_and_deletes_photos_without_javascript(vendor, shop):
    vendor.post(reverse("seller:product-new"), product_post(photos=[jpeg("a.jpg"), jpeg("b.jpg", "blue")]))
    product = Product.objects.get(shop=shop)
    first, second = product.images.order_by("display_order")

    url = reverse("seller:product-photo", kwargs={"pk": product.pk, "image_pk": second.pk, "action": "cover"})
    assert vendor.post(url)["Location"].endswith("#photos")
    assert list(product.images.order_by("display_order")) == [second, first]

    vendor.post(
        reverse("seller:product-photo", kwargs={"pk": product.pk, "image_pk": first.pk, "action": "delete"})
    )
    assert list(product.images.all()) == [second]


def test_hiding_showing_and_deleting_from_the_pages(vendor, shop):
    product = ProductFactory(shop=shop)

    vendor.post(reverse("seller:product-visibility", kwargs={"pk": product.pk}), {"is_public": "0"})
    product.refresh_from_db()
    assert product.is_public is False
    assert (
        "Xoá hẳn" in vendor.get(reverse("seller:product-delete", kwargs={"pk": product.pk})).content.decode()
    )
    vendor.post(reverse("seller:product-delete", kwargs={"pk": product.pk}))
    assert not Product.objects.filter(pk=product.pk).exists()


def test_a_union_hide_shows_its_reason_to_the_vendor_and_blocks_showing(client, vendor, shop):
    product = ProductFactory(shop=shop, title="Rượu ngâm")
    mentor_client = type(client)()
    mentor_client.force_login(MentorFactory(provinces=[shop.province_code]))

    mentor_client.post(
        reverse("mentor:product-hide", kwargs={"pk": product.pk}), {"reason": "Cần giấy phép bán rượu."}
    )

    assert "Cần giấy phép bán rượu." in vendor.get(reverse("seller:products")).content.decode()
    assert (
        "Cần giấy phép bán rượu."
        in vendor.get(reverse("seller:product-edit", kwargs={"pk": product.pk})).content.decode()
    )
    response = vendor.post(
        reverse("seller:product-visibility", kwargs={"pk": product.pk}), {"is_public": "1"}, follow=True
    )
    assert "Chỉ cán bộ Hội mới hiện lại được." in response.content.decode()
    product.refresh_from_db()
    assert product.is_public is False


def upload_import(vendor, name: str, content: bytes):
    return vendor.post(reverse("seller:product-import-new"), {"file": SimpleUploadedFile(name, content)})


def test_an_uploaded_file_imports_into_her_shop_and_reports_rejected_rows(vendor, shop):
    other = ShopFactory(slug="cua-nguoi-khac")
    ProductFactory(shop=other, upc="TAKEN")
    content = (
        "sku,title,description,category,price_vnd,stock,shop,ocop_stars,image\n"
        "MO-1,Mật ong rừng,,Thực phẩm > Mật ong,250.000,8,,5,\n"
        "MO-2,Mật ong giá lẻ,,,12.5,1,,,\n"
        "TAKEN,Cướp sku,,,1000,1,,,\n"
        "MO-3,Sang gian hàng khác,,,1000,1,cua-nguoi-khac,,\n"
    ).encode()

    response = upload_import(vendor, "hang.csv", content)

    product_import = ProductImport.objects.get()
    assert (product_import.shop, product_import.status) == (shop, "queued")
    assert response["Location"] == reverse("seller:product-import", kwargs={"pk": product_import.pk})
    assert 'http-equiv="refresh"' in vendor.get(response["Location"]).content.decode()

    product_import_run(import_id=product_import.pk)  # what the worker does (tested with a real one elsewhere)

    status = vendor.get(reverse("seller:product-import-status", kwargs={"pk": product_import.pk})).json()
    assert (status["finished"], status["percent"], status["created"], status["rejected"]) == (True, 100, 1, 3)
    imported = Product.objects.get(upc="MO-1")
    assert (imported.shop, imported.ocop_stars) == (shop, None)  # stars come from certificates only
    rejected = vendor.get(reverse("seller:product-import-rejected", kwargs={"pk": product_import.pk}))
    rows = list(csv.reader(io.StringIO(rejected.content.decode("utf-8-sig"))))
    assert rows[0] == ["Dòng", "sku", "Lý do"]
    assert [(row[0], row[1]) for row in rows[1:]] == [("3", "MO-2"), ("4", "TAKEN"), ("5", "MO-3")]
    assert rows[2][2] == "SKU này thuộc gian hàng khác."
    assert Product.objects.get(upc="TAKEN").shop == other


def test_an_import_file_of_the_wrong_kind_is_refused_on_the_form(vendor):
    response = upload_import(vendor, "hang.pdf", PDF)

    assert response.status_code == 400
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()
    assert not ProductImport.objects.exists()


def test_she_records_a_certificate_and_the_mentor_verifies_it(client, vendor, shop):
    product = ProductFactory(shop=shop, title="Nước mắm nhĩ")
    response = vendor.post(
        reverse("seller:certificate-new"),
        {
            "stars": "4",
            "number": "OCOP-HP-2025-001",
            "level": "province",
            "issued_on": "2025-06-01",
            "expires_on": "",
            "products": [str(product.pk)],
            "scan_upload": SimpleUploadedFile("giay.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    certificate = OcopCertificate.objects.get()
    assert "Chờ xác minh" in vendor.get(reverse("seller:certificates")).content.decode()

    mentor = type(client)()
    mentor.force_login(MentorFactory(provinces=[shop.province_code]))
    queue = mentor.get(reverse("mentor:certificates")).content.decode()
    assert reverse("mentor:certificate", kwargs={"pk": certificate.pk}) in queue
    mentor.post(reverse("mentor:certificate", kwargs={"pk": certificate.pk}), {"action": "verify"})

    certificate.refresh_from_db()
    product.refresh_from_db()
    assert (certificate.status, product.ocop_stars) == (CertificateStatus.VERIFIED, 4)


def test_a_certificate_form_with_a_bad_scan_keeps_her_input(vendor, shop):
    product = ProductFactory(shop=shop)

    response = vendor.post(
        reverse("seller:certificate-new"),
        {
            "stars": "5",
            "number": "SO-123",
            "level": "central",
            "issued_on": "2025-06-01",
            "products": [str(product.pk)],
            "scan_upload": SimpleUploadedFile("giay.pdf", b"not a pdf at all"),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Bản chụp phải là ảnh (JPEG, PNG, WebP, HEIC) hoặc tệp PDF." in page
    assert 'value="SO-123"' in page
    assert not OcopCertificate.objects.exists()


def test_a_rejection_without_a_reason_is_refused_on_the_page(client, shop):
    product = ProductFactory(shop=shop)
    from tests.integration.ocop.test_ocop_certificates import record

    certificate = record(shop, shop.members.get(), product)
    client.force_login(MentorFactory(provinces=[shop.province_code]))

    response = client.post(reverse("mentor:certificate", kwargs={"pk": certificate.pk}), {"action": "reject"})

    assert response.status_code == 400
    assert "Hãy ghi lý do." in response.content.decode()
