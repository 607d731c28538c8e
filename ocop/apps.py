from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopConfig(AppConfig):
    name = "ocop"
    verbose_name = _("Chứng nhận OCOP")
