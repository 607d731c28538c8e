"""The mentors' area (/mentor/): the review queue of her provinces, one application, decisions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from marketplace import geo
from shops import review
from shops.models import MentorProvince, ShopStatus
from shops.permissions import is_mentor, mentor_province_codes, shops_reviewable_by
from shops.services import mentor_provinces_set

from .coaching import coaching_list
from .forms import MentorAssignmentForm, ReviewDecisionForm

DECISIONS = {
    "approve": lambda shop_id, mentor, form: review.shop_approve(
        shop_id=shop_id, mentor=mentor, note=form.cleaned_data["note"]
    ),
    "request_changes": lambda shop_id, mentor, form: review.shop_request_changes(
        shop_id=shop_id, mentor=mentor, note=form.cleaned_data["note"], field_comments=form.field_comments()
    ),
    "reject": lambda shop_id, mentor, form: review.shop_reject(
        shop_id=shop_id, mentor=mentor, reason=form.cleaned_data["note"]
    ),
    "suspend": lambda shop_id, mentor, form: review.shop_suspend(
        shop_id=shop_id, mentor=mentor, reason=form.cleaned_data["note"]
    ),
    "reinstate": lambda shop_id, mentor, form: review.shop_reinstate(
        shop_id=shop_id, mentor=mentor, reason=form.cleaned_data["note"]
    ),
}


class MentorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_mentor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewQueueView(MentorRequiredMixin, ListView):
    """Applications waiting in her provinces, oldest first; other statuses by tab."""

    template_name = "mentoring/queue.html"
    context_object_name = "shops"
    paginate_by = 50

    def get_status(self) -> str:
        status = self.request.GET.get("status", ShopStatus.SUBMITTED)
        return status if status in ShopStatus.values else ShopStatus.SUBMITTED

    def get_queryset(self):
        shops = shops_reviewable_by(self.request.user).filter(status=self.get_status())
        return shops.order_by("submitted_at", "pk") if self.get_status() == ShopStatus.SUBMITTED else shops

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            shops_reviewable_by(self.request.user).values_list("status").annotate(n=Count("pk")).order_by()
        )
        context["tabs"] = [(value, label, counts.get(value, 0)) for value, label in ShopStatus.choices]
        context["status"] = self.get_status()
        provinces = mentor_province_codes(self.request.user)
        context["province_names"] = (
            None if provinces is None else sorted(geo.province_name(code) for code in provinces)
        )
        context["coaching"] = coaching_list(provinces=provinces)
        return context


class ShopReviewView(MentorRequiredMixin, DetailView):
    """One application and its decisions. A refused decision re-renders the page with what she typed."""

    template_name = "mentoring/shop.html"
    context_object_name = "shop"

    def get_queryset(self):
        return shops_reviewable_by(self.request.user)  # outside her provinces: 404, nothing shown

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.review_events.select_related("actor")
        context["members"] = self.object.memberships.select_related("user")
        context["form"] = kwargs.get("form") or ReviewDecisionForm()
        context["missing"] = review.missing_for_submission(self.object)
        return context

    def post(self, request, pk: int):
        self.object = self.get_object()
        form = ReviewDecisionForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Quyết định không hợp lệ."))
            event = DECISIONS[form.cleaned_data["action"]](pk, request.user, form)
        except (ValidationError, PermissionDenied) as problem:
            messages.error(request, " ".join(getattr(problem, "messages", [str(problem)])))
            self.object.refresh_from_db()  # the status may have moved under her
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("Đã chuyển “%(shop)s” sang “%(status)s”.")
            % {"shop": event.shop.name, "status": event.shop.get_status_display()},
        )
        return redirect("mentor:queue")


class MentorAssignmentView(LoginRequiredMixin, FormView):
    """Union staff assign mentors to provinces."""

    template_name = "mentoring/assignments.html"
    form_class = MentorAssignmentForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments: dict = {}
        for row in MentorProvince.objects.select_related("mentor").order_by("mentor_id", "province_code"):
            assignments.setdefault(row.mentor, []).append(geo.province_name(row.province_code))
        context["assignments"] = assignments
        return context

    def get_initial(self):
        """The "Sửa" link passes ?person=…: start from her current provinces, since saving replaces them."""
        person = self.request.GET.get("person", "").strip()
        if not person:
            return {}
        try:
            mentor = MentorAssignmentForm.find_person(person)
        except ValidationError:
            return {"person": person}
        codes = MentorProvince.objects.filter(mentor=mentor).values_list("province_code", flat=True)
        return {"person": person, "provinces": list(codes)}

    def form_valid(self, form):
        mentor = form.cleaned_data["person"]
        mentor_provinces_set(
            mentor=mentor, province_codes=form.cleaned_data["provinces"], actor=self.request.user
        )
        messages.success(self.request, _("Đã cập nhật địa bàn của %(name)s.") % {"name": mentor})
        return redirect("mentor:assignments")
