"""Certificate scans become private: stored under PRIVATE_MEDIA_ROOT, sent only by views that check
who asks. Scans already uploaded move there from MEDIA_ROOT with the same names (safe to run twice);
migrating back moves them back."""

from django.db import migrations, models

import marketplace.private_files


def scans_to_private(apps, schema_editor):
    OcopCertificate = apps.get_model("ocop", "OcopCertificate")
    names = OcopCertificate.objects.exclude(scan="").values_list("scan", flat=True)
    marketplace.private_files.move_to_private(names=names.iterator(), folders=["ocop"])


def scans_to_public(apps, schema_editor):
    OcopCertificate = apps.get_model("ocop", "OcopCertificate")
    names = OcopCertificate.objects.exclude(scan="").values_list("scan", flat=True)
    marketplace.private_files.move_to_public(names=names.iterator(), folders=["ocop"])


class Migration(migrations.Migration):

    dependencies = [
        ("ocop", "0001_certificates_from_shops"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ocopcertificate",
            name="scan",
            field=models.FileField(
                storage=marketplace.private_files.private_storage,
                upload_to="ocop/%Y/%m/",
                verbose_name="Bản chụp/scan giấy chứng nhận",
            ),
        ),
        migrations.RunPython(scans_to_private, scans_to_public, elidable=True),
    ]
