from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.ReportView.as_view(), name="report"),
    path("<str:name>.<str:fmt>", views.report_download, name="download"),
]
