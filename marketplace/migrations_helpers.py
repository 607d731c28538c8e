"""Helpers for migrations that move a model from one app to another without touching its table."""

from django.db import migrations


def move_content_types(*, models: tuple[str, ...], from_app: str, to_app: str) -> migrations.RunPython:
    """Relabel the models' content types, so permissions and admin history follow them.

    On a fresh database there is nothing to relabel yet (content types are made after migrate).
    """

    def relabel(source: str, target: str):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            taken = set(
                ContentType.objects.filter(app_label=target, model__in=models).values_list("model", flat=True)
            )
            ContentType.objects.filter(app_label=source, model__in=set(models) - taken).update(
                app_label=target
            )

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))
