"""Private files: certificate scans and uploaded product files, which only some people may open.

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT (which the web server hands to anyone at
/media/), in `private_storage`. A view checks who asks, then `send_private_file` answers: in
production the view only says which file and nginx sends it from an `internal` location
(django-sendfile2's nginx backend, X-Accel-Redirect); in development and tests Django sends it.
Such files have no URL of their own: `private_storage.url()` refuses, so a template can never link
one to /media/ by mistake; link to the view instead.

Product photos, shop logos and banners stay public, in the default storage.
"""

import filecmp
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.functional import cached_property
from django.views import View
from django_sendfile import sendfile

logger = logging.getLogger(__name__)


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (followed when tests change the setting)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError(
            "A private file has no public URL: link to the view that checks who asks and sends it."
        )


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private FileFields (a callable, so migrations name it rather than its path)."""
    return _private_storage


def send_private_file(request, file: FieldFile, *, attachment: bool = False) -> HttpResponse:
    """Answer with a private file the caller has already allowed this person to see."""
    if not file:
        raise Http404
    response = sendfile(
        request,
        file.storage.path(file.name),
        attachment=attachment,
        attachment_filename=Path(file.name).name,
    )
    response["Cache-Control"] = "private, no-store"  # never kept by a shared cache or the browser
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PrivateFileView(View):
    """GET a private file: `get_file` returns it, or None for anyone not allowed (who gets 404,
    signed in or not, so a guess never learns whether the file exists)."""

    attachment = False

    def get_file(self, request, pk: int) -> FieldFile | None:
        raise NotImplementedError

    def get(self, request, pk: int):
        file = self.get_file(request, pk)
        if not file:
            raise Http404
        return send_private_file(request, file, attachment=self.attachment)


# Moving files that were public before (the data migrations of ocop and catalogue) --------------


def move_files(*, source_root, target_root, names: Iterable[str] = (), folders: Iterable[str] = ()) -> int:
    """Move files from one root to the other keeping their names (so rows need no change): the
    named ones and everything under the given folders. Safe to run twice, and after an interrupted
    run: a file already in place is not copied again, and its leftover original is removed."""
    source_root, target_root = Path(source_root), Path(target_root)
    candidates = {name for name in names if name}
    for folder in folders:
        base = source_root / folder
        if base.is_dir():
            candidates.update(
                str(path.relative_to(source_root)) for path in base.rglob("*") if path.is_file()
            )
    moved = 0
    for name in sorted(candidates):
        try:
            source, target = Path(safe_join(source_root, name)), Path(safe_join(target_root, name))
        except ValueError:  # a name outside the root is never touched
            continue
        if not source.is_file():
            continue
        if target.exists():
            if filecmp.cmp(source, target, shallow=False):
                source.unlink()
            else:
                logger.warning("%s differs from %s: both kept", source, target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.moving")
        shutil.copy2(source, partial)  # copy, then rename: the target is never half written
        os.replace(partial, target)
        source.unlink()
        moved += 1
    for folder in folders:
        _remove_empty_folders(source_root / folder)
    return moved


def _remove_empty_folders(base: Path) -> None:
    if not base.is_dir():
        return
    for folder in sorted((path for path in base.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(base.iterdir()):
        base.rmdir()


def move_to_private(*, names: Iterable[str] = (), folders: Iterable[str] = ()) -> int:
    return move_files(
        source_root=settings.MEDIA_ROOT, target_root=settings.PRIVATE_MEDIA_ROOT, names=names, folders=folders
    )


def move_to_public(*, names: Iterable[str] = (), folders: Iterable[str] = ()) -> int:
    """Undo `move_to_private` (migrating backwards)."""
    return move_files(
        source_root=settings.PRIVATE_MEDIA_ROOT, target_root=settings.MEDIA_ROOT, names=names, folders=folders
    )


@checks.register(checks.Tags.security, deploy=False)
def check_private_root(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT inside MEDIA_ROOT (or the other way round) would put private files at /media/."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    if private == public or private.is_relative_to(public) or public.is_relative_to(private):
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap: private files would be served at /media/.",
                hint="Give PRIVATE_MEDIA_ROOT its own folder, e.g. /var/lib/chosen/private-media.",
                id="marketplace.E010",
            )
        ]
    if Path(settings.SENDFILE_ROOT).resolve() != private:
        return [
            checks.Error(
                "SENDFILE_ROOT must be PRIVATE_MEDIA_ROOT.",
                id="marketplace.E011",
            )
        ]
    return []
