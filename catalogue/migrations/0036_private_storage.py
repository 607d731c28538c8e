"""Uploaded product files become private: stored under PRIVATE_MEDIA_ROOT, sent only to the shop's
members and union staff. Files already uploaded move there from MEDIA_ROOT with the same names (safe
to run twice); migrating back moves them back."""

from django.db import migrations, models

import marketplace.private_files


def imports_to_private(apps, schema_editor):
    ProductImport = apps.get_model("catalogue", "ProductImport")
    names = ProductImport.objects.exclude(file="").values_list("file", flat=True)
    marketplace.private_files.move_to_private(names=names.iterator(), folders=["imports"])


def imports_to_public(apps, schema_editor):
    ProductImport = apps.get_model("catalogue", "ProductImport")
    names = ProductImport.objects.exclude(file="").values_list("file", flat=True)
    marketplace.private_files.move_to_public(names=names.iterator(), folders=["imports"])


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0035_product_imports_and_hides_from_shops"),
    ]

    operations = [
        migrations.AlterField(
            model_name="productimport",
            name="file",
            field=models.FileField(storage=marketplace.private_files.private_storage, upload_to="imports/%Y/%m/"),
        ),
        migrations.RunPython(imports_to_private, imports_to_public, elidable=True),
    ]
