from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MarketplaceConfig(AppConfig):
    """The project package as an app: its shared helpers, and the site's own address kept in step."""

    name = "marketplace"
    verbose_name = "Chợ Sen"

    def ready(self):
        from .sites import site_follows_site_url

        post_migrate.connect(site_follows_site_url, dispatch_uid="site_follows_site_url")
