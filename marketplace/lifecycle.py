"""One way to move anything through its states: lock the row, check who acts and where it stands,
append an event, notify after commit.

A shop under review, an OCOP certificate, a shop order and a payment are each a status field plus
an append-only event table, and every transition of each goes through its `Lifecycle`. So a second
click, a redelivered task or a concurrent staff action waits for the row lock and then sees what
the first one did, instead of undoing it; and the notification goes out only once the change is
committed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import TransitionEvent


class TransitionRefused(ValidationError):
    """A transition that cannot happen now; the message says why, for a person."""


def require_text(text: str | None, *, why) -> str:
    """The reason or note a person typed, stripped; refused with `why` when empty."""
    text = (text or "").strip()
    if not text:
        raise TransitionRefused(why)
    return text


@dataclass(frozen=True)
class Lifecycle:
    """The states of one model, moved only through `lock`, then `move` or `log`.

    `event_model` is a `marketplace.models.TransitionEvent`; `refusal` is the message when the
    current status does not allow a move (with `%(action)s` and `%(status)s`); `notify_task` is the
    dotted path of the Celery task that sends an event's notifications (given its id), by name
    because tasks import the services that use this.
    """

    model: type[models.Model]
    event_model: type[TransitionEvent]
    refusal: str = _("Không thể %(action)s: trạng thái hiện tại là “%(status)s”.")
    notify_task: str = ""

    def lock(
        self,
        pk: int,
        *,
        allowed: tuple[str, ...] | None = None,
        action: str = "",
        authorize: Callable[[models.Model], None] | None = None,
        queryset: models.QuerySet | None = None,
    ) -> models.Model:
        """The row, locked until the transaction ends. `authorize` (raising PermissionDenied) runs
        before anything about the row's state is said; then its status must be one of `allowed`."""
        rows = self.model.objects.all() if queryset is None else queryset
        subject = rows.select_for_update(of=("self",)).get(pk=pk)
        if authorize is not None:
            authorize(subject)
        if allowed is not None and subject.status not in allowed:
            raise TransitionRefused(self.refusal % {"action": action, "status": subject.get_status_display()})
        return subject

    def log(
        self, subject: models.Model, *, from_status: str, to_status: str, notify: bool = True, **details
    ) -> models.Model:
        """Append an event (details: actor, note and the event model's own fields); its
        notifications are queued for after the commit."""
        event = self.event_model.objects.create(
            **{self.event_model.subject: subject}, from_status=from_status, to_status=to_status, **details
        )
        if notify and self.notify_task:
            import_string(self.notify_task).delay_on_commit(event.pk)
        return event

    def move(
        self,
        subject: models.Model,
        *,
        to: str,
        update_fields: list[str] | None = None,
        notify: bool = True,
        **details,
    ) -> models.Model:
        """Log the move from the current status to `to`, then save the (locked) row."""
        event = self.log(subject, from_status=subject.status, to_status=to, notify=notify, **details)
        subject.status = to
        subject.save(update_fields=update_fields)
        return event
