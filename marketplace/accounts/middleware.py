"""Union staff pass the second step before any page (marketplace.accounts.second_step).

After django_otp's OTPMiddleware, which tells whether this session passed it. A staff member who has
not is sent to the step (or, with no authenticator app yet, to setting one up) from every page but
the step's own, signing out, static files and the language switch: the admin, Oscar's dashboard,
reconciliation, the mentor pages and the storefront alike. Nobody else is ever stopped.
"""

from django.conf import settings
from django.shortcuts import redirect

from .second_step import needs_second_step
from .views import second_step_url

OPEN_VIEWS = {
    "accounts:second-step",
    "accounts:second-step-setup",
    "customer:logout",
    "set_language",
}


class StaffSecondStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        user = request.user
        if not needs_second_step(user) or user.is_verified():
            return None
        if request.resolver_match is not None and request.resolver_match.view_name in OPEN_VIEWS:
            return None
        come_back = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return redirect(second_step_url(request, next_url=come_back))
