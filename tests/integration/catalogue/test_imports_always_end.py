"""An import always ends, done or failed with a reason the vendor can read: hostile cells become
rejected rows, an unexpected error or a worker that died ends it as failed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.imports import product_import_run, product_import_start, product_imports_fail_stalled
from catalogue.models import ProductImport
from tests.factories import ShopFactory

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

HEADER = "sku,title,description,category,price_vnd,stock,shop,ocop_stars,image\n"


def start(shop, text: str) -> ProductImport:
    upload = SimpleUploadedFile("hang.csv", (HEADER + text).encode(), content_type="text/csv")
    return product_import_start(file=upload, uploaded_by=shop.members.get(), shop=shop)


def test_a_huge_number_and_nul_characters_are_rejected_rows_and_the_good_rows_land():
    shop = ShopFactory()
    product_import = start(
        shop,
        f"A-1,Mật ong,,,{'9' * 5000},3,,,\n"  # more digits than int() takes
        "A-2\x00,Mật\x00 ong rừng,mô\x00 tả,Thực phẩm > Mật\x00 ong,150000,2,,,\n"  # NUL inside cells
        "A-3,Trà sen,,,120.000,5,,,\n",
    )

    finished = product_import_run(import_id=product_import.pk)

    assert finished.status == ProductImport.Status.DONE
    assert finished.rejected_rows == [{"line": 2, "sku": "A-1", "reason": "Giá quá lớn."}]
    assert dict(Product.objects.filter(shop=shop).values_list("upc", "title")) == {
        "A-2": "Mật ong rừng",
        "A-3": "Trà sen",
    }


def test_an_unexpected_error_ends_the_import_as_failed_with_a_readable_reason(monkeypatch):
    shop = ShopFactory()
    product_import = start(shop, "B-1,Trà,,,1000,1,,,\n")

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("catalogue.imports.import_products", broken)
    finished = product_import_run(import_id=product_import.pk)

    assert finished.status == ProductImport.Status.FAILED and finished.finished_at is not None
    assert finished.failure.startswith("Có lỗi khi nhập tệp.")
    assert "database" not in finished.failure


def test_an_import_whose_worker_died_is_ended_by_the_sweep_and_only_that_one(settings):
    shop = ShopFactory()
    now = timezone.now()
    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    dead = ProductImport.objects.create(
        shop=shop,
        file="imports/a.csv",
        status="running",
        started_at=now - limit - datetime.timedelta(hours=1),
    )
    busy = ProductImport.objects.create(shop=shop, file="imports/b.csv", status="running", started_at=now)

    assert product_imports_fail_stalled(now=now) == 1
    assert product_imports_fail_stalled(now=now) == 0

    dead.refresh_from_db(), busy.refresh_from_db()
    assert dead.status == "failed" and "gián đoạn" in dead.failure
    assert busy.status == "running"
