from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from marketplace.admin import ReadOnlyAdmin

from .models import OcopCertificate


@admin.register(OcopCertificate)
class OcopCertificateAdmin(ReadOnlyAdmin):
    """Read-only: certificates change only through their services, which keep products' stars right."""

    list_display = ["number", "shop", "stars", "status", "expires_on"]
    list_filter = ["status", "stars", "level"]
    search_fields = ["number", "shop__name"]
    list_select_related = ["shop"]
    exclude = ["scan"]  # a private file has no URL of its own: it opens through the mentors' view
    readonly_fields = ["scan_link"]

    @admin.display(description=_("Bản chụp"))
    def scan_link(self, certificate):
        if not certificate.scan:
            return "—"
        url = reverse("mentor:certificate-scan", kwargs={"pk": certificate.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, certificate.scan.name)
