"""/reports/: the Union's report, for union staff (every province) and mentors (theirs only: a
province outside them answers 404), with its downloads."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from marketplace import geo
from marketplace.spreadsheets import csv_response, xlsx_response
from shops.permissions import is_mentor, mentor_province_codes

from . import charts, tables
from .figures import Scope, by_province_and_month, report
from .periods import BadPeriod, period_from, today

RECENT_YEARS = 5


def scope_of(request) -> Scope:
    """Her provinces, narrowed to ?province= when it is one of them; 404 for any other province."""
    if not is_mentor(request.user):
        raise PermissionDenied
    allowed = mentor_province_codes(request.user)
    raw = request.GET.get("province")
    if raw:
        code = geo.province_code_from(raw)
        if code is None or (allowed is not None and code not in allowed):
            raise Http404
        return Scope(frozenset({code}))
    return Scope(None if allowed is None else frozenset(allowed))


class ReportView(LoginRequiredMixin, TemplateView):
    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_of(self.request)
        try:
            period = period_from(self.request.GET)
        except BadPeriod as problem:
            context["period_error"] = str(problem)
            period = period_from({})
        result = report(period=period, scope=scope)
        allowed = mentor_province_codes(self.request.user)
        context.update(
            report=result,
            query=self.request.GET.urlencode(),
            province_choices=[
                (code, name) for code, name in geo.province_choices() if allowed is None or code in allowed
            ],
            chosen_province=self.request.GET.get("province", ""),
            years=[today().year - offset for offset in range(RECENT_YEARS)],
            revenue_chart=charts.line_chart(
                title=_("Doanh số theo tháng"),
                points=[(f"{row['month']:%m/%y}", row["gmv"]) for row in result.trend],
                unit="money",
            ),
            orders_chart=charts.line_chart(
                title=_("Đơn đã thanh toán theo tháng"),
                points=[(f"{row['month']:%m/%y}", row["orders"]) for row in result.trend],
            ),
            provinces_chart=charts.bar_chart(
                title=_("Doanh số theo tỉnh/thành"),
                bars=[(row["name"], row["gmv"]) for row in result.provinces[:12]],
                unit="money",
            ),
            stars_chart=charts.bar_chart(
                title=_("Sản phẩm theo hạng sao OCOP"),
                bars=[(f"{level}★", count) for level, count in result.stars.items()],
            ),
            tables={name: tables.table(result, name) for name in tables.TABLES},
        )
        return context


def report_download(request, name: str, fmt: str):
    """One table of the report, as on screen, as CSV or .xlsx."""
    if name not in tables.DOWNLOADS or fmt not in ("csv", "xlsx"):
        raise Http404
    if not request.user.is_authenticated:
        raise PermissionDenied
    scope = scope_of(request)
    try:
        period = period_from(request.GET)
    except BadPeriod as problem:
        raise Http404(str(problem)) from problem
    if name == "province_months":
        header, rows = tables.province_months(by_province_and_month(period=period, scope=scope))
    else:
        header, rows = tables.table(report(period=period, scope=scope), name)
    province = f"-{request.GET['province']}" if request.GET.get("province") else ""
    filename = f"bao-cao-{name}-{period.slug}{province}.{fmt}"
    if fmt == "csv":
        return csv_response(filename=filename, header=header, rows=rows)
    return xlsx_response(filename=filename, header=header, rows=rows, title=name)
