"""OCOP certificates move from the shops app to their own app; their tables stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from marketplace.migrations_helpers import move_content_types


class Migration(migrations.Migration):

    initial = True

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
                    name='OcopCertificate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stars', models.PositiveSmallIntegerField(choices=[(3, '3★'), (4, '4★'), (5, '5★')], verbose_name='Số sao')),
                        ('number', models.CharField(max_length=60, verbose_name='Số giấy chứng nhận')),
                        ('level', models.CharField(choices=[('province', 'Cấp tỉnh'), ('central', 'Cấp trung ương')], max_length=10, verbose_name='Cấp công nhận')),
                        ('issued_on', models.DateField(verbose_name='Ngày cấp')),
                        ('expires_on', models.DateField(verbose_name='Ngày hết hạn')),
                        ('scan', models.FileField(upload_to='ocop/%Y/%m/', verbose_name='Bản chụp/scan giấy chứng nhận')),
                        ('status', models.CharField(choices=[('pending', 'Chờ xác minh'), ('verified', 'Đã xác minh'), ('rejected', 'Bị từ chối'), ('expired', 'Hết hạn')], default='pending', max_length=10, verbose_name='Trạng thái')),
                        ('reminded_60_at', models.DateTimeField(blank=True, null=True)),
                        ('reminded_30_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('products', models.ManyToManyField(related_name='ocop_certificates', to='catalogue.product', verbose_name='Sản phẩm được công nhận')),
                        ('shop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ocop_certificates', to='shops.shop')),
                    ],
                    options={
                        'verbose_name': 'Giấy chứng nhận OCOP',
                        'verbose_name_plural': 'Giấy chứng nhận OCOP',
                        'db_table': 'shops_ocopcertificate',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CertificateEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(blank=True, choices=[('pending', 'Chờ xác minh'), ('verified', 'Đã xác minh'), ('rejected', 'Bị từ chối'), ('expired', 'Hết hạn')], max_length=10)),
                        ('to_status', models.CharField(choices=[('pending', 'Chờ xác minh'), ('verified', 'Đã xác minh'), ('rejected', 'Bị từ chối'), ('expired', 'Hết hạn')], max_length=10)),
                        ('note', models.TextField(blank=True, verbose_name='Ghi chú')),
                        ('notified_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('certificate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='ocop.ocopcertificate')),
                    ],
                    options={
                        'db_table': 'shops_certificateevent',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='ocopcertificate',
                    index=models.Index(fields=['status', 'expires_on'], name='shops_ocopc_status_ac80dc_idx'),
                ),
                migrations.AddConstraint(
                    model_name='ocopcertificate',
                    constraint=models.CheckConstraint(condition=models.Q(('expires_on__gt', models.F('issued_on'))), name='certificate_expires_after_issue'),
                ),
            ],
            database_operations=[],
        ),
        move_content_types(models=("ocopcertificate", "certificateevent"), from_app="shops", to_app="ocop"),
    ]
