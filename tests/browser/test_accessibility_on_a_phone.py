"""Keyboard, screen readers and small screens (WCAG 2.2 AA) on a 360 px phone, for every role.

On the main pages of buyers, vendors, mentors and union staff, in headless Chromium:
- Tab goes through every focusable element and none ends up fully under a fixed or sticky bar
  (the header, the bottom navigation, the basket's and checkout's bars, the product's buy bar), nor
  off the screen (WCAG 2.4.11);
- axe-core finds no violation, in Vietnamese and in English;
- every button, link and field one taps is at least 44×44 px (links in a sentence too).

axe-core comes from the axe-playwright-python package (its bundled axe.min.js), run with
page.evaluate so that the Content-Security-Policy of the pages does not stop it.
Screenshots land in var/screenshots/a11y/.
"""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from catalogue.services import ProductInput, VariantInput, product_photos_add, product_save
from ocop.services import CertificateInput, certificate_save
from shops.models import ShopStatus
from tests.browser.checks import axe_violations
from tests.conftest import ROOT
from tests.factories import (
    PASSWORD,
    MentorFactory,
    ProductFactory,
    ShopFactory,
    UserFactory,
    a_picture,
    an_application,
    an_order,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ROOT / "var" / "screenshots" / "a11y"

FISH_SAUCE = "Nước mắm cá cơm Cát Hải 40 độ đạm"

# Run in the page for the focused element: how much of it shows, on the screen and outside every
# fixed or sticky element that is not its own ancestor (sampled on a 5×5 grid of points).
FOCUS_COVERAGE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__tabbed = window.__tabbed || new Set();
  if (window.__tabbed.has(el)) return {again: true};
  window.__tabbed.add(el);
  const r = el.getBoundingClientRect();
  const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).join(".") : "";
  const label = el.innerText || el.value || el.getAttribute("aria-label") || "";
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (classes ? "." + classes : "")
    + " «" + label.trim().slice(0, 40) + "»";
  const bars = [...document.querySelectorAll("body *")].filter(e => {
    const position = getComputedStyle(e).position;
    return (position === "fixed" || position === "sticky") && !e.contains(el);
  }).map(e => ({box: e.getBoundingClientRect(), name: e.tagName.toLowerCase() + "." + e.className}))
    .filter(b => b.box.width > 0 && b.box.height > 0);
  let onScreen = 0, shown = 0;
  const over = new Set();
  for (let i = 0; i <= 4; i++) for (let j = 0; j <= 4; j++) {
    const x = r.left + Math.max(r.width - 1, 0) * i / 4, y = r.top + Math.max(r.height - 1, 0) * j / 4;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    onScreen++;
    const under = bars.filter(b => x >= b.box.left && x < b.box.right && y >= b.box.top && y < b.box.bottom);
    if (under.length) under.forEach(b => over.add(b.name)); else shown++;
  }
  return {name, onScreen, shown, over: [...over]};
}
"""

INTERACTIVE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex='0'], [role=button]"
)
# Run in the page: visible interactive targets smaller than 44×44 px. A checkbox or radio button
# counts with its label (the label is what one taps).
SMALL_TARGETS = """
(selector) => [...document.querySelectorAll(selector)].filter(
  e => e.checkVisibility() && !e.closest(".sr-only, [aria-hidden=true]")
).map(e => {
  let target = e;
  if ((e.type === "checkbox" || e.type === "radio") && e.closest("label")) target = e.closest("label");
  const r = target.getBoundingClientRect();
  const label = e.innerText || e.value || e.getAttribute("aria-label") || "";
  return {name: e.tagName.toLowerCase() + "." + e.className + " «" + label.trim().slice(0, 30) + "»",
          width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10};
}).filter(t => t.width < 44 || t.height < 44)
"""


# Run in the page: Vietnamese text (letters only Vietnamese uses) that is not inside lang="vi" – in the
# page's text, and in the alt text and aria-label attributes a screen reader reads. The marketplace's
# name, "Chợ Sen", may stand in an English sentence.
UNMARKED_VIETNAMESE = """
() => {
  const letters = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
  const vietnamese = {test: text => letters.test(text.replaceAll("Chợ Sen", ""))};
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg") || !vietnamese.test(node.data)) continue;
    if (!parent.checkVisibility() && !parent.closest(".sr-only")) continue;
    if (parent.closest("[lang]").lang !== "vi") found.push(node.data.trim().slice(0, 60));
  }
  for (const element of document.querySelectorAll("body [alt], body [aria-label]")) {
    for (const name of ["alt", "aria-label"]) {
      const value = element.getAttribute(name);
      if (value && vietnamese.test(value) && element.closest("[lang]").lang !== "vi") {
        found.push(`${name}="${value}"`);
      }
    }
  }
  return found;
}
"""

# Run in the page: the words of an element that are split over two lines.
WORDS_SPLIT = """
(element) => {
  const text = element.firstChild, split = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) split.push(match[0]);
  }
  return split;
}
"""

# Run in the page: whether the search box's placeholder fits in it.
PLACEHOLDER_FITS = """
() => {
  const box = document.querySelector(".search input"), style = getComputedStyle(box, "::placeholder");
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const own = getComputedStyle(box);
  const room = box.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
  return [context.measureText(box.placeholder).width, room];
}
"""


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page, base_url: str, identifier: str, *, app: TOTPDevice | None = None) -> None:
    """Through the sign-in page; staff then type the code of their authenticator app."""
    page.goto(f"{base_url}/accounts/login/")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill(identifier)
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        login.get_by_role("button", name="Đăng nhập").click()
    if app is not None:
        code = totp(app.bin_key, app.step, app.t0, app.digits, app.drift)
        page.get_by_test_id("second-step-form").locator("#id_code").fill(f"{code:06d}")
        with page.expect_navigation():
            page.get_by_test_id("second-step-form").get_by_role("button").click()


def focus_problems(page, *, key: str = "Tab", limit: int = 400) -> list[str]:
    """Tab from the top of the page to its end (Shift+Tab: from the end to the top); each stop that
    is fully hidden or off the screen."""
    start = "0" if key == "Tab" else "document.documentElement.scrollHeight"
    page.evaluate(
        f"window.scrollTo(0, {start}); window.__tabbed = new Set();"
        " document.activeElement && document.activeElement.blur()"
    )
    problems, stops = [], 0
    for _ in range(limit):
        page.keyboard.press(key)
        info = page.evaluate(FOCUS_COVERAGE)
        if not info or info.get("again"):
            break  # out of the page, or back to a stop already seen: the whole page was walked
        stops += 1
        if info["onScreen"] == 0:
            problems.append(f"{info['name']} is focused off the screen")
        elif info["shown"] == 0:
            problems.append(f"{info['name']} is focused fully under {', '.join(info['over'])}")
    assert stops > 3, f"{page.url}: {key} reached only {stops} elements"
    return problems


def small_targets(page) -> list[dict]:
    return page.evaluate(SMALL_TARGETS, INTERACTIVE)


def check_page(page, base_url: str, path: str, name: str) -> dict[str, list]:
    """Open the page and return what each check finds there (empty lists when it is fine)."""
    response = page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert response.ok and page.url == base_url + path, f"{path} answered {response.status} at {page.url}"
    shot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    found = {
        "sideways": [f"{width}px wide"] if width > 360 else [],
        "axe": axe_violations(page),
        "focus": focus_problems(page),
        "focus backwards": focus_problems(page, key="Shift+Tab"),
        "targets": small_targets(page),
    }
    return found


def assert_no_problems(results: dict[str, dict[str, list]]) -> None:
    problems = {
        f"{page} [{check}]": found
        for page, checks in results.items()
        for check, found in checks.items()
        if found
    }
    assert not problems, "\n".join(
        f"{where}:\n  " + "\n  ".join(map(str, what)) for where, what in problems.items()
    )


@pytest.fixture
def marketplace(settings):
    """A live shop with photos, variants and a long-titled pair of look-alikes; an order for it; a
    pending certificate; an application waiting for a mentor; the people who use each centre."""
    shop = ShopFactory(
        name="HTX Nước mắm Cát Hải",
        province_code=1,
        story="Ba thế hệ làm nước mắm bằng cá cơm và muối biển Cát Hải.",
        owner=UserFactory(phone="+84912000555", first_name="Lan"),
    )
    small = ProductFactory(
        shop=shop, title=f"{FISH_SAUCE} chai 250ml", category="Gia vị > Nước mắm", stock__price=65_000
    )
    ProductFactory(
        shop=shop, title=f"{FISH_SAUCE} can 2 lít", category="Gia vị > Nước mắm", stock__price=320_000
    )
    for index in range(4):
        ProductFactory(title=f"Trà Shan tuyết Hà Giang số {index}", category="Đồ uống > Trà")
    product_photos_add(product=small, photos=[a_picture("a.png", "#c0392b"), a_picture("b.png", "#2e86c1")])
    honey = product_save(
        shop=shop,
        values=ProductInput(
            title="Mật ong hoa nhãn Hưng Yên",
            description="Mật ong nguyên chất từ vườn nhãn.\nKhông pha đường.",
            category=None,
            price=None,
            stock=None,
            variants=(
                VariantInput(name="500 ml", price=150_000, stock=12),
                VariantInput(name="1 lít", price=280_000, stock=4),
            ),
        ),
        photos=[a_picture("c.png", "#e0a100"), a_picture("d.png", "#27ae60"), a_picture("e.png", "#8e44ad")],
    )
    vendor = shop.members.get()
    certificate_save(
        shop=shop,
        actor=vendor,
        values=CertificateInput(
            stars=4,
            number="123/QĐ-UBND",
            level="province",
            issued_on=__import__("datetime").date(2025, 3, 1),
            expires_on=None,
            product_ids=(small.pk,),
            scan=a_picture("scan.png", "#ffffff"),
        ),
    )
    order = an_order((small, 2), (honey.children.first(), 1))
    mentor = MentorFactory(provinces=[1], phone="+84987000666")
    application = an_application(province_code=1, status=ShopStatus.SUBMITTED)
    staff = UserFactory(email="thu@chosen.vn", is_staff=True)
    return {
        "shop": shop,
        "small": small,
        "honey": honey,
        "order": order,
        "vendor": vendor,
        "mentor": mentor,
        "application": application,
        "staff": staff,
    }


def test_a_buyer_can_tab_through_the_storefront_and_axe_finds_nothing(phone_page, live_server, marketplace):
    page, base = phone_page, live_server.url
    small = marketplace["small"]
    token = marketplace["order"].verification_hash()
    results = {}
    for name, path in [
        ("home", "/"),
        ("catalogue", "/catalogue/"),
        ("category", small.categories.first().get_absolute_url()),
        ("product", small.get_absolute_url()),
        ("product-variants", marketplace["honey"].get_absolute_url()),
        ("shop", marketplace["shop"].get_absolute_url()),
        ("search", "/search/?q=nuoc+mam"),
    ]:
        results[name] = check_page(page, base, path, f"guest-{name}")

    page.goto(base + small.get_absolute_url())
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    page.goto(base + marketplace["honey"].get_absolute_url())
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    results["basket"] = check_page(page, base, "/basket/", "guest-basket")
    results["checkout"] = check_page(page, base, "/checkout/", "guest-checkout")
    results["pay"] = check_page(page, base, reverse("payments:order", kwargs={"token": token}), "guest-pay")
    assert_no_problems(results)


def test_look_alike_products_show_their_pack_size_and_the_search_hint_fits(
    phone_page, live_server, marketplace
):
    page, base = phone_page, live_server.url
    page.goto(base + marketplace["small"].categories.first().get_absolute_url())

    for pack in ("chai 250ml", "can 2 lít"):
        title = page.locator(".pc-t", has_text=pack)
        expect(title).to_be_visible()
        assert title.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), (
            f"the title ending in {pack} is cut"
        )
        expect(page.get_by_role("link", name=re.compile(f"{FISH_SAUCE} {pack}"))).to_have_count(1)
    width, room = page.evaluate(PLACEHOLDER_FITS)
    assert width <= room, f"the search hint needs {width:.0f}px, the box has {room:.0f}px"
    page.goto(base + "/en/")
    width, room = page.evaluate(PLACEHOLDER_FITS)
    assert width <= room, f"the English search hint needs {width:.0f}px, the box has {room:.0f}px"


def test_the_pay_page_reads_out_status_changes_only_and_keeps_words_whole(
    phone_page, live_server, marketplace
):
    page = phone_page
    page.goto(
        live_server.url
        + reverse("payments:order", kwargs={"token": marketplace["order"].verification_hash()})
    )

    countdown = page.get_by_test_id("countdown")
    expect(countdown).to_have_text(re.compile(r"^Còn 23 giờ 59 phút$"))
    assert countdown.evaluate("c => !c.closest('[aria-live], [role=status], [role=alert], [role=log]')")
    live = page.locator("[aria-live=polite]")
    expect(live).to_have_count(1)
    expect(live).to_contain_text("Chờ chuyển khoản")
    holder = page.locator("[data-copy-value]", has_text="HOI LIEN HIEP")
    assert holder.evaluate("h => h.getClientRects().length") == 1
    assert holder.evaluate("h => h.getBoundingClientRect().height > 30"), (
        "the holder fits on one line: widen the test"
    )
    assert holder.evaluate(WORDS_SPLIT) == []


def test_english_pages_mark_vietnamese_data_and_axe_finds_nothing(phone_page, live_server, marketplace):
    page, base = phone_page, live_server.url
    small = marketplace["small"]
    results = {}
    for name, path in [
        ("home", "/en/"),
        ("category", "/en" + small.categories.first().get_absolute_url()),
        ("product", "/en" + marketplace["honey"].get_absolute_url()),
        ("shop", "/en" + marketplace["shop"].get_absolute_url()),
        (
            "pay",
            "/en" + reverse("payments:order", kwargs={"token": marketplace["order"].verification_hash()}),
        ),
    ]:
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == "en"
        shot(page, f"en-{name}")
        results[name] = {
            "axe": axe_violations(page),
            "unmarked Vietnamese": page.evaluate(UNMARKED_VIETNAMESE),
        }
    expect(page.get_by_test_id("countdown")).to_have_text(re.compile(r"^23 hours 59 minutes left$"))

    sign_in(page, base, "0912 000 555")
    for name, path in [
        ("seller-products", "/en" + reverse("seller:products")),
        (
            "seller-order",
            "/en" + reverse("seller:order", kwargs={"pk": marketplace["order"].shop_orders.first().pk}),
        ),
    ]:
        page.goto(base + path)
        shot(page, f"en-{name}")
        results[name] = {
            "axe": axe_violations(page),
            "unmarked Vietnamese": page.evaluate(UNMARKED_VIETNAMESE),
        }
    assert_no_problems(results)


def test_a_vendor_can_tab_through_her_centre_and_axe_finds_nothing(phone_page, live_server, marketplace):
    page, base = phone_page, live_server.url
    sign_in(page, base, "0912 000 555")
    shop_order = marketplace["order"].shop_orders.get(shop=marketplace["shop"])
    results = {}
    for name, path in [
        ("home", reverse("seller:home")),
        ("products", reverse("seller:products")),
        ("product-form", reverse("seller:product-edit", kwargs={"pk": marketplace["honey"].pk})),
        ("orders", reverse("seller:orders")),
        ("order", reverse("seller:order", kwargs={"pk": shop_order.pk})),
        ("shipping", reverse("seller:shipping")),
        ("certificates", reverse("seller:certificates")),
    ]:
        results[name] = check_page(page, base, path, f"vendor-{name}")
    assert_no_problems(results)


def test_a_mentor_can_tab_through_her_centre_and_axe_finds_nothing(phone_page, live_server, marketplace):
    page, base = phone_page, live_server.url
    sign_in(page, base, "0987 000 666")
    results = {}
    for name, path in [
        ("queue", reverse("mentor:queue")),
        ("shop-review", reverse("mentor:shop", kwargs={"pk": marketplace["application"].pk})),
        ("shop-products", reverse("mentor:shop-products", kwargs={"pk": marketplace["shop"].pk})),
        ("certificates", reverse("mentor:certificates")),
    ]:
        results[name] = check_page(page, base, path, f"mentor-{name}")
    assert_no_problems(results)


def test_staff_can_tab_through_reconciliation_and_axe_finds_nothing(phone_page, live_server, marketplace):
    page, base = phone_page, live_server.url
    sign_in(
        page, base, "thu@chosen.vn", app=TOTPDevice.objects.create(user=marketplace["staff"], confirmed=True)
    )
    payment = marketplace["order"].payment
    results = {}
    for name, path in [
        ("worklist", reverse("payments:staff")),
        ("payment", reverse("payments:staff-payment", kwargs={"pk": payment.pk})),
    ]:
        results[name] = check_page(page, base, path, f"staff-{name}")
    assert_no_problems(results)
