from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.verify, name="second-step"),
    path("set-up/", views.setup, name="second-step-setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
]
