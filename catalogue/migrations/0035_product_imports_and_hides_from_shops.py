"""Product imports and the Union's product hides move from the shops app to the catalogue; their
tables stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from marketplace.migrations_helpers import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0034_product_shop'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('shops', '0006_ocop_certificates_and_product_hides'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where the shops app made them (db_table): only Django's idea of whose
            # models they are changes.
            state_operations=[
                migrations.CreateModel(
                    name='ProductImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='imports/%Y/%m/')),
                        ('status', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang nhập'), ('done', 'Hoàn tất'), ('failed', 'Thất bại')], default='queued', max_length=10)),
                        ('total_rows', models.PositiveIntegerField(default=0)),
                        ('processed_rows', models.PositiveIntegerField(default=0)),
                        ('created_count', models.PositiveIntegerField(default=0)),
                        ('updated_count', models.PositiveIntegerField(default=0)),
                        ('unchanged_count', models.PositiveIntegerField(default=0)),
                        ('rejected_rows', models.JSONField(blank=True, default=list)),
                        ('failure', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('shop', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='product_imports', to='shops.shop')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'shops_productimport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ProductHide',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(verbose_name='Lý do')),
                        ('hidden_at', models.DateTimeField(auto_now_add=True)),
                        ('lifted_at', models.DateTimeField(blank=True, null=True)),
                        ('notified_at', models.DateTimeField(blank=True, null=True)),
                        ('hidden_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff_hides', to='catalogue.product')),
                    ],
                    options={
                        'verbose_name': 'Sản phẩm bị Hội ẩn',
                        'verbose_name_plural': 'Sản phẩm bị Hội ẩn',
                        'db_table': 'shops_producthide',
                        'ordering': ['-hidden_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('lifted_at', None)), fields=('product',), name='one_standing_hide_per_product')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types(models=("productimport", "producthide"), from_app="shops", to_app="catalogue"),
    ]
