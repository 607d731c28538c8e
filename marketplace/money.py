"""Whole đồng as people type them, and the form field that reads them.

VND has no decimals: "150000", "150.000", "150,000" and "150.000 ₫" are all 150.000 ₫, while
"150.5" or "1,5" is a mistake to point out, never a number to round.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

THOUSANDS = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
CURRENCY_MARKS = re.compile(r"₫|đ|vnđ$|vnd$", re.IGNORECASE)


class InvalidAmount(ValueError):
    """A price or quantity that is not a whole number in range; the message is for a person."""


def parse_whole_number(raw: str, *, what: str, maximum: int, minimum: int = 0) -> int:
    """Whole numbers as people type them: '150000', '150.000', '150,000' or '150.000 ₫' (never decimals)."""
    cleaned = CURRENCY_MARKS.sub("", str(raw).strip()).strip()
    if THOUSANDS.match(cleaned):
        cleaned = re.sub(r"[.,\s]", "", cleaned)
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise InvalidAmount(_("%(what)s phải là số nguyên không âm (ví dụ 150000).") % {"what": what})
    if len(cleaned.lstrip("0")) > len(str(maximum)) or int(cleaned) > maximum:
        raise InvalidAmount(_("%(what)s quá lớn.") % {"what": what})
    number = int(cleaned)
    if number < minimum:
        raise InvalidAmount(_("%(what)s phải lớn hơn 0.") % {"what": what})
    return number


class WholeNumberField(forms.CharField):
    """A price or quantity typed the Vietnamese way ("150.000"), kept as an int."""

    def __init__(self, *, maximum: int, minimum: int = 0, **kwargs):
        self.maximum, self.minimum = maximum, minimum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_whole_number(value, what=str(self.label), maximum=self.maximum, minimum=self.minimum)
        except InvalidAmount as problem:
            raise ValidationError(str(problem)) from None
