"""People sign in with a Vietnamese phone number or an email address; either may be missing."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser, UserManager as OscarUserManager

from .phones import display_vn_phone, normalize_vn_phone


class UserManager(OscarUserManager):
    def create_user(self, email=None, password=None, *, phone=None, **extra_fields):
        """Like Oscar's, but a phone number alone is enough."""
        if not email and not phone:
            raise ValueError("A user needs a phone number or an email address")
        user = self.model(
            email=self.normalize_email(email) if email else None,
            phone=normalize_vn_phone(phone) if phone else None,
            **extra_fields,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    email = models.EmailField(_("Email"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("Số điện thoại"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Lưu theo dạng quốc tế, ví dụ +84912345678."),
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_phone_or_email",
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.display_phone

    def clean(self):
        # Not super().clean(): it would normalise a username that may be None here.
        self.email = type(self).objects.normalize_email(self.email) if self.email else None
        self.phone = normalize_vn_phone(self.phone) if self.phone else None

    def save(self, *args, **kwargs):
        # Blank strings would collide on the unique indexes ("no value" is NULL), and a phone is
        # stored in one canonical form so that every way of typing it finds the same person.
        self.email = self.email or None
        self.phone = normalize_vn_phone(self.phone) if self.phone else None
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        """Vietnamese order: family name first ("Phạm Thị Thu"); people are called by the given name."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def display_phone(self) -> str:
        return display_vn_phone(self.phone or "")
