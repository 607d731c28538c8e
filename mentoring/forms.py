"""Forms of the mentors' area. They only shape input; the rules live in services."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace import geo
from marketplace.accounts.phones import normalize_vn_phone
from shops.models import Shop
from shops.services import APPLICATION_FIELDS


class ReviewDecisionForm(forms.Form):
    """One form for every mentor decision; per-field comments come as comment_<field>."""

    ACTIONS = {
        "approve": _("Duyệt"),
        "request_changes": _("Yêu cầu bổ sung"),
        "reject": _("Từ chối"),
        "suspend": pgettext_lazy("mentor action", "Tạm ngừng"),
        "reinstate": pgettext_lazy("mentor action", "Mở lại"),
    }
    COMMENTABLE_FIELDS = APPLICATION_FIELDS

    action = forms.ChoiceField(choices=list(ACTIONS.items()))
    note = forms.CharField(
        label=_("Ghi chú / lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.COMMENTABLE_FIELDS:
            self.fields[f"comment_{name}"] = forms.CharField(
                label=Shop._meta.get_field(name).verbose_name,
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def field_comments(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(f"comment_{name}", "")
            for name in self.COMMENTABLE_FIELDS
            if self.cleaned_data.get(f"comment_{name}")
        }


class MentorAssignmentForm(forms.Form):
    person = forms.CharField(label=_("Số điện thoại hoặc email của cán bộ"), max_length=254)
    provinces = forms.TypedMultipleChoiceField(
        label=_("Tỉnh/thành phố phụ trách"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = geo.province_choices()

    def clean_person(self):
        return self.find_person(self.cleaned_data["person"])

    @staticmethod
    def find_person(value: str):
        """The account behind a phone number or an email, or ValidationError."""
        value = value.strip()
        users = get_user_model().objects
        try:
            if "@" in value:
                return users.get(email__iexact=value)
            return users.get(phone=normalize_vn_phone(value))
        except (get_user_model().DoesNotExist, ValidationError):
            raise ValidationError(_("Không tìm thấy tài khoản này.")) from None
