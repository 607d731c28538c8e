import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked for our search documents; its page is the storefront's."""

    name = "search"

    def ready(self):
        super().ready()
        from django.contrib.postgres.lookups import TrigramWordSimilar

        from . import receivers  # noqa: F401  (keeps search documents fresh)
        from .models import ProductDocument

        # `text %> query` on PostgreSQL, served by the GIN trigram index (see migration 0001).
        ProductDocument._meta.get_field("text").register_lookup(TrigramWordSimilar)
        ProductDocument._meta.get_field("title").register_lookup(TrigramWordSimilar)
