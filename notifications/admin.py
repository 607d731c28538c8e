from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ("channel", "status", "attempts", "detail", "updated_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """The delivery log: each event, whom it reached, on which channel, with what outcome."""

    list_display = ("created_at", "headline", "topic", "user", "phone", "email", "read_at", "delivered_at")
    list_filter = ("topic", "deliveries__channel", "deliveries__status")
    search_fields = ("headline", "source", "phone", "email")
    exclude = ("short_code", "email_body")  # the code opens her link; the body holds guest order links
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("updated_at", "notification", "channel", "status", "attempts", "detail")
    list_filter = ("channel", "status")
    list_select_related = ("notification",)
