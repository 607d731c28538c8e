"""Certificate scans and product files uploaded before they became private move from MEDIA_ROOT to
PRIVATE_MEDIA_ROOT when the database migrates, keeping their names; running the move again, or
after a run that stopped half way, changes nothing and loses nothing. Product photos stay."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import ProductImport
from ocop.models import OcopCertificate
from tests.factories import ShopFactory, a_pdf

BEFORE_PRIVATE_FILES = [
    ("ocop", "0001_certificates_from_shops"),
    ("catalogue", "0035_product_imports_and_hides_from_shops"),
]
SCAN = "ocop/2025/04/giay-chung-nhan.pdf"
ORPHAN = "ocop/2024/12/thay-the.jpg"  # a scan replaced since: no row names it, still private
IMPORT = "imports/2025/04/hang.csv"
PHOTO = "images/products/2025/04/mat-ong.jpg"

scans = importlib.import_module("ocop.migrations.0002_private_storage")
imports = importlib.import_module("catalogue.migrations.0036_private_storage")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps


def put(root, name: str, content: bytes) -> Path:
    path = Path(root) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def files_under(root) -> dict[str, bytes]:
    root = Path(root)
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_files_uploaded_before_move_to_the_private_root_when_migrating(settings):
    migrate(BEFORE_PRIVATE_FILES)
    shop = ShopFactory()
    OcopCertificate.objects.bulk_create(
        [
            OcopCertificate(
                shop=shop, stars=4, number="OCOP-1", level="province", issued_on="2025-04-01",
                expires_on="2028-04-01", scan=SCAN,
            )
        ]
    )  # fmt: skip
    ProductImport.objects.bulk_create([ProductImport(shop=shop, file=IMPORT, status="done")])
    for name, content in [(SCAN, a_pdf()), (ORPHAN, b"jpeg"), (IMPORT, b"sku\n"), (PHOTO, b"photo")]:
        put(settings.MEDIA_ROOT, name, content)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert files_under(settings.PRIVATE_MEDIA_ROOT) == {
        SCAN: a_pdf(),
        ORPHAN: b"jpeg",
        IMPORT: b"sku\n",
    }
    assert files_under(settings.MEDIA_ROOT) == {PHOTO: b"photo"}
    assert not (Path(settings.MEDIA_ROOT) / "ocop").exists()  # emptied folders go too
    assert OcopCertificate.objects.get().scan.read() == a_pdf()  # the row needed no change
    assert ProductImport.objects.get().file.read() == b"sku\n"


@pytest.mark.django_db
def test_moving_again_or_after_an_interrupted_run_changes_nothing_and_loses_nothing(settings):
    shop = ShopFactory()
    OcopCertificate.objects.bulk_create(
        [
            OcopCertificate(
                shop=shop, stars=4, number="OCOP-1", level="province", issued_on="2025-04-01",
                expires_on="2028-04-01", scan=SCAN,
            )
        ]
    )  # fmt: skip
    ProductImport.objects.bulk_create([ProductImport(shop=shop, file=IMPORT, status="done")])
    put(settings.MEDIA_ROOT, SCAN, a_pdf())
    put(settings.MEDIA_ROOT, IMPORT, b"sku\n")
    # a run that copied the import file and stopped before removing the original
    put(settings.PRIVATE_MEDIA_ROOT, IMPORT, b"sku\n")

    for _run in range(2):
        scans.scans_to_private(apps, None)
        imports.imports_to_private(apps, None)

        assert files_under(settings.PRIVATE_MEDIA_ROOT) == {SCAN: a_pdf(), IMPORT: b"sku\n"}
        assert files_under(settings.MEDIA_ROOT) == {}


@pytest.mark.django_db
def test_a_different_file_already_in_the_private_root_is_never_overwritten(settings):
    shop = ShopFactory()
    ProductImport.objects.bulk_create([ProductImport(shop=shop, file=IMPORT, status="done")])
    put(settings.MEDIA_ROOT, IMPORT, b"old\n")
    put(settings.PRIVATE_MEDIA_ROOT, IMPORT, b"new\n")

    imports.imports_to_private(apps, None)

    assert files_under(settings.PRIVATE_MEDIA_ROOT) == {IMPORT: b"new\n"}
    assert files_under(settings.MEDIA_ROOT) == {IMPORT: b"old\n"}


@pytest.mark.django_db
def test_migrating_back_puts_them_back_under_media(settings):
    shop = ShopFactory()
    ProductImport.objects.bulk_create([ProductImport(shop=shop, file=IMPORT, status="done")])
    put(settings.PRIVATE_MEDIA_ROOT, IMPORT, b"sku\n")

    imports.imports_to_public(apps, None)

    assert files_under(settings.MEDIA_ROOT) == {IMPORT: b"sku\n"}
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == {}
