"""The period a report covers: a month, a quarter, a year or any span of days, in Vietnam's time.

A period is [start, end) in aware datetimes, with the months it spans and the period just before it
of the same length (the month before, the quarter before, the same number of days before), for
"change against the previous period".
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
KINDS = ("month", "quarter", "year", "custom")
MAX_CUSTOM_DAYS = 3 * 366


class BadPeriod(ValueError):
    """A period a person typed that cannot be read; the message says what to type."""


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: datetime.date
    last_day: datetime.date  # included

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.first_day, datetime.time(), VIETNAM)

    @property
    def end(self) -> datetime.datetime:
        return datetime.datetime.combine(self.last_day + datetime.timedelta(days=1), datetime.time(), VIETNAM)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return _("Tháng %(month)s/%(year)s") % {
                "month": self.first_day.month,
                "year": self.first_day.year,
            }
        if self.kind == "quarter":
            return _("Quý %(quarter)s/%(year)s") % {
                "quarter": (self.first_day.month - 1) // 3 + 1,
                "year": self.first_day.year,
            }
        if self.kind == "year":
            return _("Năm %(year)s") % {"year": self.first_day.year}
        return f"{self.first_day:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        """For file names: 2026-11, 2026-Q4, 2026, 2026-11-01_2026-11-15."""
        if self.kind == "month":
            return f"{self.first_day:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.first_day.year}-Q{(self.first_day.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.first_day.year)
        return f"{self.first_day:%Y-%m-%d}_{self.last_day:%Y-%m-%d}"

    def months(self) -> list[datetime.date]:
        """The first day of each month the period touches."""
        months, month = [], self.first_day.replace(day=1)
        while month <= self.last_day:
            months.append(month)
            month = _add_months(month, 1)
        return months

    def previous(self) -> "Period":
        if self.kind in ("month", "quarter", "year"):
            length = {"month": 1, "quarter": 3, "year": 12}[self.kind]
            first = _add_months(self.first_day, -length)
            return Period(self.kind, first, _add_months(first, length) - datetime.timedelta(days=1))
        days = (self.last_day - self.first_day).days + 1
        return Period(
            "custom",
            self.first_day - datetime.timedelta(days=days),
            self.first_day - datetime.timedelta(days=1),
        )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), VIETNAM).date()


def period_from(query: dict) -> Period:
    """The period a report's query string asks for (?period=month&month=2026-11, quarter=2026-Q4,
    year=2026, or custom with from/to as YYYY-MM-DD); this month when nothing is asked."""
    kind = query.get("period") or "month"
    now = today()
    try:
        if kind == "month":
            first = _month(query.get("month")) if query.get("month") else now.replace(day=1)
            return Period("month", first, _add_months(first, 1) - datetime.timedelta(days=1))
        if kind == "quarter":
            year, quarter = (
                _quarter(query.get("quarter"))
                if query.get("quarter")
                else (now.year, (now.month - 1) // 3 + 1)
            )
            first = datetime.date(year, 3 * quarter - 2, 1)
            return Period("quarter", first, _add_months(first, 3) - datetime.timedelta(days=1))
        if kind == "year":
            year = _year(query.get("year")) if query.get("year") else now.year
            return Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        if kind == "custom":
            first = datetime.date.fromisoformat(query.get("from") or "")
            last = datetime.date.fromisoformat(query.get("to") or "")
        else:
            raise BadPeriod(_("Hãy chọn tháng, quý, năm hoặc khoảng ngày."))
    except (ValueError, OverflowError) as error:
        if isinstance(error, BadPeriod):
            raise
        raise BadPeriod(
            _("Không đọc được kỳ báo cáo. Hãy chọn lại tháng, quý, năm hoặc ngày (dd/mm/yyyy).")
        ) from error
    if last < first:
        raise BadPeriod(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if (last - first).days >= MAX_CUSTOM_DAYS:
        raise BadPeriod(_("Khoảng ngày dài nhất là 3 năm."))
    return Period("custom", first, last)


def _month(text: str) -> datetime.date:
    year, month = text.split("-")
    return datetime.date(_year(year), int(month), 1)


def _quarter(text: str) -> tuple[int, int]:
    year, quarter = text.upper().split("-Q")
    if int(quarter) not in (1, 2, 3, 4):
        raise ValueError(text)
    return _year(year), int(quarter)


def _year(text: str) -> int:
    year = int(text)
    if not 2000 <= year <= 2100:
        raise ValueError(text)
    return year
