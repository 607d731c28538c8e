"""Thin fork of Oscar's catalogue: a product belongs to exactly one shop; products are imported from
files and can be hidden by the Union.

ProductImport and ProductHide were created by the shops app; their tables keep their names.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from marketplace.private_files import private_storage


class Product(AbstractProduct):
    shop = models.ForeignKey(
        "shops.Shop",
        verbose_name=_("Gian hàng"),
        related_name="products",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Trống với sản phẩm con (biến thể): chúng thuộc gian hàng của sản phẩm cha."),
    )
    ocop_stars = models.PositiveSmallIntegerField(
        _("Số sao OCOP"),
        null=True,
        blank=True,
        choices=[(3, "3★"), (4, "4★"), (5, "5★")],
    )

    class Meta(AbstractProduct.Meta):
        indexes = [models.Index(fields=["shop", "is_public"])]


class ProductImport(models.Model):
    """A product file uploaded to be imported by a Celery worker, with its progress and rejected rows."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Thất bại")

    shop = models.ForeignKey(
        "shops.Shop", null=True, blank=True, on_delete=models.CASCADE, related_name="product_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # private: only the shop's members and union staff may download it (seller:product-import-file)
    file = models.FileField(upload_to="imports/%Y/%m/", storage=private_storage)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_rows = models.JSONField(default=list, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "shops_productimport"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.get_status_display()})"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ProductHide(models.Model):
    """A product hidden by union staff or a mentor, with why; while it stands the vendor cannot show it."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="staff_hides")
    reason = models.TextField(_("Lý do"))
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "shops_producthide"
        ordering = ["-hidden_at", "-pk"]
        verbose_name = _("Sản phẩm bị Hội ẩn")
        verbose_name_plural = _("Sản phẩm bị Hội ẩn")
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=models.Q(lifted_at=None), name="one_standing_hide_per_product"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.reason[:40]}"


from oscar.apps.catalogue.models import *  # noqa: E402,F403
