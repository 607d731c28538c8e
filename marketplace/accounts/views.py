"""The second step's pages, under /accounts/two-step/ (marketplace.accounts.second_step)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import second_step

RECOVERY_CODES_SESSION_KEY = "second_step_recovery_codes"


class CodeForm(forms.Form):
    """One box: the app's 6 digits, or a recovery code (see the templates for the two keyboards)."""

    code = forms.CharField(label=_("Mã xác minh"), max_length=32, strip=True)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.check = check
        self.result = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.result = self.check(user=self.user, code=code)  # ValidationError: her message
        return code


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def second_step_url(request, *, next_url: str = "") -> str:
    """Where a staff member who has not passed the step goes: the step, or setting up her app."""
    name = "accounts:second-step" if second_step.has_app(request.user) else "accounts:second-step-setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _not_for_this_visitor(request):
    """Anonymous visitors sign in first; people who are not staff never see the step."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not second_step.needs_second_step(request.user) or request.user.is_verified():
        return redirect(_next_url(request))
    return None


@never_cache
def verify(request):
    """ "Xác minh hai bước": the code from her authenticator app, or one recovery code."""
    if answer := _not_for_this_visitor(request):
        return answer
    if not second_step.has_app(request.user):
        return redirect(second_step_url(request, next_url=request.GET.get("next", "")))
    using_recovery = request.POST.get("using") == "recovery"
    form = CodeForm(
        request.POST or None,
        user=request.user,
        check=second_step.verify_code,
        initial={"next": request.GET.get("next", "")},
    )
    if request.method == "POST" and form.is_valid():
        device = form.result
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = second_step.recovery_codes_left(user=request.user)
            messages.warning(
                request,
                gettext(
                    "Bạn vừa dùng một mã dự phòng; còn %(count)s mã. Khi mất điện thoại, hãy nhờ cán bộ "
                    "quản trị xoá thiết bị cũ để cài lại."
                )
                % {"count": left},
            )
        return redirect(_next_url(request))
    return render(request, "accounts/second_step.html", {"form": form, "using_recovery": using_recovery})


@never_cache
def setup(request):
    """A staff member's first second step: scan the QR (or type the secret), confirm with one code."""
    if answer := _not_for_this_visitor(request):
        return answer
    if second_step.has_app(request.user):
        # Adding an app takes the step with the one she has: a password alone never adds one.
        return redirect(second_step_url(request, next_url=request.GET.get("next", "")))
    device = second_step.pending_app(request.user)
    form = CodeForm(
        request.POST or None,
        user=request.user,
        check=second_step.confirm_app,
        initial={"next": request.GET.get("next", "")},
    )
    if request.method == "POST" and form.is_valid():
        device, codes = form.result
        otp_login(request, device)
        request.session[RECOVERY_CODES_SESSION_KEY] = codes
        return redirect(f"{reverse('accounts:recovery-codes')}?{urlencode({'next': _next_url(request)})}")
    uri = second_step.otpauth_uri(device)
    context = {
        "form": form,
        "qr_svg": second_step.qr_svg(uri),
        "secret": second_step.grouped(second_step.secret(device)),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "accounts/second_step_setup.html", context)


@never_cache
def recovery_codes(request):
    """Her recovery codes, once, right after setting up her app."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes or not second_step.needs_second_step(request.user):
        return redirect(_next_url(request))
    context = {"codes": [second_step.grouped(code) for code in codes], "next_url": _next_url(request)}
    return render(request, "accounts/recovery_codes.html", context)
