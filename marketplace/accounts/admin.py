from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["phone", "email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["phone", "email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["phone", "email", "password"]}),
        (_("Họ tên"), {"fields": ["first_name", "last_name"]}),
        (
            _("Quyền"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Mốc thời gian"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["phone", "email", "password1", "password2"]})]
