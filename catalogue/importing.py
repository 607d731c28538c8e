"""Product import from CSV or Excel: the command line, demo data and (later) the seller area use it.

Columns: sku,title,description,category,price_vnd,stock,shop,ocop_stars,image.
Rows are checked one by one and written in batches; a bad row is reported with its line number
and reason and never stops the good ones. Re-importing a sku updates that product.
"""

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from marketplace import geo
from marketplace.money import InvalidAmount, parse_whole_number
from marketplace.text import slugify
from shops.models import Shop
from shops.services import shop_create_live, shop_ensure_partner

from .images import ImageRejected, prepare_product_image
from .services import MAX_PRICE_VND

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = (
    "sku",
    "title",
    "description",
    "category",
    "price_vnd",
    "stock",
    "shop",
    "ocop_stars",
    "image",
)
REQUIRED_COLUMNS = ("sku", "title", "price_vnd", "stock")
DEFAULT_PRODUCT_CLASS = "Sản phẩm"
BATCH_SIZE = 500
SKU_PATTERN = re.compile(r"^[A-Za-z0-9._\-/]{1,64}$")

# The limits of one file, in one place: the upload form, the import page and the reasons an import
# fails all read them from here.
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # the file as uploaded
IMPORT_MAX_ROWS = 10_000  # product rows, the header and empty lines not counted
IMPORT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip archive: all its parts unpacked
IMPORT_MAX_COLUMNS = 50  # columns read from a sheet; any further right are ignored
EXCEL_MAX_LINES = 1_048_576  # Excel's own last row: a sheet claiming rows past it is not read further


def import_limits() -> dict[str, str]:
    """The limits as a person reads them, in the active language ("10.000" in Vietnamese)."""
    return {
        "megabytes": number_format(IMPORT_MAX_BYTES // 2**20),
        "rows": number_format(IMPORT_MAX_ROWS, force_grouping=True),
        "unpacked": number_format(IMPORT_MAX_UNPACKED_BYTES // 2**20),
    }


def import_limits_text() -> str:
    return (
        _(
            "Tệp tối đa %(megabytes)s MB và %(rows)s dòng sản phẩm; "
            "tệp Excel khi giải nén không quá %(unpacked)s MB."
        )
        % import_limits()
    )


class ImportFileError(ValueError):
    """The whole file is unusable (wrong format, missing columns); the message is for a person."""


@dataclass(frozen=True)
class RowError:
    line: int
    sku: str
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.errors)


@dataclass
class ParsedRow:
    line: int
    sku: str
    title: str
    description: str
    category: str
    price: Decimal
    stock: int
    shop_slug: str
    ocop_stars: int | None
    image: str


class RowInvalid(ValueError):
    pass


# Reading files ------------------------------------------------------------------------------


def read_rows(
    data: bytes, *, filename: str, max_rows: int | None = IMPORT_MAX_ROWS
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV (UTF-8, with or without BOM) or .xlsx file, row by row.

    More than `max_rows` product rows, or an .xlsx whose parts would unpack past
    IMPORT_MAX_UNPACKED_BYTES, raise ImportFileError with the limit in words; `max_rows=None` is
    for union staff loading a whole catalogue from the command line.
    """
    if filename.lower().endswith(".xlsx"):
        rows = _read_xlsx(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("Tệp CSV phải được lưu với mã hoá UTF-8.")) from None
        rows = _read_csv(text)
    return rows if max_rows is None else _at_most(rows, max_rows)


def _at_most(rows: Iterator[tuple[int, dict[str, str]]], max_rows: int) -> Iterator[tuple[int, dict]]:
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise ImportFileError(
                _(
                    "Tệp có hơn %(rows)s dòng sản phẩm. "
                    "Hãy chia thành nhiều tệp, mỗi tệp tối đa %(rows)s dòng."
                )
                % {"rows": number_format(max_rows, force_grouping=True)}
            )
        yield row


def _check_header(header: list[str]) -> list[str]:
    names = [(name or "").strip().lower() for name in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise ImportFileError(_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})
    return names


def _read_csv(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = _check_header(next(reader))
        for values in reader:
            if any(value.strip() for value in values):
                yield reader.line_num, dict(zip(header, values, strict=False))
    except StopIteration:
        raise ImportFileError(_("Tệp trống.")) from None
    except csv.Error:  # e.g. a cell longer than the csv module accepts
        raise ImportFileError(_("Tệp CSV bị hỏng ở dòng %(line)s.") % {"line": reader.line_num}) from None


def _unreadable_xlsx() -> ImportFileError:
    return ImportFileError(_("Không đọc được tệp Excel (.xlsx)."))


def _check_xlsx_archive(data: bytes) -> None:
    """Refuse a zip bomb before anything is unpacked, from the sizes the archive declares.

    Python's zipfile (which openpyxl reads with) never unpacks a part past its declared size: it
    stops there and the checksum then fails. So the declared sizes bound what reading can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _unreadable_xlsx() from None
    if any(part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for part in parts):
        raise _unreadable_xlsx()  # Excel only ever stores or deflates
    if sum(part.file_size for part in parts) > IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Tệp Excel này khi giải nén lớn hơn %(unpacked)s MB. Hãy xoá ảnh và trang tính thừa, "
                "hoặc lưu thành tệp CSV rồi tải lên lại."
            )
            % import_limits()
        )


def _read_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    _check_xlsx_archive(data)
    try:  # read_only: rows are parsed from the archive one at a time, never the whole sheet at once
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise _unreadable_xlsx() from None
    try:
        rows = _sheet_rows(workbook)
        first = next(rows, None)
        if first is None:
            raise ImportFileError(_("Tệp trống."))
        header = _check_header([str(cell or "") for cell in first])
        while not header[-1]:  # cells right of the last named column are not read
            header.pop()
        for line, cells in enumerate(rows, start=2):
            if all(cell is None for cell in cells):
                continue
            values = ["" if cell is None else _cell_text(cell) for cell in cells]
            if any(value.strip() for value in values):
                yield line, dict(zip(header, values, strict=False))
    finally:
        workbook.close()


def _sheet_rows(workbook) -> Iterator[tuple]:
    """The first sheet's rows as values, at most IMPORT_MAX_COLUMNS wide and EXCEL_MAX_LINES long
    (a few bytes can claim a sheet spans A1:XFD1048576; openpyxl would build every empty cell)."""
    try:
        sheet = workbook.active
        width = min(sheet.max_column or IMPORT_MAX_COLUMNS, IMPORT_MAX_COLUMNS)
        yield from sheet.iter_rows(values_only=True, max_col=width, max_row=EXCEL_MAX_LINES)
    except Exception:  # a damaged sheet fails in many ways (bad XML, a DTD, a chart sheet...)
        raise _unreadable_xlsx() from None


def _cell_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


# Checking rows ------------------------------------------------------------------------------


def parse_row(line: int, row: dict[str, str]) -> ParsedRow:
    value = {column: (row.get(column) or "").strip() for column in COLUMNS}
    if not value["sku"]:
        raise RowInvalid(_("Thiếu mã SKU."))
    if not SKU_PATTERN.match(value["sku"]):
        raise RowInvalid(_("Mã SKU chỉ gồm chữ không dấu, số và . _ - / (tối đa 64 ký tự)."))
    if not value["title"]:
        raise RowInvalid(_("Thiếu tên sản phẩm."))
    if len(value["title"]) > 255:
        raise RowInvalid(_("Tên sản phẩm dài quá 255 ký tự."))
    stars = value["ocop_stars"]
    if stars and stars not in {"3", "4", "5"}:
        raise RowInvalid(_("Số sao OCOP phải là 3, 4 hoặc 5."))
    return ParsedRow(
        line=line,
        sku=value["sku"],
        title=value["title"],
        description=value["description"],
        category=value["category"],
        price=Decimal(_whole_number(value["price_vnd"], what=_("Giá"), maximum=MAX_PRICE_VND)),
        stock=_whole_number(value["stock"] or "0", what=_("Tồn kho"), maximum=10**9),
        shop_slug=value["shop"],
        ocop_stars=int(stars) if stars else None,
        image=value["image"],
    )


def _whole_number(raw: str, *, what: str, maximum: int) -> int:
    try:
        return parse_whole_number(raw, what=what, maximum=maximum)
    except InvalidAmount as problem:
        raise RowInvalid(str(problem)) from None


# Writing ------------------------------------------------------------------------------------


class _Importer:
    def __init__(
        self, *, shop: Shop | None, create_shops: bool, image_root: Path | None, trust_ocop_stars: bool
    ):
        self.forced_shop = shop
        self.trust_ocop_stars = trust_ocop_stars
        self.create_shops = create_shops
        self.image_root = image_root
        self.shops: dict[str, Shop] = {}
        self.categories: dict[str, object] = {}
        self.product_class, _created = ProductClass.objects.get_or_create(
            name=DEFAULT_PRODUCT_CLASS, defaults={"track_stock": True, "requires_shipping": True}
        )
        self.seen_skus: dict[str, int] = {}
        self.report = ImportReport()

    # resolving ------------------------------------------------------------------------
    def shop_for(self, row: ParsedRow) -> Shop:
        if self.forced_shop is not None:
            if row.shop_slug and row.shop_slug != self.forced_shop.slug:
                raise RowInvalid(
                    _("Dòng này thuộc gian hàng “%(row)s”, không phải “%(shop)s”.")
                    % {"row": row.shop_slug, "shop": self.forced_shop.slug}
                )
            return self.forced_shop
        if not row.shop_slug:
            raise RowInvalid(_("Thiếu gian hàng (cột shop)."))
        if row.shop_slug not in self.shops:
            shop = Shop.objects.filter(slug=row.shop_slug).select_related("partner").first()
            if shop is None and self.create_shops:
                shop = _create_shop_for_slug(row.shop_slug)
            if shop is None:
                raise RowInvalid(_("Không có gian hàng “%(slug)s”.") % {"slug": row.shop_slug})
            shop_ensure_partner(shop=shop)
            self.shops[row.shop_slug] = shop
        return self.shops[row.shop_slug]

    def category_for(self, row: ParsedRow):
        path = " > ".join(part.strip() for part in row.category.split(">") if part.strip())
        if not path:
            return None
        if path not in self.categories:
            self.categories[path] = create_from_breadcrumbs(path)
        return self.categories[path]

    def photo_for(self, row: ParsedRow) -> "Photo | None":
        if not row.image:
            return None
        if "://" in row.image:
            raise RowInvalid(_("Ảnh phải là tệp đi kèm, không phải đường link."))
        if self.image_root is None:  # an uploaded file: never read paths on the server
            raise RowInvalid(_("Không nhập ảnh qua tệp được; hãy thêm ảnh ở trang sửa sản phẩm."))
        path = self.image_root / row.image
        try:
            data = path.read_bytes()
        except OSError:
            raise RowInvalid(_("Không tìm thấy ảnh “%(image)s”.") % {"image": row.image}) from None
        return Photo(
            file=prepare_product_image(data, name=row.sku),
            fingerprint=hashlib.sha256(data).hexdigest()[:16],
        )

    # the loop ---------------------------------------------------------------------------
    def run(self, rows: Iterable[tuple[int, dict[str, str]]], progress: Callable[[int], None] | None):
        batch: list[CheckedRow] = []
        for line, raw in rows:
            checked = self.check(line, raw)
            if checked is not None:
                batch.append(checked)
            if len(batch) >= BATCH_SIZE:
                self.write(batch)
                batch = []
                if progress:
                    progress(self.report.processed)
        if batch:
            self.write(batch)
        if progress:
            progress(self.report.processed)
        return self.report

    def check(self, line: int, raw: dict[str, str]) -> "CheckedRow | None":
        # NUL can come in a file but never goes into PostgreSQL text (nor its JSON): drop it first
        raw = {column: (value or "").replace("\x00", "") for column, value in raw.items()}
        sku = raw.get("sku", "").strip()
        try:
            row = parse_row(line, raw)
            if row.sku in self.seen_skus:
                raise RowInvalid(_("SKU đã có ở dòng %(line)s của tệp.") % {"line": self.seen_skus[row.sku]})
            checked = CheckedRow(
                row=row,
                shop=self.shop_for(row),
                category=self.category_for(row),
                photo=self.photo_for(row),
            )
        except (RowInvalid, ImageRejected) as problem:
            self.report.errors.append(RowError(line=line, sku=sku, reason=str(problem)))
            return None
        self.seen_skus[row.sku] = line
        return checked

    def write(self, batch: list["CheckedRow"]) -> None:
        """Write a batch at once; if the database refuses it, row by row so the good ones land."""
        try:
            with transaction.atomic():
                self._write(batch)
        except DatabaseError:
            if len(batch) == 1:
                row = batch[0].row
                self.report.errors.append(
                    RowError(line=row.line, sku=row.sku, reason=_("Lỗi khi lưu, hãy thử lại."))
                )
                return
            for single in batch:
                self.write([single])

    def _write(self, batch: list["CheckedRow"]) -> None:
        existing = {
            product.upc: product
            for product in Product.objects.filter(upc__in=[item.row.sku for item in batch])
        }
        written: list[CheckedRow] = []
        new_products, updated_products = [], []
        now = timezone.now()
        for item in batch:
            row, product = item.row, existing.get(item.row.sku)
            if product is not None and product.shop_id != item.shop.pk:
                self.report.errors.append(
                    RowError(line=row.line, sku=row.sku, reason=_("SKU này thuộc gian hàng khác."))
                )
                continue
            values = {
                "title": row.title,
                "slug": slugify(row.title)[:255] or row.sku.lower(),
                "description": row.description,
            }
            if self.trust_ocop_stars:
                values["ocop_stars"] = row.ocop_stars
            if product is None:
                product = Product(
                    upc=row.sku,
                    structure=Product.STANDALONE,
                    product_class=self.product_class,
                    shop=item.shop,
                    is_public=True,
                    **values,
                )
                new_products.append(product)
            elif _assign_changes(product, values):
                product.date_updated = now
                updated_products.append(product)
            item.product = product
            written.append(item)

        Product.objects.bulk_create(new_products)
        Product.objects.bulk_update(
            updated_products,
            ["title", "slug", "description", "date_updated"]
            + (["ocop_stars"] if self.trust_ocop_stars else []),
            batch_size=100,
        )
        self._write_categories(written)
        self._write_stock(written, now)
        self._write_photos([item for item in written if item.photo is not None])
        self.report.created += len(new_products)
        self.report.updated += len(updated_products)
        self.report.unchanged += len(written) - len(new_products) - len(updated_products)

    def _write_categories(self, written: list["CheckedRow"]) -> None:
        """Re-link only the products whose category changed."""
        current: dict[int, set[int]] = {}
        for product_id, category_id in ProductCategory.objects.filter(
            product__in=[item.product for item in written]
        ).values_list("product_id", "category_id"):
            current.setdefault(product_id, set()).add(category_id)
        moved = [
            item
            for item in written
            if current.get(item.product.pk, set()) != ({item.category.pk} if item.category else set())
        ]
        ProductCategory.objects.filter(product__in=[item.product for item in moved]).delete()
        ProductCategory.objects.bulk_create(
            [ProductCategory(product=item.product, category=item.category) for item in moved if item.category]
        )
        # bulk writes send no signals: a newer date_updated is how search and caches notice the move
        Product.objects.filter(pk__in=[item.product.pk for item in moved]).update(date_updated=timezone.now())

    def _write_stock(self, written: list["CheckedRow"], now) -> None:
        records = {
            record.product_id: record
            for record in StockRecord.objects.filter(product__in=[item.product for item in written])
        }
        new_records, changed_records = [], []
        for item in written:
            values = {
                "partner_sku": item.row.sku,
                "price": item.row.price,
                "price_currency": "VND",
                "num_in_stock": item.row.stock,
            }
            record = records.get(item.product.pk)
            if record is None:
                new_records.append(
                    StockRecord(product=item.product, partner=item.shop.partner, num_allocated=0, **values)
                )
            elif _assign_changes(record, values):
                record.date_updated = now
                changed_records.append(record)
        StockRecord.objects.bulk_create(new_records)
        StockRecord.objects.bulk_update(
            changed_records,
            ["partner_sku", "price", "price_currency", "num_in_stock", "date_updated"],
        )

    def _write_photos(self, with_photos: list["CheckedRow"]) -> None:
        """A photo is added when its bytes are new to the product: re-importing changes nothing."""
        if not with_photos:
            return
        products = [item.product for item in with_photos]
        known = set(ProductImage.objects.filter(product__in=products).values_list("product_id", "caption"))
        counts: dict[int, int] = {}
        for product_id, _caption in known:
            counts[product_id] = counts.get(product_id, 0) + 1
        for item in with_photos:
            if (item.product.pk, item.photo.fingerprint) in known:
                continue
            ProductImage.objects.create(
                product=item.product,
                original=item.photo.file,
                caption=item.photo.fingerprint,
                display_order=counts.get(item.product.pk, 0),
            )


def _assign_changes(instance, values: dict) -> bool:
    """Set the values that differ; True if any did (unchanged rows cost no UPDATE)."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


@dataclass
class Photo:
    """A checked, cleaned photo, and a fingerprint of the source file to spot re-imports."""

    file: ContentFile
    fingerprint: str


@dataclass
class CheckedRow:
    row: ParsedRow
    shop: Shop
    category: object | None
    photo: Photo | None
    product: object | None = None


def _create_shop_for_slug(slug: str) -> Shop:
    """A live placeholder shop named after its slug, for bulk catalogue loads (--create-shops)."""
    provinces = [code for code, _name in geo.province_choices()]
    province = provinces[int(hashlib.sha256(slug.encode()).hexdigest(), 16) % len(provinces)]
    name = " ".join(word.capitalize() for word in slug.replace("-", " ").split())
    return shop_create_live(name=name[:120], slug=slug, province_code=province)


def import_products(
    *,
    rows: Iterable[tuple[int, dict[str, str]]],
    shop: Shop | None = None,
    create_shops: bool = False,
    image_root: Path | None = None,
    progress: Callable[[int], None] | None = None,
    trust_ocop_stars: bool = False,
) -> ImportReport:
    """Import rows as products; `shop` forces every row into that shop (a vendor's own import).

    OCOP stars normally come only from verified certificates (ocop.services); union staff
    loading a catalogue they vouch for pass trust_ocop_stars to take the ocop_stars column.
    """
    importer = _Importer(
        shop=shop, create_shops=create_shops, image_root=image_root, trust_ocop_stars=trust_ocop_stars
    )
    return importer.run(rows, progress)
