"""The one-page checkout's delivery form: Vietnamese phone, 2025 province and ward, street."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace import geo
from marketplace.accounts.phones import normalize_vn_phone

from .services import Delivery


class DeliveryForm(forms.Form):
    name = forms.CharField(
        label=_("Họ tên người nhận"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Người giao hàng gọi số này."),
    )
    province_code = forms.TypedChoiceField(label=_("Tỉnh/thành phố"), coerce=int)
    ward_code = forms.TypedChoiceField(label=_("Phường/xã"), coerce=int)
    street = forms.CharField(
        label=_("Số nhà, đường, thôn/xóm"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    email = forms.EmailField(
        label=_("Email (không bắt buộc)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Để nhận xác nhận đơn hàng và thanh toán."),
    )
    note = forms.CharField(
        label=_("Ghi chú cho người bán (không bắt buộc)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("Chọn tỉnh/thành phố"))] + geo.province_choices()
        province = geo.province_code_from(
            self.data.get(self.add_prefix("province_code")) or self.initial.get("province_code")
        )
        wards = geo.ward_choices(province) if province else []
        self.fields["ward_code"].choices = [("", _("Chọn phường/xã"))] + wards

    def clean_phone(self) -> str:
        return normalize_vn_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province_code"), cleaned.get("ward_code")
        if province and ward:
            try:
                geo.validate_ward_in_province(ward_code=ward, province_code=province)
            except ValidationError as error:
                self.add_error("ward_code", error)
        return cleaned

    def delivery(self) -> Delivery:
        data = self.cleaned_data
        return Delivery(
            name=" ".join(data["name"].split()),
            phone=data["phone"],
            province_code=data["province_code"],
            ward_code=data["ward_code"],
            street=" ".join(data["street"].split()),
            email=data["email"],
            note=data["note"].strip(),
        )
