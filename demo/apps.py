from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """`manage.py seed_demo`: a live demo marketplace made through the real services."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
