"""Forms of the vendor's shop, members, orders and shipping fee. They only shape input; the rules
live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.images import ImageRejected, prepare_product_image
from marketplace import geo
from marketplace.accounts.phones import display_vn_phone, looks_like_phone, normalize_vn_phone
from marketplace.banks import bank_choices
from marketplace.money import WholeNumberField
from order.transitions import MAX_CANCEL_REASON, CancelReason, Carrier
from shops.models import Shop
from shops.services import APPLICATION_FIELDS, MAX_FREE_SHIPPING_FROM, MAX_SHIPPING_FEE


class ShopApplicationForm(forms.ModelForm):
    """Every field may stay empty in a draft; submitting says what is still missing."""

    province_code = forms.TypedChoiceField(
        label=_("Tỉnh/thành phố"), coerce=int, empty_value=None, required=False
    )
    ward_code = forms.TypedChoiceField(label=_("Phường/xã"), coerce=int, empty_value=None, required=False)
    bank_bin = forms.ChoiceField(label=_("Ngân hàng"), required=False)

    class Meta:
        model = Shop
        fields = APPLICATION_FIELDS
        widgets = {
            "story": forms.Textarea(attrs={"rows": 5}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "account_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "banner": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {
            "account_holder": _("Viết như trên thẻ ngân hàng: chữ in hoa, không dấu."),
            "story": _("Kể ngắn gọn về chị, sản phẩm và nơi làm ra sản phẩm."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["name"].required = True
        self.fields["province_code"].choices = [("", _("Chọn tỉnh/thành phố"))] + geo.province_choices()
        province = geo.province_code_from(
            self.data.get(self.add_prefix("province_code")) or self.instance.province_code
        )
        wards = geo.ward_choices(province) if province else []
        self.fields["ward_code"].choices = [("", _("Chọn phường/xã"))] + wards
        self.fields["bank_bin"].choices = [("", _("Chọn ngân hàng"))] + bank_choices()
        if self.instance.phone:  # stored as +84…, shown the way she typed it
            self.initial["phone"] = display_vn_phone(self.instance.phone)

    def _clean_picture(self, name: str):
        upload = self.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        try:
            return prepare_product_image(upload.read(), name=upload.name)
        except ImageRejected as problem:
            raise ValidationError(str(problem)) from problem

    def clean_logo(self):
        return self._clean_picture("logo")

    def clean_banner(self):
        return self._clean_picture("banner")

    def _post_clean(self):
        """The service validates the model; the form keeps only what the person typed."""


class InviteMemberForm(forms.Form):
    phone_or_email = forms.CharField(label=_("Số điện thoại hoặc email của người được mời"), max_length=254)

    def clean_phone_or_email(self):
        value = self.cleaned_data["phone_or_email"].strip()
        if "@" in value:
            return forms.EmailField().clean(value)
        if not looks_like_phone(value):
            raise ValidationError(_("Hãy nhập số điện thoại hoặc email."))
        normalize_vn_phone(value)
        return value


class ShipForm(forms.Form):
    """Who carries the parcel and its tracking number; the service decides what is required."""

    carrier = forms.ChoiceField(
        label=_("Đơn vị vận chuyển"), choices=[("", _("Chọn đơn vị vận chuyển")), *Carrier.choices]
    )
    tracking_number = forms.CharField(
        label=_("Mã vận đơn"),
        max_length=60,
        required=False,
        help_text=_("In trên phiếu gửi hàng. Không cần nếu chị tự giao."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CancelShopOrderForm(forms.Form):
    """Why she cannot send a paid order; the buyer reads it. The service decides what is required."""

    reason = forms.ChoiceField(
        label=_("Lý do huỷ"), choices=CancelReason.choices, widget=forms.RadioSelect, required=False
    )
    details = forms.CharField(
        label=_("Lời nhắn cho người mua"),
        max_length=MAX_CANCEL_REASON,
        required=False,
        help_text=_("Không bắt buộc, trừ khi chọn “Lý do khác”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShopShippingForm(forms.Form):
    """Her flat fee per order and the free-shipping threshold, typed the Vietnamese way ("30.000")."""

    shipping_fee = WholeNumberField(
        label=_("Phí giao hàng (₫)"),
        maximum=MAX_SHIPPING_FEE,
        help_text=_("Một mức phí cho mỗi đơn của gian hàng, ví dụ 30.000. Nhập 0 nếu luôn miễn phí."),
    )
    free_shipping_from = WholeNumberField(
        label=_("Miễn phí giao hàng cho đơn từ (₫)"),
        maximum=MAX_FREE_SHIPPING_FROM,
        required=False,
        help_text=_(
            "Đơn có tiền hàng từ mức này thì người mua không trả phí giao. Để trống nếu không áp dụng."
        ),
    )
