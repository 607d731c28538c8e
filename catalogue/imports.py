"""Product imports run by a Celery worker: start one, and run it exactly once even if redelivered."""

from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from shops.models import Shop

from .importing import ImportFileError, import_products, read_rows
from .models import ProductImport


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
    """Run a queued import; a second delivery of the same task does nothing."""
    product_import = _claim(import_id=import_id)
    if product_import is None:
        return None
    imports = ProductImport.objects.filter(pk=import_id)
    try:
        with product_import.file.open("rb") as handle:
            rows = list(read_rows(handle.read(), filename=product_import.file.name))
    except ImportFileError as problem:
        imports.update(status=ProductImport.Status.FAILED, failure=str(problem), finished_at=timezone.now())
        return imports.get()
    imports.update(total_rows=len(rows))
    report = import_products(
        rows=rows,
        shop=product_import.shop,
        progress=lambda processed: imports.update(processed_rows=processed),
    )
    imports.update(
        status=ProductImport.Status.DONE,
        processed_rows=report.processed,
        created_count=report.created,
        updated_count=report.updated,
        unchanged_count=report.unchanged,
        rejected_rows=[asdict(error) for error in sorted(report.errors, key=lambda error: error.line)],
        finished_at=timezone.now(),
    )
    return imports.get()
