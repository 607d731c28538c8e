from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403

from marketplace.admin import ReadOnlyAdmin

from .models import ShopOrder, ShopOrderEvent


class ShopOrderEventInline(admin.TabularInline):
    model = ShopOrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "note", "notified_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ShopOrder)
class ShopOrderAdmin(ReadOnlyAdmin):
    """Each shop's part of an order, read-only: it moves only through order.transitions."""

    list_display = [
        "__str__",
        "shop",
        "status",
        "items_total",
        "shipping_fee",
        "carrier",
        "tracking_number",
        "created_at",
    ]
    list_filter = ["status", "carrier"]
    search_fields = ["order__number", "shop__name", "tracking_number"]
    list_select_related = ["order", "shop"]
    inlines = [ShopOrderEventInline]
