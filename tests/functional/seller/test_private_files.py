"""Certificate scans and uploaded product files are private: kept outside MEDIA_ROOT (so /media/
never serves them), sent only by views that check who asks, by nginx in production. Product
photos stay public. (Who gets what, URL by URL: test_product_permissions.py.)"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve
from django_sendfile.utils import _get_sendfile
from oscar.core.loading import get_model

from catalogue.imports import product_import_start
from demo.certificates import seed_certificates
from marketplace.private_files import check_private_root
from ocop.models import OcopCertificate
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory, a_pdf, a_picture

ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


def served_at_media(name: str) -> bool:
    """What /media/ answers for a name: nginx (or Django's static view) serving MEDIA_ROOT."""
    try:
        serve(RequestFactory().get("/"), name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return False
    return True


@pytest.fixture
def shop():
    return ShopFactory(province_code=1)


@pytest.fixture
def vendor(client, shop):
    client.force_login(shop.members.get())
    return client


def record_certificate(vendor, shop, scan: SimpleUploadedFile) -> OcopCertificate:
    product = ProductFactory(shop=shop)
    response = vendor.post(
        reverse("seller:certificate-new"),
        {
            "stars": "4",
            "number": "OCOP-HN-2025-7",
            "level": "province",
            "issued_on": "2025-06-01",
            "products": [str(product.pk)],
            "scan_upload": scan,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return OcopCertificate.objects.get()


def test_an_uploaded_scan_is_kept_outside_media_and_media_never_serves_it(vendor, shop, settings):
    certificate = record_certificate(vendor, shop, SimpleUploadedFile("giay.pdf", a_pdf()))

    private = Path(settings.PRIVATE_MEDIA_ROOT) / certificate.scan.name
    assert private.read_bytes() == a_pdf()
    assert not (Path(settings.MEDIA_ROOT) / certificate.scan.name).exists()
    assert not served_at_media(certificate.scan.name)


def test_an_uploaded_product_file_is_kept_outside_media(shop, settings, client):
    product_import = product_import_start(
        file=SimpleUploadedFile("hang.csv", b"sku,title,price_vnd,stock\n"), uploaded_by=None, shop=shop
    )

    assert (Path(settings.PRIVATE_MEDIA_ROOT) / product_import.file.name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / product_import.file.name).exists()
    assert not served_at_media(product_import.file.name)


def test_product_photos_stay_public_at_media(shop):
    image = ProductImage.objects.create(product=ProductFactory(shop=shop), original=a_picture("a.png"))

    assert image.original.url == f"/media/{image.original.name}"
    assert served_at_media(image.original.name)


def test_a_private_file_has_no_public_url(shop):
    certificate = OcopCertificate.objects.create(
        shop=shop,
        stars=3,
        number="X",
        level="province",
        issued_on="2025-01-01",
        expires_on="2028-01-01",
        scan=ContentFile(a_pdf(), name="a.pdf"),
    )

    with pytest.raises(NotImplementedError):
        certificate.scan.url  # noqa: B018


def test_in_development_django_sends_the_scan_inline_never_cached(vendor, shop):
    certificate = record_certificate(vendor, shop, SimpleUploadedFile("giay.pdf", a_pdf()))

    response = vendor.get(reverse("seller:certificate-scan", kwargs={"pk": certificate.pk}))

    assert response.status_code == 200
    assert b"".join(response) == a_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_import_file_downloads_as_an_attachment(shop, client):
    product_import = product_import_start(
        file=SimpleUploadedFile("hàng tháng 5.csv", b"sku,title,price_vnd,stock\n"),
        uploaded_by=None,
        shop=shop,
    )
    client.force_login(shop.members.get())

    response = client.get(reverse("seller:product-import-file", kwargs={"pk": product_import.pk}))

    assert response.status_code == 200
    assert b"".join(response) == b"sku,title,price_vnd,stock\n"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.fixture
def nginx_sends(settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    _get_sendfile.cache_clear()
    yield
    _get_sendfile.cache_clear()


def test_in_production_nginx_sends_the_file_from_its_internal_location(vendor, shop, nginx_sends):
    certificate = record_certificate(vendor, shop, SimpleUploadedFile("giay.pdf", a_pdf()))
    mentor = type(vendor)()
    mentor.force_login(MentorFactory(provinces=[1]))

    response = mentor.get(reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk}))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-media/{certificate.scan.name}"
    assert response.content == b""  # nginx fills it in
    assert response["Content-Type"] == "application/pdf"


def test_nginx_is_not_asked_for_anyone_not_allowed(vendor, shop, nginx_sends, client):
    certificate = record_certificate(vendor, shop, SimpleUploadedFile("giay.pdf", a_pdf()))
    client.force_login(MentorFactory(provinces=[79]))

    response = client.get(reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk}))

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_every_page_links_scans_and_files_to_their_views_never_to_media(vendor, shop, client):
    jpeg = a_picture("giay.png")
    certificate = record_certificate(vendor, shop, SimpleUploadedFile("giay.png", jpeg.read()))
    seller_scan = reverse("seller:certificate-scan", kwargs={"pk": certificate.pk})
    product_import = product_import_start(
        file=SimpleUploadedFile("hang.csv", b"sku,title,price_vnd,stock\n"), uploaded_by=None, shop=shop
    )

    pages = {
        "list": vendor.get(reverse("seller:certificates")).content.decode(),
        "form": vendor.get(
            reverse("seller:certificate-edit", kwargs={"pk": certificate.pk})
        ).content.decode(),
        "import": vendor.get(
            reverse("seller:product-import", kwargs={"pk": product_import.pk})
        ).content.decode(),
    }
    client.force_login(MentorFactory(provinces=[1]))
    pages["mentor"] = client.get(
        reverse("mentor:certificate", kwargs={"pk": certificate.pk})
    ).content.decode()

    assert seller_scan in pages["list"] and seller_scan in pages["form"]
    assert reverse("seller:product-import-file", kwargs={"pk": product_import.pk}) in pages["import"]
    mentor_scan = reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk})
    assert f'src="{mentor_scan}"' in pages["mentor"]
    for name, page in pages.items():
        assert certificate.scan.name not in page, name
        assert "/media/ocop/" not in page and "/media/imports/" not in page, name
    assert client.get(mentor_scan).status_code == 200


def test_union_staff_see_the_scan_link_in_the_admin(shop, client):
    certificate = OcopCertificate.objects.create(
        shop=shop,
        stars=3,
        number="ADM-1",
        level="province",
        issued_on="2025-01-01",
        expires_on="2028-01-01",
        scan=ContentFile(a_pdf(), name="a.pdf"),
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:ocop_ocopcertificate_change", args=[certificate.pk]))

    assert page.status_code == 200
    assert reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk}) in page.content.decode()


def test_demo_certificates_are_private_and_open_for_their_mentor(shop, client, settings):
    product = ProductFactory(shop=shop, upc="DEMO-1")

    seed_certificates(shops=[shop], stars_by_sku={product.upc: 4})

    certificate = OcopCertificate.objects.get(products=product)
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / certificate.scan.name).is_file()
    client.force_login(MentorFactory(provinces=[shop.province_code]))
    assert client.get(reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk})).status_code == 200


@pytest.mark.parametrize(
    ("private", "expected"),
    [
        ("var/private-media", []),
        ("var/media/private", ["marketplace.E010"]),
        ("var/media", ["marketplace.E010"]),
    ],
)
def test_the_private_root_may_never_sit_inside_media(settings, tmp_path, private, expected):
    settings.MEDIA_ROOT = tmp_path / "var/media"
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path / private

    assert [error.id for error in check_private_root()] == expected
