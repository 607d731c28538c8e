"""Vietnamese text helpers: ASCII folding for slugs, bank memos and accent-free search."""

import unicodedata

from django.utils.text import slugify as django_slugify


def strip_diacritics(text: str) -> str:
    """'Nước mắm Đặc sản' -> 'Nuoc mam Dac san'. đ/Đ are letters of their own, not accents."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(value: str, allow_unicode: bool = False) -> str:
    """Oscar's OSCAR_SLUG_FUNCTION: 'Nước mắm 30 độ đạm' -> 'nuoc-mam-30-do-dam'."""
    if allow_unicode:
        return django_slugify(value, allow_unicode=True)
    return django_slugify(strip_diacritics(value))
