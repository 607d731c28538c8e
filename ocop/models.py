"""OCOP certificates that vendors record and mentors verify.

The tables were created by the shops app before OCOP became an app of its own; they keep their
names (`db_table`), so existing databases moved over without copying a row.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.models import TransitionEvent
from marketplace.private_files import private_storage


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác minh")
    VERIFIED = "verified", _("Đã xác minh")
    REJECTED = "rejected", _("Bị từ chối")
    EXPIRED = "expired", _("Hết hạn")


class OcopCertificate(models.Model):
    """An OCOP certificate a vendor recorded; its stars show on the products it covers once verified."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Cấp trung ương")

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="ocop_certificates")
    stars = models.PositiveSmallIntegerField(_("Số sao"), choices=[(3, "3★"), (4, "4★"), (5, "5★")])
    number = models.CharField(_("Số giấy chứng nhận"), max_length=60)
    level = models.CharField(_("Cấp công nhận"), max_length=10, choices=Level.choices)
    issued_on = models.DateField(_("Ngày cấp"))
    expires_on = models.DateField(_("Ngày hết hạn"))
    # private: the shop's members, its province's mentors and union staff see it (shops.permissions)
    scan = models.FileField(
        _("Bản chụp/scan giấy chứng nhận"), upload_to="ocop/%Y/%m/", storage=private_storage
    )
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("Sản phẩm được công nhận"), related_name="ocop_certificates"
    )
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.PENDING
    )
    reminded_60_at = models.DateTimeField(null=True, blank=True)
    reminded_30_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "shops_ocopcertificate"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Giấy chứng nhận OCOP")
        verbose_name_plural = _("Giấy chứng nhận OCOP")
        indexes = [models.Index(fields=["status", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"OCOP {self.stars}★ {self.number}"

    def clean(self):
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            raise ValidationError({"expires_on": _("Ngày hết hạn phải sau ngày cấp.")})


class CertificateEvent(TransitionEvent):
    """The append-only log of a certificate: recorded, verified, rejected, expired."""

    subject = "certificate"

    certificate = models.ForeignKey(OcopCertificate, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=CertificateStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CertificateStatus.choices)

    class Meta:
        db_table = "shops_certificateevent"
        ordering = ["-created_at", "-pk"]
