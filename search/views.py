"""The search page: the shared listing view with the search words and relevance first."""

from django.utils.translation import gettext_lazy as _

from catalogue.views import ListingView


class FacetedSearchView(ListingView):
    """Oscar's search URL (`search:search`), answered from our own index instead of Haystack."""

    template_name = "oscar/search/results.html"
    searching = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Kết quả tìm kiếm")
        return context
