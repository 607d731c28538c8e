import oscar.apps.customer.apps as apps
from django.views.generic import RedirectView


class NotificationsMovedView(RedirectView):
    """Oscar's account inbox (its `communication` notifications) is replaced by /notifications/."""

    pattern_name = "notifications:inbox"

    def get_redirect_url(self, *args, **kwargs):
        return super().get_redirect_url()


class CustomerConfig(apps.CustomerConfig):
    name = "customer"

    def ready(self):
        super().ready()
        for view in ("inbox", "archive", "update", "detail"):
            setattr(self, f"notification_{view}_view", NotificationsMovedView)
