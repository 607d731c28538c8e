"""Rebuild every product's search document (after a restore or a bulk load; saves keep them fresh)."""

from django.core.management.base import BaseCommand

from search.indexing import search_documents_refresh


class Command(BaseCommand):
    help = "Viết lại tài liệu tìm kiếm của mọi sản phẩm."

    def handle(self, *args, **options):
        written = search_documents_refresh()
        self.stdout.write(f"{written} tài liệu tìm kiếm đã được ghi.")
