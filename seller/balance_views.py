"""The vendor's money (/seller/balance/): her balances, her next payout, and her statement by month,
on the page and as CSV or .xlsx.

Everything is read for the signed-in vendor's own shop (ShopMemberMixin): no URL names a shop, so
another shop's money cannot be asked for.
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from marketplace.spreadsheets import csv_response, xlsx_response
from payments.statements import (
    Month,
    next_payout,
    pending_orders,
    shop_balance,
    shop_statement,
    statement_details,
    statement_months,
)

from .mixins import ShopMemberMixin

LINES_PER_PAGE = 30


class BalanceView(ShopMemberMixin, TemplateView):
    """Three figures (four while a payout is on its way), the next payout and when money becomes
    available, then the month's statement, newest line first."""

    template_name = "seller/balance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = Month.of(timezone.now())
        month = Month.parse(self.request.GET.get("month"), default=current)
        balance = shop_balance(shop=self.shop)
        statement = shop_statement(shop=self.shop, month=month)
        paginator = Paginator(list(reversed(statement.lines)), LINES_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        statement_details(shop=self.shop, statement=statement, lines=page.object_list)
        soonest, waiting = pending_orders(shop=self.shop)
        context.update(
            balance=balance,
            statement=statement,
            month=month,
            is_current_month=month == current,
            months=statement_months(statement=statement, current=current),
            paginator=paginator,
            page_obj=page,
            lines=page.object_list,
            next_payout=next_payout(shop=self.shop, available=balance.available),
            soonest=soonest,
            more_waiting=waiting - len(soonest),
            hold_days=settings.FUNDS_HOLD_DAYS_AFTER_DELIVERY,
            release_days=settings.FUNDS_RELEASE_DAYS_AFTER_SHIPPING,
            payout_minimum=settings.PAYOUT_MINIMUM,
        )
        return context


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


class StatementDownloadView(ShopMemberMixin, View):
    """The month's statement as a spreadsheet, oldest line first, between its opening and closing
    balance; each line says what changed on her pending and available balances."""

    def get(self, request, fmt: str):
        current = Month.of(timezone.now())
        month = Month.parse(request.GET.get("month"), default=current)
        statement = shop_statement(shop=self.shop, month=month)
        statement_details(shop=self.shop, statement=statement)
        header = [
            _("Ngày"),
            _("Số đơn"),
            _("Nội dung"),
            _("Chờ giao (₫)"),
            _("Có thể rút (₫)"),
            _("Số tiền (₫)"),
            _("Số dư (₫)"),
        ]
        rows = [
            ["", "", _("Số dư đầu tháng %(month)s") % {"month": month.numeric}, "", "", "", statement.opening]
        ]
        rows += [
            [
                _local(line.created_at),
                line.number,
                line.description,
                line.pending_change,
                line.available_change,
                line.amount,
                line.total_after,
            ]
            for line in statement.lines
        ]
        rows.append(
            [
                "",
                "",
                _("Số dư cuối tháng %(month)s") % {"month": month.numeric},
                "",
                "",
                "",
                statement.closing,
            ]
        )
        slug = re.sub(r"[^a-z0-9-]+", "", self.shop.slug.lower()) or "gian-hang"
        filename = f"so-tien-{slug}-{month.value}.{fmt}"
        if fmt == "xlsx":
            return xlsx_response(filename=filename, header=header, rows=rows, title=month.value)
        return csv_response(filename=filename, header=header, rows=rows)
