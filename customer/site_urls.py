from django.urls import path

from . import notification_views as views

urlpatterns = [
    path("sw.js", views.service_worker, name="service-worker"),
    path("<str:centre>.webmanifest", views.manifest, name="manifest"),
    path("n/<str:code>", views.open_short_link, name="short-link"),
]
