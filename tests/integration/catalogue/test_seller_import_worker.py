"""A vendor's upload on /seller/products/import/ imported by a real Celery worker: good, bad and
mixed files, CSV and Excel, followed through the JSON the progress bar polls."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from oscar.core.loading import get_model

from tests.conftest import wait_for
from tests.factories import ShopFactory

Product = get_model("catalogue", "Product")

HEADER = ["sku", "title", "description", "category", "price_vnd", "stock", "shop", "ocop_stars", "image"]
GOOD = [
    ["G-1", "Bánh đa đỏ", "", "Thực phẩm > Bánh", 35000, 40, "", "", ""],
    ["G-2", "Chè Thái", "", "Đồ uống > Trà", "120.000", 10, "", "", ""],
]
BAD = [
    ["", "Không có SKU", "", "", 1000, 1, "", "", ""],
    ["B-2", "Giá lẻ", "", "", "99.5", 1, "", "", ""],
]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_file(rows) -> bytes:
    return "\n".join(",".join(str(cell) for cell in row) for row in [HEADER, *rows]).encode()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("tot.xlsx", xlsx(GOOD), {"status": "done", "created": 2, "rejected": 0}),
        ("xau.csv", csv_file(BAD), {"status": "done", "created": 0, "rejected": 2}),
        ("lan.xlsx", xlsx(GOOD[:1] + BAD + GOOD[1:]), {"status": "done", "created": 2, "rejected": 2}),
        ("hong.xlsx", b"PK\x03\x04 not really a workbook", {"status": "failed", "created": 0, "rejected": 0}),
        ("thieu-cot.csv", b"sku,title\nA,B\n", {"status": "failed", "created": 0, "rejected": 0}),
    ],
)
def test_an_upload_is_imported_by_the_worker_and_reported(
    client, celery_worker_process, files_shared_with_worker, name, content, expected
):
    shop = ShopFactory()
    client.force_login(shop.members.get())

    response = client.post(reverse("seller:product-import-new"), {"file": SimpleUploadedFile(name, content)})
    status_url = response["Location"] + "status/"

    status = wait_for(
        lambda: (lambda s: s if s["finished"] else None)(client.get(status_url).json()),
        timeout=60,
        message="the worker to finish the import",
    )
    assert {key: status[key] for key in expected} == expected
    assert Product.objects.filter(shop=shop).count() == expected["created"]
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    if expected["status"] == "failed":
        assert status["failure"] in page and status["failure"]
    if expected["rejected"]:
        assert (
            reverse("seller:product-import-rejected", kwargs={"pk": response["Location"].split("/")[-2]})
            in page
        )
