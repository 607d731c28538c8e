from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

from marketplace import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("payments/webhooks/", include("payments.webhook_urls")),
    # The service worker, the web app manifests and the short links of text messages, at the root.
    path("", include("customer.site_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("storefront.urls")),
    path("seller/", include("seller.urls")),
    path("mentor/", include("mentoring.urls")),
    path("reports/", include("reports.urls")),
    path("", include("payments.urls")),
    path("notifications/", include("customer.notification_urls")),
    # One sign-in page for everybody (throttled, then the staff's second step): the admin's goes there.
    path("admin/login/", RedirectView.as_view(pattern_name="customer:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/two-step/", include("marketplace.accounts.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
