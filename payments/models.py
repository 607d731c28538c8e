"""Payments, the bank transfers that settle them, and the raw webhook calls that report transfers.

Every amount is a whole number of dong. A payment changes only through payments/transitions.py,
which locks its row and logs a PaymentEvent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.models import TransitionEvent

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
        CARD = "card", _("Thẻ quốc tế")

    class PaidBy(models.TextChoices):
        """What completed the payment: the Union's reports count the cashless share by it."""

        FEED = "feed", _("Ngân hàng tự xác nhận")
        HAND = "hand", _("Cán bộ xác nhận tay")
        CARD = "card", _("Thẻ")

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
    paid_by = models.CharField(_("Xác nhận bởi"), max_length=4, choices=PaidBy.choices, blank=True)
    refund_due = models.PositiveBigIntegerField(
        _("Cần hoàn lại (₫)"),
        default=0,
        help_text=_(
            "Tiền trả thừa, tiền của phần đơn bị huỷ, hoặc chuyển khoản đến khi đơn đã huỷ hay hết hàng."
        ),
    )
    amount_refunded = models.PositiveBigIntegerField(_("Đã hoàn lại (₫)"), default=0)
    awaiting_feed = models.PositiveBigIntegerField(
        _("Xác nhận tay, chưa thấy trên sao kê (₫)"),
        default=0,
        help_text=_(
            "Tiền cán bộ xác nhận tay; chuyển khoản đó về sau đến qua sao kê thì không tính hai lần."
        ),
    )
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


class PaymentEvent(TransitionEvent):
    """Append-only log of every change of a payment: who or what, when, why, with which transfer."""

    subject = "payment"

    payment = models.ForeignKey(Payment, related_name="events", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=20, choices=PaymentStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PaymentStatus.choices)
    amount = models.BigIntegerField(default=0)
    transfer = models.ForeignKey(
        "BankTransfer", null=True, blank=True, on_delete=models.PROTECT, related_name="payment_events"
    )

    class Meta:
        ordering = ["created_at", "pk"]


class TransferOutcome(models.TextChoices):
    NEW = "new", _("Chưa xử lý")
    PAID = "paid", _("Đủ tiền")
    PARTIAL = "partial", _("Thiếu tiền")
    OVERPAID = "overpaid", _("Thừa tiền")
    LATE_REINSTATED = "late_reinstated", _("Đến muộn, đơn được khôi phục")
    LATE_REFUND = "late_refund", _("Đến muộn, cần hoàn tiền")
    ALREADY_PAID = "already_paid", _("Đơn đã thanh toán, cần hoàn tiền")
    CANCELLED_REFUND = "cancelled_refund", _("Đơn đã huỷ, cần hoàn tiền")
    CONFIRMED_EARLIER = "confirmed_earlier", _("Đã được xác nhận tay trước đó")
    UNMATCHED = "unmatched", _("Chưa khớp đơn")
    OUTGOING = "outgoing", _("Tiền ra chưa rõ lý do")
    REFUND_SENT = "refund_sent", _("Hoàn tiền cho người mua")
    PAYOUT_SENT = "payout_sent", _("Chi trả cho gian hàng")
    PAYOUT_MISMATCH = "payout_mismatch", _("Chi trả sai số tiền")
    PAYOUT_RETURNED = "payout_returned", _("Chi trả bị ngân hàng trả lại")
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
    bank_transaction = models.CharField(
        max_length=160,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "Tài khoản, chiều, số tiền và mã giao dịch của ngân hàng: một giao dịch thật, dù nguồn nào báo."
        ),
    )
    counter_account_number = models.CharField(_("Tài khoản đối ứng"), max_length=32, blank=True)
    counter_account_name = models.CharField(_("Tên tài khoản đối ứng"), max_length=120, blank=True)
    counter_bank_name = models.CharField(_("Ngân hàng đối ứng"), max_length=120, blank=True)
    occurred_at = models.DateTimeField(_("Thời điểm giao dịch"), null=True, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    payout = models.ForeignKey(
        "Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
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
    """A provider's request exactly as it came, stored before anything else happens. A card
    processor's event is kept once by its id (`event_id`) and processed once (`processed_at`)."""

    provider = models.CharField(max_length=10, choices=provider_choices)
    headers = models.JSONField(default=dict)
    body = models.TextField()
    valid = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    transfer = models.ForeignKey(
        BankTransfer, null=True, blank=True, on_delete=models.SET_NULL, related_name="webhook_calls"
    )
    event_id = models.CharField(max_length=64, null=True, blank=True)
    event_type = models.CharField(max_length=64, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"],
                condition=models.Q(event_id__isnull=False),
                name="one_call_per_provider_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} #{self.pk} ({'hợp lệ' if self.valid else 'bị từ chối'})"


class CommissionRate(models.Model):
    """The share of a shop's items the marketplace keeps, from `starts_at` on; a shop order keeps
    the rate in force when it was paid. Rates are in basis points (500 = 5 %)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="commission_rates")
    rate_bp = models.PositiveIntegerField(_("Tỷ lệ (phần vạn)"))
    starts_at = models.DateTimeField(_("Áp dụng từ"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("Ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("Phí hoa hồng")
        verbose_name_plural = _("Phí hoa hồng")
        constraints = [
            models.CheckConstraint(condition=models.Q(rate_bp__lte=10_000), name="commission_at_most_all")
        ]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.rate_bp / 100:g} %"


class PayoutStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", _("Đang chuyển")
    SENT = "sent", _("Đã chuyển")
    MISMATCH = "mismatch", _("Sai số tiền, cần kiểm tra")
    RETURNED = "returned", _("Bị trả lại")


class PayoutBatch(models.Model):
    """The payouts union staff made in one step, to send from the Union's bank one by one or in bulk."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Đợt chi trả")
        verbose_name_plural = _("Đợt chi trả")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Payout(models.Model):
    """A shop's available money on its way to her bank account; the bank feed closes it."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="payouts")
    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    amount = models.PositiveBigIntegerField(_("Số tiền (₫)"))
    reference = models.CharField(_("Mã chi trả"), max_length=16, unique=True)
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=PayoutStatus.choices, default=PayoutStatus.IN_TRANSIT
    )
    bank_bin = models.CharField(max_length=6)
    account_number = models.CharField(max_length=19)
    account_holder = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Khoản chi trả")
        verbose_name_plural = _("Khoản chi trả")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_is_money")]

    def __str__(self) -> str:
        return self.reference


class PayoutEvent(TransitionEvent):
    """Append-only log of a payout: made, sent, sent with the wrong amount, returned."""

    subject = "payout"

    payout = models.ForeignKey(Payout, related_name="events", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=12, choices=PayoutStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PayoutStatus.choices)
    transfer = models.ForeignKey(
        BankTransfer, null=True, blank=True, on_delete=models.PROTECT, related_name="payout_events"
    )

    class Meta:
        ordering = ["created_at", "pk"]


class CardStatus(models.TextChoices):
    """Where a card payment stands at the processor (Stripe's PaymentIntent statuses)."""

    REQUIRES_PAYMENT_METHOD = "requires_payment_method", _("Chờ nhập thẻ")
    REQUIRES_CONFIRMATION = "requires_confirmation", _("Chờ xác nhận")
    REQUIRES_ACTION = "requires_action", _("Chờ xác thực 3-D Secure")
    PROCESSING = "processing", _("Đang xử lý")
    SUCCEEDED = "succeeded", _("Thành công")
    CANCELED = "canceled", _("Đã huỷ")


class CardPayment(models.Model):
    """One attempt to pay a payment by card (a Stripe PaymentIntent). No card data is ever here:
    the buyer typed it into Stripe's own form. Its money counts towards the payment once, when the
    signed webhook says it succeeded (`credited`)."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="card_payments")
    provider = models.CharField(max_length=10, default="stripe")
    intent_id = models.CharField(max_length=64, unique=True)
    client_secret = models.CharField(max_length=200)
    amount = models.PositiveBigIntegerField(_("Số tiền (₫)"))
    status = models.CharField(
        _("Trạng thái"), max_length=30, choices=CardStatus.choices, default=CardStatus.REQUIRES_PAYMENT_METHOD
    )
    failure_message = models.CharField(max_length=300, blank=True)
    charge_id = models.CharField(max_length=64, blank=True)
    credited = models.BooleanField(default=False)
    fee = models.PositiveBigIntegerField(_("Phí thẻ (₫)"), default=0)
    amount_refunded = models.PositiveBigIntegerField(_("Đã hoàn về thẻ (₫)"), default=0)
    dispute_id = models.CharField(max_length=64, blank=True)
    disputed_amount = models.PositiveBigIntegerField(default=0)
    disputed_at = models.DateTimeField(_("Khiếu nại lúc"), null=True, blank=True)
    dispute_outcome = models.CharField(
        _("Kết quả khiếu nại"),
        max_length=4,
        blank=True,
        choices=[
            ("won", _("Hội thắng: Stripe trả lại tiền")),
            ("lost", _("Chủ thẻ thắng: tiền đã hoàn cho chủ thẻ")),
        ],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Thanh toán thẻ")
        verbose_name_plural = _("Thanh toán thẻ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_refunded__lte=models.F("amount")),
                name="card_refunds_within_the_charge",
            )
        ]

    def __str__(self) -> str:
        return self.intent_id

    @property
    def refundable(self) -> int:
        return self.amount - self.amount_refunded if self.credited else 0


class CardRefund(models.Model):
    """Money given back to a card, once per refund id: by our Refund API call, or seen on a webhook."""

    card_payment = models.ForeignKey(CardPayment, on_delete=models.PROTECT, related_name="refunds")
    refund_id = models.CharField(max_length=64, unique=True)
    amount = models.PositiveBigIntegerField(_("Số tiền (₫)"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.refund_id
