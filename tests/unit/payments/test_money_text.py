"""Money as the money pages write and read it: signed amounts, percentages typed and shown, months."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from payments.forms import CommissionRateForm
from payments.statements import Month, percent_text
from payments.templatetags.money_tags import amount, percent, signed_currency

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(150_000, "+150.000\xa0₫"), (-7_500, "\u22127.500\xa0₫"), (0, "0\xa0₫"), (None, "")],
)
def test_a_statement_amount_carries_its_sign_with_a_true_minus(value, shown):
    assert signed_currency(value) == shown


def test_a_negative_balance_has_a_true_minus_and_a_positive_one_no_plus():
    assert (amount(-20_000), amount(345_000)) == ("\u221220.000\xa0₫", "345.000\xa0₫")


@pytest.mark.parametrize(
    ("rate_bp", "vietnamese", "english"),
    [
        (500, "5\xa0%", "5\xa0%"),
        (250, "2,5\xa0%", "2.5\xa0%"),
        (375, "3,75\xa0%", "3.75\xa0%"),
        (0, "0\xa0%", "0\xa0%"),
    ],
)
def test_a_rate_in_basis_points_reads_as_a_percentage_in_each_language(rate_bp, vietnamese, english):
    assert percent_text(rate_bp) == percent(rate_bp) == vietnamese
    with translation.override("en"):
        assert percent_text(rate_bp) == english


@pytest.mark.parametrize(
    ("typed", "rate_bp"),
    [("5", 500), ("2,5", 250), ("2.5", 250), (" 2,5 % ", 250), ("0", 0), ("0,25", 25), ("100", 10_000)],
)
def test_a_percentage_is_typed_as_people_write_it(typed, rate_bp):
    form = CommissionRateForm({"rate_bp": typed, "note": "Quyết định"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["rate_bp"] == rate_bp


@pytest.mark.parametrize("typed", ["", "năm", "-1", "2,555", "1.000,5", "100,01", "5%%", "٥", "1e2"])
def test_anything_else_is_refused(typed):
    assert not CommissionRateForm({"rate_bp": typed, "note": "Quyết định"}).is_valid()


def test_a_month_runs_from_midnight_on_its_first_day_in_hanoi():
    november = Month.parse("2026-11", default=None)

    assert november.start == datetime.datetime(2026, 11, 1, tzinfo=HANOI)
    assert november.end == datetime.datetime(2026, 12, 1, tzinfo=HANOI)
    assert Month.parse("2026-12", default=None).end == datetime.datetime(2027, 1, 1, tzinfo=HANOI)
    assert (november.value, november.numeric, november.label) == ("2026-11", "11/2026", "Tháng 11/2026")
    late_in_utc = datetime.datetime(
        2026, 10, 31, 17, 30, tzinfo=datetime.UTC
    )  # 00:30 on 1 November in Hà Nội
    assert Month.of(late_in_utc) == november


@pytest.mark.parametrize(
    "text", [None, "", "2026", "2026-00", "2026-13", "1999-05", "2101-01", "x-y", "2026-1-1"]
)
def test_a_month_nobody_could_pick_is_the_default(text):
    default = Month(2026, 12)

    assert Month.parse(text, default=default) is default
