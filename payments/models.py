"""Payments, the bank transfers that settle them, and the raw webhook calls that report transfers.

Every amount is a whole number of dong. A payment changes only through payments/transitions.py,
which locks its row and logs a PaymentEvent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .providers import provider_choices


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ chuyển khoản")
    PARTIALLY_PAID = "partially_paid", _("Đã trả một phần")
    PAID = "paid", _("Đã thanh toán")
    EXPIRED = "expired", _("Hết hạn")
    CANCELLED = "cancelled", _("Đã huỷ")

    @classmethod
    def open_statuses(cls) -> list[str]:
        """A transfer for a payment in these statuses still counts towards its order."""
        return [cls.PENDING, cls.PARTIALLY_PAID]


class Payment(models.Model):
    """One payment per order: the buyer pays the marketplace's collection account once."""

    class Method(models.TextChoices):
        VIETQR = "vietqr", _("Chuyển khoản VietQR")

    order = models.OneToOneField("order.Order", related_name="payment", on_delete=models.PROTECT)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.VIETQR)
    reference = models.CharField(_("Mã thanh toán"), max_length=16, unique=True)
    amount_due = models.PositiveBigIntegerField(_("Số tiền phải trả (₫)"))
    amount_received = models.PositiveBigIntegerField(_("Đã nhận (₫)"), default=0)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    expires_at = models.DateTimeField(_("Hết hạn lúc"))
    paid_at = models.DateTimeField(null=True, blank=True)
    refund_due = models.PositiveBigIntegerField(
        _("Cần hoàn lại (₫)"),
        default=0,
        help_text=_(
            "Tiền trả thừa, tiền của phần đơn bị huỷ, hoặc chuyển khoản đến khi đơn đã huỷ hay hết hàng."
        ),
    )
    amount_refunded = models.PositiveBigIntegerField(_("Đã hoàn lại (₫)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Thanh toán")
        verbose_name_plural = _("Thanh toán")
        indexes = [models.Index(fields=["status", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_received__gte=models.F("refund_due") + models.F("amount_refunded")),
                name="payment_never_owes_back_more_than_it_received",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def amount_kept(self) -> int:
        """What was received and counts towards the order: neither owed back nor given back."""
        return self.amount_received - self.refund_due - self.amount_refunded

    @property
    def amount_remaining(self) -> int:
        return max(self.amount_due - self.amount_kept, 0)

    @property
    def is_open(self) -> bool:
        return self.status in PaymentStatus.open_statuses()


class PaymentEvent(models.Model):
    """Append-only log of every change of a payment: who or what, when, why, with which transfer."""

    payment = models.ForeignKey(Payment, related_name="events", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=20, choices=PaymentStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PaymentStatus.choices)
    amount = models.BigIntegerField(default=0)
    transfer = models.ForeignKey(
        "BankTransfer", null=True, blank=True, on_delete=models.PROTECT, related_name="payment_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.from_status or '∅'} → {self.to_status}"


class TransferOutcome(models.TextChoices):
    NEW = "new", _("Chưa xử lý")
    PAID = "paid", _("Đủ tiền")
    PARTIAL = "partial", _("Thiếu tiền")
    OVERPAID = "overpaid", _("Thừa tiền")
    LATE_REINSTATED = "late_reinstated", _("Đến muộn, đơn được khôi phục")
    LATE_REFUND = "late_refund", _("Đến muộn, cần hoàn tiền")
    ALREADY_PAID = "already_paid", _("Đơn đã thanh toán, cần hoàn tiền")
    CANCELLED_REFUND = "cancelled_refund", _("Đơn đã huỷ, cần hoàn tiền")
    UNMATCHED = "unmatched", _("Chưa khớp đơn")
    OUTGOING = "outgoing", _("Tiền ra")
    OTHER_ACCOUNT = "other_account", _("Không phải tài khoản thu")


class BankTransfer(models.Model):
    """One movement on the collection account, as a bank feed reported it; counted once, ever."""

    provider = models.CharField(max_length=10, choices=provider_choices)
    provider_transaction_id = models.CharField(max_length=64)
    incoming = models.BooleanField(default=True)
    amount = models.PositiveBigIntegerField(_("Số tiền (₫)"))
    memo = models.TextField(_("Nội dung chuyển khoản"), blank=True)
    account_number = models.CharField(max_length=32, blank=True)
    bank_reference = models.CharField(max_length=64, blank=True)
    occurred_at = models.DateTimeField(_("Thời điểm giao dịch"), null=True, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    outcome = models.CharField(
        _("Kết quả"), max_length=20, choices=TransferOutcome.choices, default=TransferOutcome.NEW
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Giao dịch ngân hàng")
        verbose_name_plural = _("Giao dịch ngân hàng")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_transaction_id"], name="one_transfer_per_provider_id"
            )
        ]
        indexes = [models.Index(fields=["outcome", "received_at"])]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} {self.provider_transaction_id}"


class WebhookCall(models.Model):
    """A bank feed's request exactly as it came, stored before anything else happens."""

    provider = models.CharField(max_length=10, choices=provider_choices)
    headers = models.JSONField(default=dict)
    body = models.TextField()
    valid = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    transfer = models.ForeignKey(
        BankTransfer, null=True, blank=True, on_delete=models.SET_NULL, related_name="webhook_calls"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider} #{self.pk} ({'hợp lệ' if self.valid else 'bị từ chối'})"
