"""Money as the money pages show it (`{% load money_tags %}`).

- `|signed_currency`: an amount with its sign, the way a statement shows it: "+150.000 ₫", "−7.500 ₫"
  (a true minus sign, U+2212), "0 ₫".
- `|amount`: a balance, with a true minus sign when it is negative: "−20.000 ₫".
- `|percent`: a commission rate in basis points as a percentage: 500 → "5 %", 250 → "2,5 %".
"""

from django import template
from oscar.templatetags.currency_filters import currency

from payments.statements import percent_text

register = template.Library()

MINUS = "\u2212"


@register.filter
def signed_currency(value) -> str:
    if value in (None, ""):
        return ""
    value = int(value)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return f"{sign}{currency(abs(value))}"


@register.filter
def amount(value) -> str:
    if value in (None, ""):
        return ""
    value = int(value)
    return f"{MINUS if value < 0 else ''}{currency(abs(value))}"


@register.filter
def percent(rate_bp) -> str:
    return "" if rate_bp in (None, "") else percent_text(int(rate_bp))
