"""Vietnamese number and date formats: Django's, plus digit grouping ("9.948") and dd/mm/yyyy."""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
