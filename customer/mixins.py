"""Registration that also works for people who sign up with a phone number and no email."""

from django.conf import settings
from django.contrib.auth import login as auth_login
from oscar.apps.customer import mixins as oscar_mixins
from oscar.apps.customer.mixins import *  # noqa: F403
from oscar.apps.customer.signals import user_registered


class RegisterUserMixin(oscar_mixins.RegisterUserMixin):
    def register_user(self, form):
        """Oscar's flow, minus its email-only re-authentication: the new account signs in at once."""
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if user.email and getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        auth_login(self.request, user, backend="marketplace.accounts.backends.PhoneOrEmailBackend")
        return user
