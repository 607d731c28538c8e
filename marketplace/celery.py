"""The Celery app: configured from Django settings (CELERY_*), tasks found in every installed app."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.local")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_embedded_broker_folders(conf=None) -> None:
    """The filesystem transport and result store expect their folders before anyone publishes."""
    conf = conf if conf is not None else app.conf
    options = conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder", "processed_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    backend = conf.result_backend or ""
    if backend.startswith("file://"):
        Path(backend.removeprefix("file://")).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_folders(sender, source, **kwargs):
    """In every process that uses Celery (web, worker, beat), on a fresh clone too."""
    ensure_embedded_broker_folders(source)
