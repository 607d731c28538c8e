"""Demo pictures drawn with Pillow: product photos, shop logos and banners.

Same input, same bytes (no randomness, no timestamps in the PNG), so that re-imported photos are
recognised by their fingerprint and never added twice.
"""

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]

WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NAME_PREFIXES = ("HTX ", "Cơ sở ", "Tổ hợp tác ", "Xưởng ")


@cache
def _font(size: int, *, bold: bool = True) -> ImageFont.FreeTypeFont:
    """DejaVu has every Vietnamese letter; Pillow's own font is the last resort."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for candidate in (DEJAVU / name, name):
        try:
            return ImageFont.truetype(str(candidate), size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _mix(colour: Colour, other: Colour, amount: float) -> Colour:
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def _png(image: Image.Image) -> bytes:
    """Light compression: it is several times faster, and the import re-encodes photos as JPEG anyway."""
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _wrap(draw: ImageDraw.ImageDraw, text: str, *, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fitted_lines(draw, text: str, *, width: int, sizes: tuple[int, ...], max_lines: int):
    """The largest font size at which the text fits in max_lines lines."""
    for size in sizes:
        font = _font(size)
        lines = _wrap(draw, text, font=font, width=width)
        if len(lines) <= max_lines:
            break
    return font, lines


def _draw_lines(draw, lines: list[str], *, font, centre: tuple[int, int], fill: Colour) -> float:
    """Lines centred on a point; returns where the last one ends."""
    step = font.size * 1.2
    y = centre[1] - step * (len(lines) - 1) / 2
    for line in lines:
        draw.text((centre[0], y), line, font=font, fill=fill, anchor="mm")
        y += step
    return y - step / 2


# Shapes: each draws in a box, with the product's colour and a darker shade of it ---------------


def _bottle(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    middle = (left + right) // 2
    draw.rounded_rectangle(
        (left + 70, top + 150, right - 70, bottom), radius=50, fill=fill, outline=dark, width=6
    )
    draw.polygon(
        [(middle - 40, top + 70), (middle + 40, top + 70), (right - 70, top + 190), (left + 70, top + 190)],
        fill=fill,
    )
    draw.rectangle((middle - 36, top + 40, middle + 36, top + 110), fill=fill, outline=dark, width=6)
    draw.rounded_rectangle((middle - 46, top, middle + 46, top + 50), radius=10, fill=dark)
    draw.rounded_rectangle((left + 90, top + 230, right - 90, top + 330), radius=12, fill=WHITE)
    draw.line((left + 115, top + 280, right - 115, top + 280), fill=dark, width=8)


def _jar(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    draw.rounded_rectangle(
        (left + 30, top + 110, right - 30, bottom), radius=70, fill=fill, outline=dark, width=6
    )
    draw.rounded_rectangle((left + 50, top + 50, right - 50, top + 130), radius=16, fill=dark)
    draw.ellipse((left + 80, top + 200, right - 80, bottom - 60), fill=WHITE)
    draw.ellipse((left + 120, top + 240, right - 120, bottom - 100), outline=fill, width=8)


def _bag(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    draw.polygon(
        [(left + 50, top + 60), (right - 50, top + 60), (right - 10, bottom), (left + 10, bottom)],
        fill=fill,
        outline=dark,
        width=6,
    )
    draw.rectangle((left + 50, top + 40, right - 50, top + 90), fill=dark)
    for x in range(left + 62, right - 50, 24):
        draw.line((x, top + 40, x, top + 90), fill=fill, width=4)
    middle, height = (left + right) // 2, (top + bottom) // 2 + 30
    draw.ellipse((middle - 95, height - 95, middle + 95, height + 95), fill=WHITE)
    draw.ellipse((middle - 60, height - 60, middle + 60, height + 60), fill=_mix(fill, WHITE, 0.4))


def _box(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    depth = 50
    draw.polygon(
        [
            (left, top + 120),
            (left + depth, top + 120 - depth),
            (right, top + 120 - depth),
            (right - depth, top + 120),
        ],
        fill=_mix(fill, WHITE, 0.3),
    )
    draw.polygon(
        [
            (right - depth, top + 120),
            (right, top + 120 - depth),
            (right, bottom - depth),
            (right - depth, bottom),
        ],
        fill=dark,
    )
    draw.rectangle((left, top + 120, right - depth, bottom), fill=fill)
    ribbon = (left + right - depth) // 2
    draw.rectangle((ribbon - 18, top + 120, ribbon + 18, bottom), fill=WHITE)
    draw.rectangle((left, (top + bottom) // 2 + 40, right - depth, (top + bottom) // 2 + 76), fill=WHITE)


def _bowl(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    left, right, rim = left - 50, right + 50, top + 170
    middle = (left + right) // 2
    draw.rounded_rectangle((middle - 70, bottom - 60, middle + 70, bottom - 15), radius=8, fill=dark)
    draw.chord((left, rim - 230, right, bottom - 40), start=0, end=180, fill=WHITE, outline=dark, width=6)
    draw.arc((left + 30, rim - 200, right - 30, bottom - 90), start=30, end=150, fill=fill, width=14)
    for x in range(middle - 120, middle + 121, 60):
        draw.ellipse((x - 12, rim + 62, x + 12, rim + 86), fill=fill)
    draw.ellipse((left, rim - 40, right, rim + 40), fill=_mix(fill, WHITE, 0.75), outline=dark, width=6)


def _basket(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    draw.arc((left + 50, top, right - 50, top + 300), start=180, end=360, fill=dark, width=18)
    draw.polygon(
        [(left, top + 150), (right, top + 150), (right - 50, bottom), (left + 50, bottom)], fill=fill
    )
    for y in range(top + 180, bottom, 40):
        draw.line((left + 10, y, right - 10, y), fill=dark, width=6)
    for x in range(left + 40, right, 48):
        draw.line((x, top + 150, x + (20 if x > (left + right) // 2 else -20), bottom), fill=dark, width=4)
    draw.rectangle((left - 10, top + 140, right + 10, top + 170), fill=dark)


def _cloth(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    stripes = (fill, dark, (236, 196, 60), fill, WHITE, dark, fill)
    height = (bottom - 40 - top) // len(stripes)
    for number, colour in enumerate(stripes):
        y = top + number * height
        draw.rectangle((left, y, right, y + height), fill=colour)
        if colour == fill:
            for x in range(left + 20, right - 20, 60):
                middle = y + height // 2
                diamond = [(x + 20, middle - 20), (x + 40, middle), (x + 20, middle + 20), (x, middle)]
                draw.polygon(diamond, fill=(236, 196, 60))
    for x in range(left + 6, right, 16):
        draw.line((x, top + len(stripes) * height, x, bottom), fill=dark, width=4)


def _frame(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    gold = (212, 170, 70)
    draw.rectangle((left - 20, top + 40, right + 20, bottom), fill=dark)
    draw.rectangle((left, top + 60, right, bottom - 20), fill=(30, 20, 16))
    draw.ellipse((right - 130, top + 100, right - 50, top + 180), fill=gold)
    draw.polygon([(left, bottom - 20), (left + 120, top + 220), (left + 230, bottom - 20)], fill=fill)
    draw.polygon([(left + 140, bottom - 20), (left + 260, top + 260), (right, bottom - 20)], fill=gold)
    draw.rectangle((left, top + 60, right, bottom - 20), outline=gold, width=6)


def _lantern(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    middle = (left + right) // 2
    gold = (236, 196, 60)
    draw.line((middle, top, middle, top + 50), fill=dark, width=6)
    draw.ellipse((left + 20, top + 70, right - 20, bottom - 90), fill=fill, outline=dark, width=6)
    for inset in (60, 120):
        draw.arc((left + 20 + inset, top + 70, right - 20 - inset, bottom - 90), 270, 90, fill=dark, width=5)
        draw.arc((left + 20 + inset, top + 70, right - 20 - inset, bottom - 90), 90, 270, fill=dark, width=5)
    draw.rounded_rectangle((middle - 80, top + 40, middle + 80, top + 85), radius=10, fill=gold)
    draw.rounded_rectangle((middle - 80, bottom - 110, middle + 80, bottom - 65), radius=10, fill=gold)
    for x in range(middle - 30, middle + 31, 15):
        draw.line((x, bottom - 65, x, bottom), fill=gold, width=5)


def _fruit(draw: ImageDraw.ImageDraw, box: Box, fill: Colour, dark: Colour) -> None:
    left, top, right, bottom = box
    leaf = (70, 140, 60)
    draw.ellipse((left + 120, top + 40, left + 260, top + 120), fill=leaf)
    draw.ellipse((left + 170, top + 70, left + 300, top + 140), fill=_mix(leaf, BLACK, 0.2))
    for x, y, radius in (
        (left + 90, bottom - 110, 110),
        (right - 90, bottom - 110, 110),
        ((left + right) // 2, top + 220, 120),
    ):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill, outline=dark, width=6)
        draw.ellipse(
            (x - radius // 2, y - radius // 2, x - radius // 6, y - radius // 6), fill=_mix(fill, WHITE, 0.45)
        )


SHAPES: dict[str, Callable[[ImageDraw.ImageDraw, Box, Colour, Colour], None]] = {
    "bottle": _bottle,
    "jar": _jar,
    "bag": _bag,
    "box": _box,
    "bowl": _bowl,
    "basket": _basket,
    "cloth": _cloth,
    "frame": _frame,
    "lantern": _lantern,
    "fruit": _fruit,
}


# Pictures -------------------------------------------------------------------------------------


def product_picture(*, name: str, pack: str, colour: Colour, shape: str) -> bytes:
    """An 800x800 PNG: the product's name, a drawing of what it comes in, and its pack."""
    image = Image.new("RGB", (800, 800), _mix(colour, WHITE, 0.8))
    draw = ImageDraw.Draw(image)
    dark = _mix(colour, BLACK, 0.4)
    font, lines = _fitted_lines(draw, name, width=720, sizes=(60, 52, 44, 38), max_lines=2)
    _draw_lines(draw, lines, font=font, centre=(400, 100), fill=_mix(colour, BLACK, 0.65))
    SHAPES[shape](draw, (240, 210, 560, 640), colour, dark)
    label_font = _font(36, bold=False)
    width = draw.textlength(pack, font=label_font)
    draw.rounded_rectangle((400 - width / 2 - 30, 680, 400 + width / 2 + 30, 750), radius=35, fill=dark)
    draw.text((400, 715), pack, font=label_font, fill=WHITE, anchor="mm")
    return _png(image)


def initials(shop_name: str) -> str:
    """'HTX Nước mắm Cát Hải' -> 'NM': the first letters of what the shop makes."""
    for prefix in NAME_PREFIXES:
        shop_name = shop_name.removeprefix(prefix)
    return "".join(word[0] for word in shop_name.split()[:2]).upper()


def shop_logo(*, shop_name: str, colour: Colour) -> bytes:
    """A 256x256 PNG with the shop's initials; pages crop it to a circle."""
    background = _mix(colour, BLACK, 0.15)
    image = Image.new("RGB", (256, 256), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 236, 236), outline=_mix(background, WHITE, 0.5), width=6)
    draw.text((128, 132), initials(shop_name), font=_font(100), fill=WHITE, anchor="mm")
    return _png(image)


def shop_banner(*, shop_name: str, place: str, colour: Colour) -> bytes:
    """A 1200x400 PNG: a gradient in the shop's colour, lotus-leaf circles, its name and place."""
    size = (1200, 400)
    start, end = _mix(colour, BLACK, 0.25), _mix(colour, (239, 122, 159), 0.45)
    mask = Image.linear_gradient("L").rotate(90).resize(size)
    image = Image.composite(Image.new("RGB", size, start), Image.new("RGB", size, end), mask)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for x, y, radius in ((80, 340, 160), (1120, 60, 190), (980, 380, 110), (240, 20, 70)):
        shapes.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 38))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    font, lines = _fitted_lines(draw, shop_name, width=1080, sizes=(68, 58, 50), max_lines=2)
    bottom = _draw_lines(draw, lines, font=font, centre=(600, 180), fill=WHITE)
    draw.text(
        (600, bottom + 50), place, font=_font(34, bold=False), fill=_mix(WHITE, colour, 0.1), anchor="mm"
    )
    return _png(image)
