from django.urls import path

from . import mentor_views as views

app_name = "mentor"
urlpatterns = [
    path("", views.ReviewQueueView.as_view(), name="queue"),
    path("shops/<int:pk>/", views.ShopReviewView.as_view(), name="shop"),
    path("mentors/", views.MentorAssignmentView.as_view(), name="assignments"),
]
