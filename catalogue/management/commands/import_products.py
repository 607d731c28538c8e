"""manage.py import_products FILE.csv|FILE.xlsx [--shop SLUG] [--create-shops]"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.importing import COLUMNS, ImportFileError, import_products, read_rows
from shops.models import Shop


class Command(BaseCommand):
    help = f"Import products from a CSV or .xlsx file with the columns {','.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--shop", help="put every row in this shop (slug)")
        parser.add_argument(
            "--create-shops", action="store_true", help="create a live shop for each unknown shop slug"
        )

    def handle(self, *args, file: Path, shop: str | None, create_shops: bool, **options):
        started = time.monotonic()
        try:
            # union staff load whole catalogues: no row limit (a zip bomb is still refused)
            rows = list(read_rows(file.read_bytes(), filename=file.name, max_rows=None))
        except OSError as error:
            raise CommandError(f"Không mở được tệp {file}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        forced_shop = None
        if shop:
            forced_shop = Shop.objects.filter(slug=shop).first()
            if forced_shop is None:
                raise CommandError(f"Không có gian hàng “{shop}”.")

        bar = tqdm(total=len(rows), unit=" dòng", disable=not sys.stderr.isatty(), file=sys.stderr)

        def advance(processed: int) -> None:
            bar.update(processed - bar.n)

        report = import_products(
            rows=rows,
            shop=forced_shop,
            create_shops=create_shops,
            image_root=file.resolve().parent,
            progress=advance,
            trust_ocop_stars=True,  # union staff vouch for the catalogue they load
        )
        bar.close()
        for error in report.errors:
            self.stderr.write(f"Dòng {error.line} ({error.sku or 'không có SKU'}): {error.reason}")
        elapsed = time.monotonic() - started
        summary = (
            f"Xong trong {elapsed:.1f} giây: {report.created} sản phẩm mới, "
            f"{report.updated} cập nhật, {report.unchanged} không đổi, {len(report.errors)} dòng lỗi."
        )
        self.stdout.write(self.style.SUCCESS(summary) if not report.errors else self.style.WARNING(summary))
