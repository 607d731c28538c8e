"""Shops run by member entrepreneurs, and the mentors who review them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace import geo
from marketplace.accounts.phones import display_vn_phone, normalize_vn_phone
from marketplace.banks import bank_name
from marketplace.models import TransitionEvent
from marketplace.text import strip_diacritics


class ShopStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    CHANGES_REQUESTED = "changes_requested", _("Cần bổ sung")
    APPROVED = "approved", _("Đang hoạt động")
    REJECTED = "rejected", _("Bị từ chối")
    SUSPENDED = "suspended", _("Tạm ngừng")

    @classmethod
    def visible_statuses(cls) -> list[str]:
        """Statuses whose shop pages are up: live shops, and suspended ones with a notice."""
        return [cls.APPROVED, cls.SUSPENDED]


class ShopQuerySet(models.QuerySet):
    def live(self):
        """Shops buyers can see and buy from."""
        return self.filter(status=ShopStatus.APPROVED)

    def visible(self):
        """Shops whose pages are up: live ones, and suspended ones (with a notice)."""
        return self.filter(status__in=ShopStatus.visible_statuses())


class Shop(models.Model):
    name = models.CharField(_("Tên gian hàng"), max_length=120)
    slug = models.SlugField(_("Đường dẫn"), max_length=140, unique=True)
    story = models.TextField(_("Câu chuyện"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="shops/logos/%Y/%m/", blank=True)
    banner = models.ImageField(_("Ảnh bìa"), upload_to="shops/banners/%Y/%m/", blank=True)
    province_code = models.PositiveSmallIntegerField(
        _("Tỉnh/thành phố"), validators=[geo.validate_province_code], null=True, blank=True
    )
    ward_code = models.PositiveIntegerField(_("Phường/xã"), null=True, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=16, blank=True)
    union_chapter = models.CharField(_("Chi hội Phụ nữ"), max_length=160, blank=True)
    bank_bin = models.CharField(
        _("Ngân hàng"),
        help_text=_("Lưu mã BIN của ngân hàng theo danh sách NAPAS."),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("Mã BIN gồm 6 chữ số."))],
    )
    account_number = models.CharField(
        _("Số tài khoản"),
        max_length=19,
        blank=True,
        validators=[RegexValidator(r"^\d{6,19}$", _("Số tài khoản gồm 6 đến 19 chữ số."))],
    )
    account_holder = models.CharField(_("Chủ tài khoản"), max_length=100, blank=True)
    business_registration = models.CharField(_("Số đăng ký kinh doanh"), max_length=32, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ShopStatus.choices, default=ShopStatus.DRAFT
    )
    shipping_fee = models.PositiveIntegerField(
        _("Phí giao hàng (₫)"), default=30_000, help_text=_("Một mức phí cho mỗi đơn của gian hàng.")
    )
    free_shipping_from = models.PositiveIntegerField(
        _("Miễn phí giao hàng cho đơn từ (₫)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không miễn phí giao hàng."),
    )
    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("Đối tác Oscar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shop",
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="ShopMembership", related_name="shops")
    submitted_at = models.DateTimeField(_("Gửi duyệt lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gian hàng")
        verbose_name_plural = _("Gian hàng")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "province_code", "submitted_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shops:detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        """Banks print holders upper case without diacritics, and people type numbers with spaces:
        normalise before the field validators judge them."""
        self.account_holder = " ".join(strip_diacritics(self.account_holder).upper().split())
        self.account_number = re.sub(r"[\s.-]+", "", self.account_number)
        super().clean_fields(exclude=exclude)

    def clean(self):
        if self.phone:
            try:
                self.phone = normalize_vn_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from error
        if self.bank_bin and not bank_name(self.bank_bin):
            raise ValidationError({"bank_bin": _("Ngân hàng không có trong danh sách NAPAS.")})
        if self.ward_code:
            try:
                geo.validate_ward_in_province(ward_code=self.ward_code, province_code=self.province_code)
            except ValidationError as error:
                raise ValidationError({"ward_code": error.messages}) from error

    @property
    def province_name(self) -> str:
        return geo.province_name(self.province_code)

    @property
    def ward_name(self) -> str:
        return geo.ward_name(self.ward_code)

    @property
    def display_phone(self) -> str:
        return display_vn_phone(self.phone)

    @property
    def bank_name(self) -> str:
        return bank_name(self.bank_bin)

    @property
    def is_live(self) -> bool:
        return self.status == ShopStatus.APPROVED


class ShopMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Chủ gian hàng")
        MEMBER = "member", _("Thành viên")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shop_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "user"], name="one_membership_per_user_and_shop")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.shop}"


class MentorProvince(models.Model):
    """A Women's Union mentor acts only in the provinces assigned to her here."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_provinces"
    )
    province_code = models.PositiveSmallIntegerField(
        _("Tỉnh/thành phố"), validators=[geo.validate_province_code]
    )

    class Meta:
        verbose_name = _("Địa bàn cố vấn")
        verbose_name_plural = _("Địa bàn cố vấn")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "province_code"], name="one_row_per_mentor_and_province"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {geo.province_name(self.province_code)}"


class ShopReviewEvent(TransitionEvent):
    """The append-only review log of a shop: who moved it from which status to which, when and why."""

    subject = "shop"

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="review_events")
    from_status = models.CharField(max_length=20, choices=ShopStatus.choices)
    to_status = models.CharField(max_length=20, choices=ShopStatus.choices)
    field_comments = models.JSONField(_("Góp ý từng mục"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Nhật ký duyệt")
        verbose_name_plural = _("Nhật ký duyệt")

    def labelled_field_comments(self) -> list[tuple[str, str, str]]:
        """The mentor's comments as (field name, field label, comment), for pages and emails."""
        return [
            (name, str(Shop._meta.get_field(name).verbose_name), comment)
            for name, comment in self.field_comments.items()
        ]


class ShopInvitation(models.Model):
    """An invitation to help run a shop, for a phone number or an email that may not have an account yet."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="invitations")
    phone = models.CharField(max_length=16, blank=True)
    email = models.EmailField(blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""), name="invitation_has_phone_or_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phone or self.email} → {self.shop}"
