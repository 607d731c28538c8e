from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellerConfig(AppConfig):
    """The vendor centre (/seller/): her shop, products, certificates, orders and shipping fee."""

    name = "seller"
    verbose_name = _("Kênh người bán")
