from django.urls import path

from . import notification_views as views

app_name = "notifications"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("read-all/", views.ReadAllView.as_view(), name="read-all"),
    path("channels/", views.ChannelChoicesView.as_view(), name="channels"),
    path("push/", views.PushSubscribeView.as_view(), name="push-subscribe"),
    path("push/remove/", views.PushUnsubscribeView.as_view(), name="push-unsubscribe"),
]
