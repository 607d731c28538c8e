from django.urls import path

from . import views

app_name = "webhooks"
urlpatterns = [
    path("sepay/", views.sepay_webhook, name="sepay"),
    path("casso/", views.casso_webhook, name="casso"),
]
