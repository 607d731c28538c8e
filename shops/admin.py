from django.contrib import admin

from .models import MentorProvince, Shop, ShopMembership


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
