from django import forms
from django.utils.translation import gettext_lazy as _


class TransferAssignForm(forms.Form):
    order_number = forms.CharField(label=_("Số đơn hàng"), max_length=32)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class ConfirmByHandForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: mã giao dịch trên sao kê ngân hàng, ai đã kiểm tra."),
    )
