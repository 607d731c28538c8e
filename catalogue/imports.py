"""Product imports run by a Celery worker: start one, and run it exactly once even if redelivered."""

import logging
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shops.models import Shop

from .importing import ImportFileError, import_products, read_rows
from .models import ProductImport

logger = logging.getLogger(__name__)

STALL_GRACE = timedelta(minutes=5)
UNEXPECTED_FAILURE = gettext_noop(
    "Có lỗi khi nhập tệp. Các dòng đã lưu vẫn giữ nguyên; chị thử nhập lại, nếu vẫn lỗi hãy báo cán bộ Hội."
)
STALLED_FAILURE = gettext_noop(
    "Việc nhập bị gián đoạn. Các dòng đã lưu vẫn giữ nguyên; chị thử nhập lại tệp."
)


@transaction.atomic
def product_import_start(*, file: UploadedFile, uploaded_by, shop: Shop | None = None) -> ProductImport:
    """Store the file and queue the import once the upload is committed."""
    from .tasks import run_product_import

    product_import = ProductImport(shop=shop, uploaded_by=uploaded_by)
    product_import.file.save(Path(file.name).name, file, save=False)
    product_import.full_clean()
    product_import.save()
    run_product_import.delay_on_commit(product_import.pk)
    return product_import


def _claim(*, import_id: int) -> ProductImport | None:
    """queued -> running under a row lock; a run whose worker died (past the time limit) is retaken."""
    stale_before = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    with transaction.atomic():
        product_import = ProductImport.objects.select_for_update().filter(pk=import_id).first()
        if product_import is None:
            return None
        retake = product_import.status == ProductImport.Status.RUNNING and (
            product_import.started_at is None or product_import.started_at < stale_before
        )
        if product_import.status != ProductImport.Status.QUEUED and not retake:
            return None
        product_import.status = ProductImport.Status.RUNNING
        product_import.started_at = timezone.now()
        product_import.save(update_fields=["status", "started_at"])
    return product_import


def product_import_run(*, import_id: int) -> ProductImport | None:
    """Run a queued import; a second delivery of the same task does nothing. It always ends: done,
    or failed with a reason the vendor can read."""
    product_import = _claim(import_id=import_id)
    if product_import is None:
        return None
    imports = ProductImport.objects.filter(pk=import_id)
    try:
        outcome = _import(product_import, imports)
    except ImportFileError as problem:
        outcome = {"status": ProductImport.Status.FAILED, "failure": str(problem)}
    except Exception:  # a bug or an outage must never leave her watching "Đang nhập" for ever
        logger.exception("product import %s failed", import_id)
        outcome = {"status": ProductImport.Status.FAILED, "failure": _(UNEXPECTED_FAILURE)}
    imports.update(finished_at=timezone.now(), **outcome)
    return imports.get()


def _import(product_import: ProductImport, imports) -> dict:
    with product_import.file.open("rb") as handle:
        rows = list(read_rows(handle.read(), filename=product_import.file.name))
    imports.update(total_rows=len(rows))
    report = import_products(
        rows=rows,
        shop=product_import.shop,
        progress=lambda processed: imports.update(processed_rows=processed),
    )
    return {
        "status": ProductImport.Status.DONE,
        "processed_rows": report.processed,
        "created_count": report.created,
        "updated_count": report.updated,
        "unchanged_count": report.unchanged,
        "rejected_rows": [asdict(error) for error in sorted(report.errors, key=lambda error: error.line)],
    }


def product_imports_fail_stalled(*, now: datetime | None = None) -> int:
    """Imports whose worker died mid-run (killed past the time limit, the machine restarted) end
    as failed instead of running for ever; safe to run twice."""
    now = now or timezone.now()
    stalled_before = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) - STALL_GRACE
    return ProductImport.objects.filter(
        status=ProductImport.Status.RUNNING, started_at__lt=stalled_before
    ).update(status=ProductImport.Status.FAILED, failure=_(STALLED_FAILURE), finished_at=now)
