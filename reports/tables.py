"""The report's tables as rows: the same on screen, in the CSV and in the .xlsx download."""

from django.utils.translation import gettext as _

from .figures import Figure, Report

TABLES = ("summary", "months", "provinces")
DOWNLOADS = (*TABLES, "province_months")  # the cross table is only downloaded: too long for a phone


def _number(figure_value):
    return "" if figure_value is None else figure_value


def summary(report: Report) -> tuple[list[str], list[list]]:
    header = [_("Nhóm"), _("Chỉ số"), report.period.label, report.previous.label, _("Thay đổi"), _("Đơn vị")]
    rows = [
        [
            str(title),
            str(figure.label),
            _number(figure.value),
            _number(figure.previous),
            _number(figure.change),
            unit_label(figure),
        ]
        for title, figures in report.sections
        for figure in figures
    ]
    return header, rows


def months(report: Report) -> tuple[list[str], list[list]]:
    header = [
        _("Tháng"),
        _("Đơn đặt"),
        _("Đơn đã thanh toán"),
        _("Doanh số (₫)"),
        _("Phí giao hàng (₫)"),
        _("Phí hoa hồng (₫)"),
        _("Ngân hàng tự xác nhận (%)"),
    ]
    rows = [
        [
            f"{row['month']:%m/%Y}",
            row["orders_placed"],
            row["orders"],
            row["gmv"],
            row["shipping"],
            row["commission"],
            _number(row["by_feed_share"]),
        ]
        for row in report.months
    ]
    return header, rows


def provinces(report: Report) -> tuple[list[str], list[list]]:
    header = [
        _("Tỉnh/thành phố"),
        _("Hồ sơ nhận được"),
        _("Được duyệt"),
        _("Gian hàng đang hoạt động"),
        _("Gian hàng có đơn"),
        _("Đơn đã thanh toán"),
        _("Doanh số (₫)"),
        _("Phí hoa hồng (₫)"),
        _("Ngân hàng tự xác nhận (%)"),
    ]
    rows = [
        [
            row["name"],
            row["applications"],
            row["approved"],
            row["live"],
            row["shops"],
            row["orders"],
            row["gmv"],
            row["commission"],
            _number(row["by_feed_share"]),
        ]
        for row in report.provinces
    ]
    return header, rows


def province_months(rows: list[dict]) -> tuple[list[str], list[list]]:
    header = [
        _("Tỉnh/thành phố"),
        _("Tháng"),
        _("Gian hàng có đơn"),
        _("Đơn đã thanh toán"),
        _("Doanh số (₫)"),
        _("Phí giao hàng (₫)"),
        _("Phí hoa hồng (₫)"),
        _("Ngân hàng tự xác nhận (%)"),
    ]
    return header, [
        [
            row["name"],
            f"{row['month']:%m/%Y}",
            row["shops"],
            row["orders"],
            row["gmv"],
            row["shipping"],
            row["commission"],
            _number(row["by_feed_share"]),
        ]
        for row in rows
    ]


def unit_label(figure: Figure) -> str:
    return {"money": "₫", "percent": "%", "days": _("ngày"), "hours": _("giờ")}.get(figure.unit, "")


def table(report: Report, name: str) -> tuple[list[str], list[list]]:
    return {"summary": summary, "months": months, "provinces": provinces}[name](report)
