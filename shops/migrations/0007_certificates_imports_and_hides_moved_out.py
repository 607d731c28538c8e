"""Certificates, product imports and product hides now live in ocop and catalogue."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0035_product_imports_and_hides_from_shops'),
        ('ocop', '0001_certificates_from_shops'),
        ('shops', '0006_ocop_certificates_and_product_hides'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables now belong to ocop and catalogue (db_table keeps their names): nothing is
            # dropped.
            state_operations=[
                migrations.RemoveField(
                    model_name='ocopcertificate',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='ocopcertificate',
                    name='products',
                ),
                migrations.RemoveField(
                    model_name='ocopcertificate',
                    name='shop',
                ),
                migrations.RemoveField(
                    model_name='producthide',
                    name='hidden_by',
                ),
                migrations.RemoveField(
                    model_name='producthide',
                    name='lifted_by',
                ),
                migrations.RemoveField(
                    model_name='producthide',
                    name='product',
                ),
                migrations.RemoveField(
                    model_name='productimport',
                    name='shop',
                ),
                migrations.RemoveField(
                    model_name='productimport',
                    name='uploaded_by',
                ),
                migrations.DeleteModel(
                    name='CertificateEvent',
                ),
                migrations.DeleteModel(
                    name='OcopCertificate',
                ),
                migrations.DeleteModel(
                    name='ProductHide',
                ),
                migrations.DeleteModel(
                    name='ProductImport',
                ),
            ],
            database_operations=[],
        ),
    ]
