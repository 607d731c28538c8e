"""Sign-in and sign-up with a Vietnamese phone number or an email address."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.forms import *  # noqa: F403

from marketplace.accounts.phones import looks_like_phone, normalize_vn_phone
from marketplace.accounts.throttle import lock_message
from notifications.topics import Channel, Topic


class EmailAuthenticationForm(oscar_forms.EmailAuthenticationForm):
    error_messages = {
        **oscar_forms.EmailAuthenticationForm.error_messages,
        "invalid_login": _("Số điện thoại/email hoặc mật khẩu không đúng. Hãy thử lại."),
    }
    username = forms.CharField(
        label=_("Số điện thoại hoặc email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )

    def get_invalid_login_error(self):
        """Locked by sign-in throttling (marketplace.accounts.throttle): say until when, not "wrong"."""
        if getattr(self.request, "axes_locked_out", False):
            credentials = {"username": self.cleaned_data.get("username")}
            return ValidationError(lock_message(self.request, credentials), code="locked")
        return super().get_invalid_login_error()


class EmailUserCreationForm(oscar_forms.EmailUserCreationForm):
    """Oscar's sign-up form, where a phone number can stand in for the email address."""

    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    class Meta(oscar_forms.EmailUserCreationForm.Meta):
        model = get_user_model()
        fields = ("phone", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.order_fields(["phone", "email", "password1", "password2"])

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        return super().clean_email() if email else None

    def clean_phone(self):
        raw = (self.cleaned_data.get("phone") or "").strip()
        if not raw:
            return None
        if not looks_like_phone(raw):
            raise ValidationError(_("Số điện thoại không hợp lệ. Ví dụ đúng: 0912 345 678."))
        phone = normalize_vn_phone(raw)
        if get_user_model().objects.filter(phone=phone).exists():
            raise ValidationError(_("Số điện thoại này đã có tài khoản. Hãy đăng nhập."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError(_("Hãy nhập số điện thoại hoặc email."))
        return cleaned


class ChannelChoicesForm(forms.Form):
    """One row of channel boxes per topic she may hear about."""

    def __init__(self, *args, topics: list[str], chosen: dict[str, set[str]], **kwargs):
        super().__init__(*args, **kwargs)
        for topic in topics:
            self.fields[topic] = forms.MultipleChoiceField(
                label=Topic(topic).label,
                choices=Channel.choices,
                initial=sorted(chosen[topic]),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def chosen(self) -> dict[str, set[str]]:
        return {topic: set(channels) for topic, channels in self.cleaned_data.items()}
