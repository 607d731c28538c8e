"""A product file imported end to end by a real Celery worker process through the real broker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from catalogue.imports import product_import_run, product_import_start
from catalogue.models import ProductImport
from tests.conftest import wait_for
from tests.factories import ShopFactory

Product = get_model("catalogue", "Product")

CSV = (
    "sku,title,description,category,price_vnd,stock,shop,ocop_stars,image\n"
    "W-1,Mật ong hoa cà phê,,Thực phẩm > Mật ong,250000,8,,4,\n"
    "W-2,Mật ong rừng,,Thực phẩm > Mật ong,không rõ,8,,,\n"
    "W-3,Mật ong bạc hà,,Thực phẩm > Mật ong,320000,3,,,\n"
)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_is_imported_by_the_worker_after_commit(
    celery_worker_process, files_shared_with_worker
):
    shop = ShopFactory()
    upload = SimpleUploadedFile("mat-ong.csv", CSV.encode(), content_type="text/csv")

    product_import = product_import_start(file=upload, uploaded_by=shop.members.get(), shop=shop)

    finished = wait_for(
        lambda: ProductImport.objects.filter(pk=product_import.pk, status="done").first(),
        timeout=60,
        message="the worker to finish the import",
    )
    assert (finished.total_rows, finished.processed_rows, finished.created_count) == (3, 3, 2)
    assert finished.rejected_rows == [
        {"line": 3, "sku": "W-2", "reason": "Giá phải là số nguyên không âm (ví dụ 150000)."}
    ]
    assert set(Product.objects.filter(shop=shop).values_list("upc", flat=True)) == {"W-1", "W-3"}


@pytest.mark.django_db
def test_a_second_delivery_of_a_finished_import_changes_nothing(settings, django_capture_on_commit_callbacks):
    shop = ShopFactory()
    upload = SimpleUploadedFile("a.csv", CSV.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        product_import = product_import_start(file=upload, uploaded_by=None, shop=shop)
    assert len(queued) == 1  # the task is sent only once the upload is committed

    first = product_import_run(import_id=product_import.pk)
    second = product_import_run(import_id=product_import.pk)

    assert first.status == ProductImport.Status.DONE
    assert second is None
    assert Product.objects.filter(shop=shop).count() == 2
