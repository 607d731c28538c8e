"""Read-only views of money records: they change only through payments.transitions."""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import BankTransfer, Payment, PaymentEvent, WebhookCall


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "from_status", "to_status", "amount", "transfer", "actor", "note"]
    fields = readonly_fields


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "order",
        "status",
        "amount_due",
        "amount_received",
        "refund_due",
        "expires_at",
    ]
    list_filter = ["status"]
    search_fields = ["reference", "order__number"]
    inlines = [PaymentEventInline]


@admin.register(BankTransfer)
class BankTransferAdmin(ReadOnlyAdmin):
    list_display = [
        "provider",
        "provider_transaction_id",
        "amount",
        "incoming",
        "outcome",
        "payment",
        "received_at",
    ]
    list_filter = ["provider", "outcome", "incoming"]
    search_fields = ["provider_transaction_id", "memo", "payment__reference"]


@admin.register(WebhookCall)
class WebhookCallAdmin(ReadOnlyAdmin):
    list_display = ["provider", "valid", "error", "transfer", "received_at"]
    list_filter = ["provider", "valid"]
