"""The listing filter form: search words, category, province, OCOP stars, price range, sort.

Read from the query string of every listing (all products, a category, a shop, the search page);
a value that makes no sense is reported on its field and the rest of the filters still apply.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import geo
from marketplace.money import WholeNumberField

from .selectors import OCOP_LEVELS, ProductFilters, Sort

MAX_PRICE = 1_000_000_000


class ListingFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    category = forms.IntegerField(required=False, widget=forms.HiddenInput)
    province = forms.TypedChoiceField(
        label=_("Tỉnh/thành phố"), required=False, coerce=int, empty_value=None, choices=()
    )
    ocop = forms.TypedChoiceField(
        label=_("Sao OCOP"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả"))] + [(level, f"{level}★+") for level in OCOP_LEVELS],
    )
    price_min = WholeNumberField(label=_("Giá từ (₫)"), required=False, maximum=MAX_PRICE)
    price_max = WholeNumberField(label=_("Giá đến (₫)"), required=False, maximum=MAX_PRICE)
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=Sort.choices)

    def __init__(self, *args, searching: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Tất cả tỉnh/thành"))] + list(geo.province_choices())
        if not searching:
            self.fields["sort"].choices = [c for c in Sort.choices if c[0] != Sort.RELEVANCE]
        for name in ("price_min", "price_max"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0"})

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            cleaned["price_min"], cleaned["price_max"] = high, low  # what she meant
        return cleaned

    def filters(self, **fixed) -> ProductFilters:
        """The valid part of what was asked, plus what the page fixes (its category or shop)."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        filters = {
            "query": (values.get("q") or "").strip(),
            "category_id": values.get("category"),
            "province_code": values.get("province"),
            "ocop_min": values.get("ocop"),
            "price_min": values.get("price_min"),
            "price_max": values.get("price_max"),
            "sort": values.get("sort") or "",
        }
        filters.update(fixed)
        return ProductFilters(**filters)
