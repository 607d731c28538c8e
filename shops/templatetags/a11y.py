"""Template helpers for screen readers, shared by every app's templates (`{% load a11y %}`).

- `|vi`, `{% vi_lang %}` and `|vi_options`: Vietnamese data (names, titles, places, stories) marked
  lang="vi" on a page in another language, so a screen reader reads it with a Vietnamese voice.
- `|described`: a form control pointing aria-describedby at its errors, then its help text, with the
  ids that `|error_id` and `|help_id` give the elements showing them (`|describedby_attr` for a
  control or a group of radio buttons written out by hand).
- `|product_name`: what a product photo shows, for its alt text: the product's name, and the
  variant's ("Mật ong hoa nhãn – 500 ml").
- `|time_left`: a duration in words ("23 giờ 59 phút"), for the payment page's countdown.
"""

import json
import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from widget_tweaks.templatetags.widget_tweaks import set_attr

register = template.Library()

VIETNAMESE = "vi"


def _page_is_vietnamese() -> bool:
    return (get_language() or VIETNAMESE).split("-")[0] == VIETNAMESE


@register.filter(is_safe=True)
def vi(value):
    """The value as <span lang="vi">…</span> when the page is not in Vietnamese, else as it is."""
    if value is None or value == "":
        return ""
    if _page_is_vietnamese():
        return conditional_escape(value)
    return format_html('<span lang="vi">{}</span>', value)


@register.filter(is_safe=True)
def vi_options(html):
    """A rendered <select> whose options (but the empty "choose…" one) are marked lang="vi" when the
    page is not in Vietnamese: province and ward names. Use as {% filter vi_options %}…{% endfilter %}."""
    if _page_is_vietnamese():
        return html
    return mark_safe(re.sub(r'<option value="(?=[^"])', '<option lang="vi" value="', str(html)))  # noqa: S308


@register.simple_tag
def vi_lang():
    """` lang="vi"` for an element holding Vietnamese text, when the page is not in Vietnamese."""
    return "" if _page_is_vietnamese() else mark_safe(' lang="vi"')  # noqa: S308 (a constant)


@register.filter
def error_id(field, number) -> str:
    """The id of the field's error number `number` (from 1, as forloop.counter)."""
    return f"{field.auto_id}_error{number}" if field.auto_id else ""


@register.filter
def help_id(field) -> str:
    return f"{field.auto_id}_helptext" if field.auto_id else ""


@register.filter
def describedby(field, more: str = "") -> str:
    """The ids that describe the field's control: its errors first, then its help text, then `more`
    (the id of a hint the template writes itself)."""
    if not getattr(field, "auto_id", ""):
        return more or ""
    ids = [error_id(field, number) for number in range(1, len(field.errors) + 1)]
    if field.help_text:
        ids.append(help_id(field))
    if more:
        ids.append(more)
    return " ".join(ids)


@register.filter
def describedby_attr(field, more: str = ""):
    """` aria-describedby="…"` for a control or group written out by hand ("" when nothing describes it)."""
    ids = describedby(field, more)
    return format_html(' aria-describedby="{}"', ids) if ids else ""


@register.filter
def described(field, more: str = ""):
    """The bound field whose control says aria-describedby="<its errors> <its help> <more>".

    Django would point it at "<id>_helptext <id>_error" (help first, one id for every error), so the
    templates give each error and the help their own id and this filter names them, errors first.
    Usable alone (`{{ field|described }}`) or inside `{% render_field field|described … %}`.
    """
    ids = describedby(field, more)
    return set_attr(field, f"aria-describedby:{ids}") if ids else field


@register.filter
def product_name(product) -> str:
    """The product's name for its photos: a variant's name comes after its product's."""
    if product is None:
        return ""
    title = product.get_title()
    parent = getattr(product, "parent", None) if getattr(product, "parent_id", None) else None
    if parent is not None and product.title and parent.title and product.title != parent.title:
        return f"{parent.title} – {product.title}"
    return title


def _unit(seconds_or_count: int, unit: str) -> str:
    n = seconds_or_count
    if unit == "h":
        return ngettext("%(n)d giờ", "%(n)d giờ", n) % {"n": n}
    if unit == "m":
        return ngettext("%(n)d phút", "%(n)d phút", n) % {"n": n}
    return ngettext("%(n)d giây", "%(n)d giây", n) % {"n": n}


@register.simple_tag
def time_units() -> str:
    """The words `time_left` uses, for a script that counts down the same way: {"h": [one, many], …}
    with # where the number goes."""
    return json.dumps(
        {unit: [_unit(1, unit).replace("1", "#", 1), _unit(2, unit).replace("2", "#", 1)] for unit in "hms"},
        ensure_ascii=False,
    )


@register.filter
def time_left(seconds) -> str:
    """A duration in words: hours and minutes, minutes and seconds under an hour, seconds under a minute."""
    try:
        seconds = max(int(seconds), 0)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(_unit(hours, "h"))
    if hours or minutes:
        parts.append(_unit(minutes, "m"))
    if not hours:
        parts.append(_unit(seconds, "s"))
    return " ".join(parts)
