import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.money import WholeNumberField

MAX_REFUND = 10_000_000_000  # the check is the payment's own refund due; this only bounds typing


class TransferAssignForm(forms.Form):
    order_number = forms.CharField(label=_("Số đơn hàng"), max_length=32)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


def _note_field(*, label, help_text) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=300, widget=forms.Textarea(attrs={"rows": 2}), help_text=help_text
    )


class ConfirmByHandForm(forms.Form):
    note = _note_field(
        label=_("Ghi chú"), help_text=_("Ví dụ: mã giao dịch trên sao kê ngân hàng, ai đã kiểm tra.")
    )


class CancelPaymentForm(forms.Form):
    note = _note_field(label=_("Lý do huỷ"), help_text=_("Người mua đọc được lý do này trong email báo huỷ."))


class RecordRefundForm(forms.Form):
    amount = WholeNumberField(label=_("Số tiền đã hoàn (₫)"), maximum=MAX_REFUND, minimum=1)
    note = forms.CharField(
        label=_("Mã giao dịch hoàn tiền"),
        max_length=300,
        help_text=_("Mã trên sao kê ngân hàng của lần chuyển trả, để đối soát."),
    )


class CardRefundForm(forms.Form):
    """Give what the buyer is owed back to her card: nothing to type, Stripe knows the card."""


class PercentField(forms.CharField):
    """A percentage as people type it ("5", "2,5", "2.5 %", "0"), cleaned to basis points (250)."""

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = "".join(text.split()).removesuffix("%").replace(",", ".")
        if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,2})?", text):
            raise ValidationError(
                _("Nhập tỷ lệ phần trăm, ví dụ 5 hoặc 2,5 (nhiều nhất hai chữ số sau dấu phẩy)."),
                code="invalid",
            )
        rate_bp = int(Decimal(text) * 100)
        if rate_bp > 10_000:
            raise ValidationError(_("Tỷ lệ phải từ 0 % đến 100 %."), code="max_value")
        return rate_bp


class CommissionRateForm(forms.Form):
    rate_bp = PercentField(
        label=_("Tỷ lệ hoa hồng (%)"),
        help_text=_("Ví dụ: 5 hoặc 2,5. Nhập 0 để không thu hoa hồng của gian hàng này."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 10}),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=300,
        help_text=_("Vì sao đổi, theo quyết định nào. Ghi chú được lưu cùng lịch sử."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
