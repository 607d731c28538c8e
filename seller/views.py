"""The vendor's area (/seller/): apply for a shop, follow its review, invite members."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from marketplace import geo
from marketplace.lifecycle import TransitionRefused
from shops import review, services
from shops.models import ShopStatus
from shops.permissions import shop_of_member

from .forms import InviteMemberForm, ShopApplicationForm

EDITABLE = (ShopStatus.DRAFT, ShopStatus.CHANGES_REQUESTED)


class SellerHomeView(LoginRequiredMixin, TemplateView):
    template_name = "seller/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shop = shop_of_member(self.request.user)
        context["shop"] = shop
        if shop is None:  # one shop per person: invitations matter only to those without one
            context["invitations"] = services.invitations_for(self.request.user)
        else:
            context["events"] = shop.review_events.select_related("actor")
            context["latest_request"] = shop.review_events.filter(
                to_status=ShopStatus.CHANGES_REQUESTED
            ).first()
            context["missing"] = review.missing_for_submission(shop) if shop.status in EDITABLE else []
            context["members"] = shop.memberships.select_related("user").order_by("created_at")
            context["pending_invitations"] = shop.invitations.filter(accepted_at=None)
            context["invite_form"] = InviteMemberForm()
            context["editable"] = shop.status in EDITABLE
        return context


class ShopApplicationView(LoginRequiredMixin, FormView):
    """Create or edit the application; "save" keeps a draft, "submit" also sends it to the mentors."""

    template_name = "seller/application.html"
    form_class = ShopApplicationForm

    def dispatch(self, request, *args, **kwargs):
        self.shop = shop_of_member(request.user) if request.user.is_authenticated else None
        if self.shop is not None and self.shop.status not in EDITABLE:
            messages.info(request, _("Hồ sơ đang được duyệt hoặc đã có kết quả, không sửa được nữa."))
            return redirect("seller:home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.shop}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shop"] = self.shop
        context["latest_request"] = (
            self.shop.review_events.filter(to_status=ShopStatus.CHANGES_REQUESTED).first()
            if self.shop
            else None
        )
        context["missing"] = review.missing_for_submission(self.shop) if self.shop else []
        return context

    def form_valid(self, form):
        values = {}
        for name, value in form.cleaned_data.items():
            if value is False:  # "clear" ticked on a picture
                value = ""
            values[name] = "" if value is None and name not in ("province_code", "ward_code") else value
        try:
            shop = services.shop_application_save(actor=self.request.user, shop=self.shop, values=values)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            messages.error(self.request, str(denied))
            return redirect("seller:home")
        if "submit" not in self.request.POST:
            messages.success(self.request, _("Đã lưu bản nháp."))
            return redirect("seller:home")
        try:
            review.shop_submit(shop_id=shop.pk, actor=self.request.user)
        except TransitionRefused as refused:
            messages.warning(
                self.request, _("Đã lưu bản nháp, nhưng chưa gửi duyệt được. ") + refused.messages[0]
            )
            return redirect("seller:application")
        messages.success(self.request, _("Đã gửi hồ sơ. Cán bộ Hội tỉnh sẽ xem và trả lời chị sớm."))
        return redirect("seller:home")


class InviteMemberView(LoginRequiredMixin, View):
    def post(self, request):
        shop = shop_of_member(request.user)
        form = InviteMemberForm(request.POST)
        if shop is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.shop_member_invite(
                    shop=shop, invited_by=request.user, phone_or_email=form.cleaned_data["phone_or_email"]
                )
            except (ValidationError, PermissionDenied) as problem:
                messages.error(request, " ".join(getattr(problem, "messages", [str(problem)])))
            else:
                messages.success(
                    request, _("Đã mời. Người được mời đăng nhập bằng số điện thoại/email đó để nhận lời.")
                )
        else:
            messages.error(request, " ".join(form.errors["phone_or_email"]))
        return redirect("seller:home")


class AcceptInvitationView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        try:
            membership = services.shop_invitation_accept(invitation_id=pk, user=request.user)
        except (ValidationError, PermissionDenied) as problem:
            messages.error(request, " ".join(getattr(problem, "messages", [str(problem)])))
        else:
            messages.success(
                request, _("Chị đã tham gia gian hàng %(shop)s.") % {"shop": membership.shop.name}
            )
        return redirect("seller:home")


def wards(request):
    """Wards of a province, for the application form's second drop-down."""
    province = geo.province_code_from(request.GET.get("province"))
    choices = geo.ward_choices(province) if province else []
    return JsonResponse({"wards": [{"code": code, "name": name} for code, name in choices]})
