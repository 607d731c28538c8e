from django import forms
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
