from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("pay/<str:token>/", views.OrderPaymentView.as_view(), name="order"),
    path("pay/<str:token>/status/", views.payment_status, name="status"),
    path("pay/<str:token>/qr.png", views.payment_qr_png, name="qr"),
    path("pay/<str:token>/cancel/", views.payment_cancel, name="cancel"),
    path("payments/staff/", views.StaffPaymentsView.as_view(), name="staff"),
    path("payments/staff/transfers/<int:pk>/assign/", views.transfer_assign, name="staff-assign"),
    path("payments/staff/payments/<int:pk>/", views.StaffPaymentView.as_view(), name="staff-payment"),
]
