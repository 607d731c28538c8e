from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """The mentor centre (/mentor/): reviews, certificates and products of her provinces."""

    name = "mentoring"
    verbose_name = _("Cố vấn Hội")
