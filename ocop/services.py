"""OCOP certificates: vendors record them, mentors verify or reject them, a daily job expires them.

A product's `ocop_stars` (what the storefront shows and filters on) is the highest stars of a
verified, unexpired certificate covering it; `ocop_stars_recompute` keeps it so and every
transition below calls it. Each transition locks the certificate row, checks its status and the
person, logs an event and emails after commit.
"""

import calendar
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from catalogue.images import MAX_UPLOAD_BYTES, ImageRejected, prepare_product_image
from marketplace.lifecycle import Lifecycle, TransitionRefused, require_text
from shops.models import Shop
from shops.permissions import can_review, is_mentor

from .models import CertificateEvent, CertificateStatus, OcopCertificate
from .scans import check_pdf_scan

Product = get_model("catalogue", "Product")

CERTIFICATE = Lifecycle(
    model=OcopCertificate,
    event_model=CertificateEvent,
    refusal=gettext_lazy("Không thể %(action)s: giấy chứng nhận đang ở trạng thái “%(status)s”."),
    notify_task="ocop.tasks.notify_certificate_event",
)

VALID_FOR_MONTHS = 36
FIRST_OCOP_YEAR = 2018  # the programme's first certificates
LONGEST_VALIDITY_YEARS = 10
REMINDER_DAYS = (60, 30)
SCAN_MAX_EDGE = 2400  # a certificate's small print must stay readable
SUBSTANCE = ("stars", "number", "level", "issued_on", "expires_on")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def clean_certificate_scan(data: bytes, *, name: str) -> ContentFile:
    """A PDF (checked by its content, not its name) or a photo cleaned like product photos."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
    stem = Path(name).stem or "giay-chung-nhan"
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Tệp PDF bị hỏng hoặc chưa tải lên hết."))
        check_pdf_scan(data)  # no JavaScript, attachments, XFA or HTML; readable and not encrypted
        return ContentFile(data, name=f"{stem}.pdf")
    try:
        return prepare_product_image(data, name=stem, max_edge=SCAN_MAX_EDGE)
    except ImageRejected as problem:
        raise ValidationError(
            _("Bản chụp phải là ảnh (JPEG, PNG, WebP, HEIC) hoặc tệp PDF. %(why)s") % {"why": problem}
        ) from problem


def ocop_stars_recompute(*, product_ids, today: datetime.date | None = None) -> int:
    """Set each product's ocop_stars to its best verified, unexpired certificate; returns how many changed."""
    today = today or timezone.localdate()
    valid = Q(ocop_certificates__status=CertificateStatus.VERIFIED, ocop_certificates__expires_on__gte=today)
    products = Product.objects.filter(pk__in=list(product_ids)).annotate(
        best=Max("ocop_certificates__stars", filter=valid)
    )
    changed = [product for product in products if product.ocop_stars != product.best]
    now = timezone.now()
    for product in changed:
        product.ocop_stars = product.best
        product.date_updated = now  # bulk_update sends no signal: this moves the storefront's cache key
    Product.objects.bulk_update(changed, ["ocop_stars", "date_updated"])
    return len(changed)


@dataclass(frozen=True)
class CertificateInput:
    stars: int
    number: str
    level: str
    issued_on: datetime.date
    expires_on: datetime.date | None
    product_ids: tuple[int, ...]
    scan: ContentFile | None = None


@transaction.atomic
def certificate_save(
    *, shop: Shop, actor, values: CertificateInput, certificate_id: int | None = None
) -> OcopCertificate:
    """Record a certificate, or edit one. A change of substance sends it back to the mentor."""
    if not shop.members.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của gian hàng này."))
    own_products = set(
        Product.objects.filter(shop=shop, pk__in=values.product_ids).values_list("pk", flat=True)
    )
    if own_products != set(values.product_ids):
        raise ValidationError({"products": _("Chỉ chọn được sản phẩm của gian hàng mình.")})
    if not own_products:
        raise ValidationError({"products": _("Hãy chọn ít nhất một sản phẩm được công nhận.")})
    if certificate_id is None:
        certificate = OcopCertificate(shop=shop, created_by=actor)
        before, old_products = None, set()
    else:
        certificate = OcopCertificate.objects.select_for_update().get(pk=certificate_id, shop=shop)
        before = {name: getattr(certificate, name) for name in SUBSTANCE}
        old_products = set(certificate.products.values_list("pk", flat=True))
    _check_dates(issued_on=values.issued_on, expires_on=values.expires_on)
    certificate.stars = values.stars
    certificate.number = values.number.strip()
    certificate.level = values.level
    certificate.issued_on = values.issued_on
    certificate.expires_on = values.expires_on or add_months(values.issued_on, VALID_FOR_MONTHS)
    if values.scan is not None:
        certificate.scan = values.scan  # written to storage only when the row is saved
    if not certificate.scan:
        raise ValidationError({"scan": _("Hãy tải lên bản chụp giấy chứng nhận.")})
    certificate.full_clean()
    changed = (
        before is None
        or values.scan is not None
        or old_products != own_products
        or before != {name: getattr(certificate, name) for name in SUBSTANCE}
    )
    if before is not None and before["expires_on"] != certificate.expires_on:
        certificate.reminded_60_at = certificate.reminded_30_at = None
    certificate.save()
    certificate.products.set(own_products)
    if before is None:
        CERTIFICATE.log(certificate, from_status="", to_status=CertificateStatus.PENDING, actor=actor)
    elif changed and certificate.status != CertificateStatus.PENDING:
        CERTIFICATE.move(
            certificate,
            to=CertificateStatus.PENDING,
            actor=actor,
            note=_("Đã sửa, chờ xác minh lại."),
            update_fields=["status", "updated_at"],
        )
    ocop_stars_recompute(product_ids=old_products | own_products)
    return certificate


def _check_dates(*, issued_on: datetime.date, expires_on: datetime.date | None) -> None:
    """Dates a real certificate can carry (a typo such as 9999 would otherwise overflow expiry sums)."""
    errors = {}
    if issued_on > timezone.localdate():
        errors["issued_on"] = _("Ngày cấp không thể sau hôm nay.")
    elif issued_on.year < FIRST_OCOP_YEAR:
        errors["issued_on"] = _("Chương trình OCOP bắt đầu từ năm 2018: hãy kiểm tra lại ngày cấp.")
    elif expires_on and expires_on.year > issued_on.year + LONGEST_VALIDITY_YEARS:
        errors["expires_on"] = _("Ngày hết hạn quá xa ngày cấp: hãy kiểm tra lại.")
    if errors:
        raise ValidationError(errors)


def _locked_for_review(certificate_id: int, *, mentor, allowed: tuple[str, ...], action: str):
    def authorize(certificate: OcopCertificate) -> None:
        if not is_mentor(mentor) or not can_review(mentor, certificate.shop):
            raise PermissionDenied(_("Gian hàng này không thuộc tỉnh/thành phố bạn phụ trách."))

    return CERTIFICATE.lock(
        certificate_id,
        allowed=allowed,
        action=action,
        authorize=authorize,
        queryset=OcopCertificate.objects.select_related("shop"),
    )


@transaction.atomic
def certificate_verify(
    *, certificate_id: int, mentor, note: str = "", today: datetime.date | None = None
) -> OcopCertificate:
    certificate = _locked_for_review(
        certificate_id, mentor=mentor, allowed=(CertificateStatus.PENDING,), action=_("xác minh")
    )
    if certificate.expires_on < (today or timezone.localdate()):
        raise TransitionRefused(_("Không thể xác minh: giấy chứng nhận đã hết hạn."))
    CERTIFICATE.move(
        certificate,
        to=CertificateStatus.VERIFIED,
        actor=mentor,
        note=note.strip(),
        update_fields=["status", "updated_at"],
    )
    ocop_stars_recompute(product_ids=certificate.products.values_list("pk", flat=True), today=today)
    return certificate


@transaction.atomic
def certificate_reject(*, certificate_id: int, mentor, reason: str) -> OcopCertificate:
    """Reject a pending certificate, or withdraw a verified one found to be wrong."""
    certificate = _locked_for_review(
        certificate_id,
        mentor=mentor,
        allowed=(CertificateStatus.PENDING, CertificateStatus.VERIFIED),
        action=_("từ chối"),
    )
    CERTIFICATE.move(
        certificate,
        to=CertificateStatus.REJECTED,
        actor=mentor,
        note=require_text(reason, why=_("Hãy ghi lý do.")),
        update_fields=["status", "updated_at"],
    )
    ocop_stars_recompute(product_ids=certificate.products.values_list("pk", flat=True))
    return certificate


def certificates_expire(*, today: datetime.date) -> int:
    """Certificates past their expiry date become expired, once; their products lose the stars."""
    expired = 0
    candidates = OcopCertificate.objects.filter(
        status__in=(CertificateStatus.VERIFIED, CertificateStatus.PENDING), expires_on__lt=today
    ).values_list("pk", flat=True)
    for certificate_id in list(candidates):
        with transaction.atomic():
            certificate = (
                OcopCertificate.objects.select_for_update()
                .filter(pk=certificate_id, expires_on__lt=today)
                .exclude(status__in=(CertificateStatus.EXPIRED, CertificateStatus.REJECTED))
                .first()
            )
            if certificate is None:  # renewed or expired by a concurrent run meanwhile
                continue
            CERTIFICATE.move(
                certificate, to=CertificateStatus.EXPIRED, update_fields=["status", "updated_at"]
            )
            ocop_stars_recompute(product_ids=certificate.products.values_list("pk", flat=True), today=today)
            expired += 1
    return expired


def certificates_expire_and_remind(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily job: expire what is past its date, then remind of what expires soon. Safe to rerun."""
    from .notifications import certificates_due_reminder, send_expiry_reminder

    today = today or timezone.localdate()
    done = {"expired": certificates_expire(today=today)}
    for days in sorted(REMINDER_DAYS):  # the 30-day reminder first: it makes the 60-day one moot
        due = certificates_due_reminder(today=today, days=days).values_list("pk", flat=True)
        done[f"reminded_{days}"] = sum(
            send_expiry_reminder(certificate_id=pk, days=days, today=today) for pk in list(due)
        )
    return done
