from django.urls import path

from . import payout_views, views

app_name = "payments"
urlpatterns = [
    path("pay/<str:token>/", views.OrderPaymentView.as_view(), name="order"),
    path("pay/<str:token>/status/", views.payment_status, name="status"),
    path("pay/<str:token>/qr.png", views.payment_qr_png, name="qr"),
    path("pay/<str:token>/cancel/", views.payment_cancel, name="cancel"),
    path("pay/<str:token>/card/", views.card_payment, name="card"),
    path("payments/staff/", views.StaffPaymentsView.as_view(), name="staff"),
    path("payments/staff/transfers/<int:pk>/assign/", views.transfer_assign, name="staff-assign"),
    path("payments/staff/payments/<int:pk>/", views.StaffPaymentView.as_view(), name="staff-payment"),
    path("payments/staff/payouts/", payout_views.StaffPayoutsView.as_view(), name="staff-payouts"),
    path("payments/staff/payouts/new/", payout_views.payout_batch_new, name="staff-batch-new"),
    path("payments/staff/payouts/<int:pk>/", payout_views.StaffPayoutBatchView.as_view(), name="staff-batch"),
    path(
        "payments/staff/payouts/<int:pk>/transfers.csv",
        payout_views.payout_batch_sheet,
        {"fmt": "csv"},
        name="staff-batch-csv",
    ),
    path(
        "payments/staff/payouts/<int:pk>/transfers.xlsx",
        payout_views.payout_batch_sheet,
        {"fmt": "xlsx"},
        name="staff-batch-xlsx",
    ),
    path(
        "payments/staff/commissions/", payout_views.StaffCommissionsView.as_view(), name="staff-commissions"
    ),
    path(
        "payments/staff/commissions/<int:pk>/",
        payout_views.StaffCommissionView.as_view(),
        name="staff-commission",
    ),
]
