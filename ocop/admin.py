from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import OcopCertificate


@admin.register(OcopCertificate)
class OcopCertificateAdmin(ReadOnlyAdmin):
    """Read-only: certificates change only through their services, which keep products' stars right."""

    list_display = ["number", "shop", "stars", "status", "expires_on"]
    list_filter = ["status", "stars", "level"]
    search_fields = ["number", "shop__name"]
    list_select_related = ["shop"]
