from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = _("Cửa hàng")

    def ready(self):
        from . import receivers, views  # noqa: F401  (receivers keep the page caches fresh)

        # Oscar builds its catalogue and search URLs from these attributes of its app configs. The
        # storefront answers them with its own pages: the app above fills in the one below, which
        # never imports it.
        catalogue = apps.get_app_config("catalogue")
        catalogue.catalogue_view = views.CatalogueView
        catalogue.category_view = views.ProductCategoryView
        catalogue.detail_view = views.ProductDetailView
        apps.get_app_config("search").search_view = views.FacetedSearchView
