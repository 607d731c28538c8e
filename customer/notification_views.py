"""Her notifications: the inbox at /notifications/, the short links in her messages, her channel
choices, and the browser subscriptions that bring notifications to her phone."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import FormView, ListView

from notifications import selectors, services, sms
from notifications.topics import TOPIC_AUDIENCE, Audience
from shops.permissions import is_mentor

from .forms import ChannelChoicesForm

INBOX_PAGE_SIZE = 20


class InboxView(LoginRequiredMixin, ListView):
    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = INBOX_PAGE_SIZE

    def get_queryset(self):
        return selectors.inbox(user_id=self.request.user.pk)


class ReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        services.mark_read(user_id=request.user.pk)
        messages.success(request, _("Đã đánh dấu mọi thông báo là đã đọc."))
        return redirect("notifications:inbox")


def open_short_link(request, code: str):
    """The link in a text message, push or email: marks the notification read, opens its page."""
    notification = services.open_short_link(code=code)
    if notification is None:
        raise Http404
    return redirect(notification.path)


def audiences_of(user) -> set[str]:
    audiences = {Audience.BUYER}
    if user.shops.exists():
        audiences.add(Audience.VENDOR)
    if is_mentor(user):
        audiences.add(Audience.MENTOR)
    return audiences


class ChannelChoicesView(LoginRequiredMixin, FormView):
    template_name = "notifications/channels.html"
    form_class = ChannelChoicesForm

    def topics(self) -> list[str]:
        audiences = audiences_of(self.request.user)
        return [topic for topic, audience in TOPIC_AUDIENCE.items() if audience in audiences]

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "topics": self.topics(),
            "chosen": selectors.channel_choices(user_id=user.pk, topics=self.topics()),
        }

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            has_email=bool(user.email),
            has_phone=bool(user.phone),
            sms_on=bool(sms.gateway_name()),
            push_devices=selectors.push_device_count(user_id=user.pk),
        )

    def form_valid(self, form):
        services.choose_channels(user_id=self.request.user.pk, chosen=form.chosen())
        messages.success(self.request, _("Đã lưu cách bạn muốn nhận thông báo."))
        return redirect("notifications:channels")


def _subscription(request) -> dict | None:
    """The subscription a browser's PushSubscription.toJSON() sends, or None for anything else."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if request.content_type != "application/json" or not length.isdigit() or int(length) > 4096:
        return None
    try:
        sent = json.loads(request.body)
        endpoint, keys = sent["endpoint"], sent.get("keys") or {}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not (isinstance(endpoint, str) and endpoint.startswith("https://")):  # push services are https
        return None
    return {
        "endpoint": endpoint,
        "p256dh": str(keys.get("p256dh", ""))[:200],
        "auth": str(keys.get("auth", ""))[:100],
    }


class PushSubscribeView(LoginRequiredMixin, View):
    raise_exception = True  # a script's request: 403, not a redirect to the sign-in page

    def post(self, request):
        subscription = _subscription(request)
        if subscription is None or not (subscription["p256dh"] and subscription["auth"]):
            return HttpResponseBadRequest(_("Đăng ký nhận thông báo không hợp lệ."))
        services.subscribe_push(
            user_id=request.user.pk, user_agent=request.headers.get("User-Agent", ""), **subscription
        )
        return JsonResponse({"subscribed": True}, status=201)


class PushUnsubscribeView(LoginRequiredMixin, View):
    raise_exception = True

    def post(self, request):
        subscription = _subscription(request)
        if subscription is None:
            return HttpResponseBadRequest(_("Đăng ký nhận thông báo không hợp lệ."))
        services.unsubscribe_push(user_id=request.user.pk, endpoint=subscription["endpoint"])
        return JsonResponse({"subscribed": False})


@cache_control(no_cache=True)
def service_worker(request):
    """At the site's root, so that it may show notifications for every page (its scope is "/")."""
    response = HttpResponse(
        render_to_string("notifications/sw.js", request=request), content_type="application/javascript"
    )
    response["Service-Worker-Allowed"] = "/"
    return response


CENTRES = {
    "seller": ("seller:home", "Chợ Sen – Người bán"),
    "mentor": ("mentor:queue", "Chợ Sen – Cán bộ Hội"),
}


@cache_control(max_age=24 * 60 * 60)
def manifest(request, centre: str):
    """The web app manifest that lets a vendor (or a mentor) add her centre to the home screen."""
    if centre not in CENTRES:
        raise Http404
    start, name = CENTRES[centre]
    content = render_to_string(
        "notifications/manifest.json",
        {"id": f"/{centre}/", "name": name, "start_url": reverse(start)},
        request=request,
    )
    return HttpResponse(content, content_type="application/manifest+json")
