import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "checkout"

    def get_urls(self):
        """Only the one-page checkout; Oscar's other steps have no place in it."""
        return self.post_process_urls([path("", self.index_view.as_view(), name="index")])
