"""Small charts drawn on the server as inline SVG: a line of months, bars of provinces or stars.

Our own few lines rather than a charting library: the charts must be inline (so their text is read
by screen readers and printed with the page) and our Content-Security-Policy refuses the <style>
and <script> elements that pygal's SVG carries. Each chart has a title and a description, and the
same numbers are in the table beside it.
"""

import hashlib

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from oscar.templatetags.currency_filters import currency

WIDTH = 340
PINK, GREY, INK = "#d23369", "#e4e4e9", "#1d1d21"


def _short(value: int | float, unit: str) -> str:
    """A tick label that fits: 1,2 tỷ / 350 tr / 12 for money, plain numbers otherwise."""
    if unit != "money":
        return f"{value:g}"
    if value >= 1_000_000_000:
        return f"{value / 1_000_000_000:.1f} tỷ".replace(".", ",")
    if value >= 1_000_000:
        return f"{value / 1_000_000:.0f} tr"
    if value >= 1_000:
        return f"{value / 1_000:.0f} k"
    return str(int(value))


def line_chart(*, title: str, points: list[tuple[str, int | float]], unit: str = "count") -> SafeString:
    """One line over the months, with a dot and its value at each; the months along the bottom."""
    height, left, right, top, bottom = 180, 18, 18, 24, 28  # room for a month label centred on each end
    peak = max([value for _label, value in points] + [1])
    step = (WIDTH - left - right) / max(len(points) - 1, 1)
    coordinates = [
        (left + index * step, top + (height - top - bottom) * (1 - value / peak), label, value)
        for index, (label, value) in enumerate(points)
    ]
    path = " ".join(
        f"{'M' if index == 0 else 'L'}{x:.1f},{y:.1f}" for index, (x, y, _l, _v) in enumerate(coordinates)
    )
    every = max(len(points) // 6, 1)  # at most about six month labels, so they never overlap
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>',
        (
            (f"{x:.1f}", height - 8, INK, label)
            for index, (x, _y, label, _v) in enumerate(coordinates)
            if (len(coordinates) - 1 - index) % every == 0  # from the end: the period's last month is named
        ),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}: {}</title></circle>',
        (
            (f"{x:.1f}", f"{y:.1f}", PINK, label, _value_text(value, unit))
            for x, y, label, value in coordinates
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t" width="100%">'
        '<title id="{id}-t">{title}</title>'
        '<line x1="{l}" y1="{base}" x2="{r}" y2="{base}" stroke="{grey}"/>'
        '<text x="{l}" y="14" font-size="10" fill="{ink}">{peak}</text>'
        '<path d="{path}" fill="none" stroke="{pink}" stroke-width="2"/>{dots}{labels}</svg>',
        w=WIDTH,
        h=height,
        id=_identifier(title),
        title=title,
        l=left,
        r=WIDTH - right,
        base=height - bottom,
        grey=GREY,
        ink=INK,
        peak=_short(peak, unit),
        path=path or "M0,0",
        pink=PINK,
        dots=dots,
        labels=labels,
    )


def bar_chart(*, title: str, bars: list[tuple[str, int | float]], unit: str = "count") -> SafeString:
    """Horizontal bars, one a row with its name above and its value at its end: long Vietnamese
    province names stay readable at 360 px."""
    row, top = 30, 4
    peak = max([value for _label, value in bars] + [1])
    height = top + row * max(len(bars), 1)
    rows = format_html_join(
        "",
        '<text x="0" y="{}" font-size="11" fill="{}">{}</text>'
        '<rect x="0" y="{}" width="{}" height="10" rx="2" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10" fill="{}">{}</text>',
        (
            (
                top + index * row + 11,
                INK,
                label,
                top + index * row + 15,
                f"{max((WIDTH - 90) * value / peak, 1):.1f}",
                PINK,
                f"{max((WIDTH - 90) * value / peak, 1) + 4:.1f}",
                top + index * row + 24,
                INK,
                _value_text(value, unit),
            )
            for index, (label, value) in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t" width="100%">'
        '<title id="{id}-t">{title}</title>{rows}</svg>',
        w=WIDTH,
        h=height,
        id=_identifier(title),
        title=title,
        rows=rows,
    )


def _value_text(value, unit: str) -> str:
    if unit == "money":
        return currency(int(value))
    if unit == "percent":
        return f"{value:g} %"
    return f"{value:g}"


def _identifier(title: str) -> str:
    return "chart-" + hashlib.blake2s(title.encode(), digest_size=4).hexdigest()
