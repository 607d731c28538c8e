"""Vietnamese number and date formats: Django's, plus digit grouping ("9.948") and dd/mm/yyyy."""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
# What date boxes accept: ISO first (what <input type="date"> sends), then day before month; never
# Django's default month-first "%m/%d/%Y", which would read 05/03/2026 as the 3rd of May.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"]
