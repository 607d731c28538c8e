from django.urls import path

from . import seller_views as views

app_name = "seller"
urlpatterns = [
    path("", views.SellerHomeView.as_view(), name="home"),
    path("shop/", views.ShopApplicationView.as_view(), name="application"),
    path("members/invite/", views.InviteMemberView.as_view(), name="invite"),
    path("invitations/<int:pk>/accept/", views.AcceptInvitationView.as_view(), name="accept-invitation"),
    path("wards/", views.wards, name="wards"),
]
