"""Thin fork of Oscar's catalogue: a product belongs to exactly one shop."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


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


from oscar.apps.catalogue.models import *  # noqa: E402,F403
