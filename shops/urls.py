from django.urls import path

from . import views

app_name = "shops"
urlpatterns = [
    path("", views.ShopDirectoryView.as_view(), name="directory"),
    path("<slug:slug>/", views.ShopDetailView.as_view(), name="detail"),
]
