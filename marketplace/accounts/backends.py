"""Sign-in with either a phone number or an email address in the same box."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .phones import looks_like_phone, normalize_vn_phone


class PhoneOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        identifier = (email or username or "").strip()
        if not identifier or password is None:
            return None
        user_model = get_user_model()
        try:
            if "@" in identifier:
                user = user_model.objects.get(email__iexact=identifier)
            elif looks_like_phone(identifier):
                user = user_model.objects.get(phone=normalize_vn_phone(identifier))
            else:
                return None
        except (user_model.DoesNotExist, ValidationError):
            user_model().set_password(password)  # same work either way: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
