from django.urls import path

from ocop.views import CertificateScanView

from . import balance_views, certificate_views, order_views, product_views, views

app_name = "seller"
urlpatterns = [
    path("", views.SellerHomeView.as_view(), name="home"),
    path("shop/", views.ShopApplicationView.as_view(), name="application"),
    path("members/invite/", views.InviteMemberView.as_view(), name="invite"),
    path("invitations/<int:pk>/accept/", views.AcceptInvitationView.as_view(), name="accept-invitation"),
    path("wards/", views.wards, name="wards"),
    path("products/", product_views.ProductListView.as_view(), name="products"),
    path("products/new/", product_views.ProductFormView.as_view(), name="product-new"),
    path("products/<int:pk>/", product_views.ProductFormView.as_view(), name="product-edit"),
    path(
        "products/<int:pk>/photos/<int:image_pk>/<slug:action>/",
        product_views.ProductPhotoView.as_view(),
        name="product-photo",
    ),
    path(
        "products/<int:pk>/visibility/",
        product_views.ProductVisibilityView.as_view(),
        name="product-visibility",
    ),
    path("products/<int:pk>/delete/", product_views.ProductDeleteView.as_view(), name="product-delete"),
    path("products/import/", product_views.ProductImportView.as_view(), name="product-import-new"),
    path(
        "products/import/<int:pk>/", product_views.ProductImportProgressView.as_view(), name="product-import"
    ),
    path(
        "products/import/<int:pk>/status/",
        product_views.ProductImportStatusView.as_view(),
        name="product-import-status",
    ),
    path(
        "products/import/<int:pk>/file/",
        product_views.ProductImportFileView.as_view(),
        name="product-import-file",
    ),
    path(
        "products/import/<int:pk>/rejected.csv",
        product_views.ProductImportRejectedView.as_view(),
        name="product-import-rejected",
    ),
    path("certificates/", certificate_views.CertificateListView.as_view(), name="certificates"),
    path("certificates/new/", certificate_views.CertificateFormView.as_view(), name="certificate-new"),
    path("certificates/<int:pk>/", certificate_views.CertificateFormView.as_view(), name="certificate-edit"),
    path("certificates/<int:pk>/scan/", CertificateScanView.as_view(), name="certificate-scan"),
    path("orders/", order_views.ShopOrderListView.as_view(), name="orders"),
    path("orders/<int:pk>/", order_views.ShopOrderView.as_view(), name="order"),
    path("shipping/", order_views.ShopShippingView.as_view(), name="shipping"),
    path("balance/", balance_views.BalanceView.as_view(), name="balance"),
    path(
        "balance/statement.csv",
        balance_views.StatementDownloadView.as_view(),
        {"fmt": "csv"},
        name="statement-csv",
    ),
    path(
        "balance/statement.xlsx",
        balance_views.StatementDownloadView.as_view(),
        {"fmt": "xlsx"},
        name="statement-xlsx",
    ),
]
