from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """Double-entry books of every đồng the marketplace holds, owes and earns."""

    name = "ledger"
    verbose_name = _("Sổ cái")
