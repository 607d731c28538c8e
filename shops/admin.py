from django.contrib import admin

from .models import MentorProvince, OcopCertificate, Shop, ShopMembership


class ShopMembershipInline(admin.TabularInline):
    model = ShopMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "province_code", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "phone"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "partner"]
    inlines = [ShopMembershipInline]


@admin.register(MentorProvince)
class MentorProvinceAdmin(admin.ModelAdmin):
    list_display = ["mentor", "province_code"]
    autocomplete_fields = ["mentor"]


@admin.register(OcopCertificate)
class OcopCertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates change only through their services, which keep products' stars right."""

    list_display = ["number", "shop", "stars", "status", "expires_on"]
    list_filter = ["status", "stars", "level"]
    search_fields = ["number", "shop__name"]
    list_select_related = ["shop"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
