"""Who may open or post to each product, import and certificate URL: a matrix over every URL and
kind of person, on shop A's objects. Shop A is in province 1; shop B's vendor must never reach A's
products, photos, imports or certificates (404), and must never change them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.models import ProductImport
from ocop.models import OcopCertificate
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, a_picture

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PEOPLE = ["anonymous", "buyer", "vendor", "other_vendor", "mentor_in", "mentor_out", "staff"]
HOME = "home"  # redirected to /seller/: people without an approved shop of their own


@pytest.fixture
def world():
    shop = ShopFactory(province_code=1)
    other_shop = ShopFactory(province_code=19)
    product = ProductFactory(shop=shop)
    image = ProductImage.objects.create(product=product, original=a_picture("a.png"), display_order=0)
    certificate = OcopCertificate.objects.create(
        shop=shop,
        stars=4,
        number="OCOP-1",
        level="province",
        issued_on="2025-01-01",
        expires_on="2028-01-01",
        scan=ContentFile(b"%PDF-1.4\n%%EOF\n", name="a.pdf"),
    )
    certificate.products.add(product)
    product_import = ProductImport.objects.create(
        shop=shop,
        file=ContentFile(b"sku\n", name="a.csv"),
        rejected_rows=[{"line": 2, "sku": "X", "reason": "r"}],
    )
    ProductFactory(shop=other_shop)
    return {
        "shop": shop,
        "product": product,
        "image": image,
        "certificate": certificate,
        "import": product_import,
        "anonymous": None,
        "buyer": UserFactory(),
        "vendor": shop.members.get(),
        "other_vendor": other_shop.members.get(),
        "mentor_in": MentorFactory(provinces=[1]),
        "mentor_out": MentorFactory(provinces=[19, 79]),
        "staff": UserFactory(is_staff=True),
    }


def outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    if response.status_code == 302 and response["Location"] == reverse("seller:home"):
        return HOME
    return response.status_code


# (URL name, method, object) -> expected outcome per person, in the order of PEOPLE.
OWN = ["login", HOME, 200, 200, HOME, HOME, HOME]  # pages of "my shop": each vendor sees her own
OF_A = ["login", HOME, 200, 404, HOME, HOME, HOME]  # shop A's objects in the seller area
MENTOR_LIST = ["login", 403, 403, 403, 200, 200, 200]
MENTOR_OF_A = ["login", 403, 403, 403, 200, 404, 200]
# Private files answer 404 to anyone not allowed, guests too: a guess never learns a file exists.
SCAN_OF_A = [404, 404, 200, 404, 200, 404, 200]  # her shop, its province's mentors, union staff
IMPORT_FILE_OF_A = [404, 404, 200, 404, 404, 404, 200]  # her shop and union staff
MATRIX = {
    ("seller:products", "get", None): OWN,
    ("seller:product-new", "get", None): OWN,
    ("seller:product-import-new", "get", None): OWN,
    ("seller:certificates", "get", None): OWN,
    ("seller:certificate-new", "get", None): OWN,
    ("seller:product-edit", "get", "product"): OF_A,
    ("seller:product-edit", "post", "product"): ["login", HOME, 302, 404, HOME, HOME, HOME],
    ("seller:product-delete", "get", "product"): OF_A,
    ("seller:product-delete", "post", "product"): ["login", HOME, 302, 404, HOME, HOME, HOME],
    ("seller:product-visibility", "post", "product"): ["login", HOME, 302, 404, HOME, HOME, HOME],
    ("seller:product-photo", "post", "image"): ["login", HOME, 302, 404, HOME, HOME, HOME],
    ("seller:product-import", "get", "import"): OF_A,
    ("seller:product-import-status", "get", "import"): OF_A,
    ("seller:product-import-rejected", "get", "import"): OF_A,
    ("seller:certificate-edit", "get", "certificate"): OF_A,
    ("seller:certificate-scan", "get", "certificate"): SCAN_OF_A,
    ("seller:product-import-file", "get", "import"): IMPORT_FILE_OF_A,
    ("seller:certificate-edit", "post", "certificate"): ["login", HOME, 302, 404, HOME, HOME, HOME],
    ("mentor:certificates", "get", None): MENTOR_LIST,
    ("mentor:certificate", "get", "certificate"): MENTOR_OF_A,
    ("mentor:certificate-scan", "get", "certificate"): SCAN_OF_A,
    ("mentor:certificate", "post", "certificate"): ["login", 403, 403, 403, 302, 404, 302],
    ("mentor:shop-products", "get", "shop"): MENTOR_OF_A,
    ("mentor:product-hide", "post", "product"): ["login", 403, 403, 403, 302, 404, 302],
}


def request(client, world, url_name, method, target):
    if target is None:
        kwargs = {}
    elif target == "image":
        kwargs = {"pk": world["product"].pk, "image_pk": world["image"].pk, "action": "delete"}
    else:
        kwargs = {"pk": world[target].pk}
    data = {
        "seller:product-edit": {
            "title": "Đổi tên",
            "price": "1000",
            "stock": "1",
            "variants-TOTAL_FORMS": "0",
            "variants-INITIAL_FORMS": "0",
        },
        "seller:product-visibility": {"is_public": "0"},
        "seller:certificate-edit": {
            "stars": "5",
            "number": "DOI-SO",
            "level": "central",
            "issued_on": "2025-01-01",
            "products": [str(world["product"].pk)],
        },
        "mentor:certificate": {"action": "verify"},
        "mentor:product-hide": {"reason": "Kiểm tra quyền."},
    }.get(url_name, {})
    url = reverse(url_name, kwargs=kwargs)
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize(("url_name", "method", "target"), list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_every_url_answers_each_person_as_it_should(client, world, url_name, method, target, person):
    if world[person] is not None:
        client.force_login(world[person])

    response = request(client, world, url_name, method, target)

    assert outcome(response) == MATRIX[(url_name, method, target)][PEOPLE.index(person)]


@pytest.mark.parametrize("person", [p for p in PEOPLE if p != "vendor"])
def test_nobody_but_her_changes_or_deletes_her_product_photo_or_certificate(client, world, person):
    if world[person] is not None:
        client.force_login(world[person])

    for url_name, method, target in MATRIX:
        if method == "post" and url_name.startswith("seller:"):
            request(client, world, url_name, method, target)

    product = Product.objects.get(pk=world["product"].pk)
    certificate = OcopCertificate.objects.get(pk=world["certificate"].pk)
    assert (product.title, product.is_public) == (world["product"].title, True)
    assert ProductImage.objects.filter(pk=world["image"].pk).exists()
    assert (certificate.number, certificate.stars) == ("OCOP-1", 4)


def test_another_vendors_list_and_certificate_form_never_show_shop_a(client, world):
    client.force_login(world["other_vendor"])

    listing = client.get(reverse("seller:products")).content.decode()
    form = client.get(reverse("seller:certificate-new")).content.decode()

    assert world["product"].title not in listing
    assert world["product"].title not in form
    assert "/seller/products/" in listing


def test_an_import_never_lands_in_another_shop_whatever_the_shop_column_says(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalogue.imports import product_import_run

    client.force_login(world["other_vendor"])
    content = (
        f"sku,title,price_vnd,stock,shop\nB-1,Của B,1000,1,{world['shop'].slug}\nB-2,Cũng của B,1000,1,\n"
    )
    client.post(reverse("seller:product-import-new"), {"file": SimpleUploadedFile("b.csv", content.encode())})

    product_import = ProductImport.objects.exclude(pk=world["import"].pk).get()
    product_import_run(import_id=product_import.pk)

    assert not Product.objects.filter(shop=world["shop"], upc__in=["B-1", "B-2"]).exists()
    assert Product.objects.get(upc="B-2").shop.members.get() == world["other_vendor"]
    product_import.refresh_from_db()
    assert "không phải" in product_import.rejected_rows[0]["reason"]
