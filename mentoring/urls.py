from django.urls import path

from ocop.views import CertificateScanView

from . import certificate_views as ocop_views
from . import views

app_name = "mentor"
urlpatterns = [
    path("", views.ReviewQueueView.as_view(), name="queue"),
    path("shops/<int:pk>/", views.ShopReviewView.as_view(), name="shop"),
    path("mentors/", views.MentorAssignmentView.as_view(), name="assignments"),
    path("certificates/", ocop_views.CertificateQueueView.as_view(), name="certificates"),
    path("certificates/<int:pk>/", ocop_views.CertificateReviewView.as_view(), name="certificate"),
    path("certificates/<int:pk>/scan/", CertificateScanView.as_view(), name="certificate-scan"),
    path("shops/<int:pk>/products/", ocop_views.ShopProductsView.as_view(), name="shop-products"),
    path("products/<int:pk>/hide/", ocop_views.ProductHideView.as_view(), name="product-hide"),
]
