"""What every app's models share: the shape of a transition's event, written by `lifecycle.Lifecycle`."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionEvent(models.Model):
    """One append-only line of a status change: who, when, why, and whether it was told.

    Each concrete log adds its foreign key to the model it follows (named by `subject`) and its
    `from_status`/`to_status` with that model's choices.
    """

    subject: ClassVar[str]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        subject_id = getattr(self, f"{self.subject}_id")
        return f"{self.subject} {subject_id}: {self.from_status or '∅'} → {self.to_status}"
