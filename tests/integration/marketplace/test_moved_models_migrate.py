"""A database made before OCOP certificates, product imports and hides left the shops app migrates
forward with every row where it was, and their content types follow them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from catalogue.models import ProductHide, ProductImport
from ocop.models import CertificateEvent, OcopCertificate

BEFORE_THE_MOVE = [
    ("shops", "0006_ocop_certificates_and_product_hides"),
    ("catalogue", "0034_product_shop"),
    ("ocop", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    state = executor.migrate(targets)
    return state.apps


@pytest.mark.django_db(transaction=True)
def test_rows_and_content_types_made_before_the_move_are_still_there_after_it():
    old = migrate(BEFORE_THE_MOVE)
    ContentType = old.get_model("contenttypes", "ContentType")
    moved_types = {
        model: ContentType.objects.get_or_create(app_label="shops", model=model)[0].pk
        for model in ("ocopcertificate", "certificateevent", "producthide", "productimport")
    }
    shop = old.get_model("shops", "Shop").objects.create(
        name="HTX Cát Hải", slug="cat-hai", status="approved"
    )
    product_class = old.get_model("catalogue", "ProductClass").objects.create(
        name="Sản phẩm", slug="san-pham"
    )
    product = old.get_model("catalogue", "Product").objects.create(
        title="Nước mắm Cát Hải",
        slug="nuoc-mam",
        shop=shop,
        product_class=product_class,
        structure="standalone",
    )
    certificate = old.get_model("shops", "OcopCertificate").objects.create(
        shop=shop,
        stars=4,
        number="OCOP-HP-0001",
        level="province",
        issued_on=datetime.date(2025, 1, 2),
        expires_on=datetime.date(2028, 1, 2),
        scan="ocop/2025/01/scan.pdf",
        status="verified",
    )
    certificate.products.add(product)
    old.get_model("shops", "CertificateEvent").objects.create(
        certificate=certificate, from_status="pending", to_status="verified"
    )
    old.get_model("shops", "ProductHide").objects.create(
        product=product, reason="Ảnh sai", hidden_at=timezone.now()
    )
    old.get_model("shops", "ProductImport").objects.create(
        shop=shop, file="imports/2025/01/a.csv", status="done"
    )

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = OcopCertificate.objects.get(number="OCOP-HP-0001")
    assert (moved.shop.slug, moved.stars, moved.status) == ("cat-hai", 4, "verified")
    assert list(moved.products.values_list("title", flat=True)) == ["Nước mắm Cát Hải"]
    assert list(CertificateEvent.objects.values_list("certificate__number", "to_status")) == [
        ("OCOP-HP-0001", "verified")
    ]
    assert ProductHide.objects.get().product.title == "Nước mắm Cát Hải"
    assert ProductImport.objects.get().shop.slug == "cat-hai"
    NewContentType = new.get_model("contenttypes", "ContentType")
    assert {
        model: (app_label, pk)
        for pk, app_label, model in NewContentType.objects.filter(pk__in=moved_types.values()).values_list(
            "pk", "app_label", "model"
        )
    } == {
        "ocopcertificate": ("ocop", moved_types["ocopcertificate"]),
        "certificateevent": ("ocop", moved_types["certificateevent"]),
        "producthide": ("catalogue", moved_types["producthide"]),
        "productimport": ("catalogue", moved_types["productimport"]),
    }
