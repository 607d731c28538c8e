from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

register = template.Library()


def _shown(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "money":
        return currency(value)
    if unit == "percent":
        return f"{value:g} %".replace(".", ",")
    if unit == "days":
        return _("%(n)s ngày") % {"n": f"{value:g}".replace(".", ",")}
    if unit == "hours":
        return _("%(n)s giờ") % {"n": f"{value:g}".replace(".", ",")}
    return f"{value:,}".replace(",", ".")


@register.filter
def figure_value(figure) -> str:
    return _shown(figure.value, figure.unit)


@register.filter
def figure_previous(figure) -> str:
    return _shown(figure.previous, figure.unit)


@register.filter
def figure_change(figure) -> str:
    """▲/▼ and the difference, said in words too for screen readers."""
    change = figure.change
    if change is None:
        return ""
    if change == 0:
        return format_html('<span class="chg">{}</span>', _("không đổi"))
    up = change > 0
    return format_html(
        '<span class="chg {}"><span aria-hidden="true">{}</span><span class="sr-only">{}</span> {}</span>',
        "up" if up else "down",
        "▲" if up else "▼",
        _("tăng") if up else _("giảm"),
        _shown(abs(change), figure.unit),
    )


@register.filter
def figure_change_text(figure) -> str:
    """The size of the change, in plain text (emails)."""
    return "" if figure.change is None else _shown(abs(figure.change), figure.unit)


@register.filter
def cell(value) -> str:
    """A table cell on screen: whole numbers with dots (330.000), decimals with a comma (33,3)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return _shown(value, "count") if isinstance(value, int) else f"{value:g}".replace(".", ",")
