from django.urls import include, path

from . import views

shop_patterns = (
    [
        path("", views.ShopDirectoryView.as_view(), name="directory"),
        path("<slug:slug>/", views.ShopDetailView.as_view(), name="detail"),
    ],
    "shops",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("shops/", include(shop_patterns)),
]
