"""The pages with scripts run under the Content-Security-Policy without a single violation: the share
box, checkout's wards, the pay page's copy buttons and polling, a vendor's import progress, the
staff's second step, and the back office (Oscar's dashboard, the admin) under its own policy."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from catalogue.models import ProductImport
from order.selectors import buyer_order_path
from tests.conftest import authenticator_app, pass_second_step
from tests.factories import PASSWORD, ProductFactory, UserFactory, an_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  var where = (e.sourceFile || "") + ":" + e.lineNumber;
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + where);
});
"""


@pytest.fixture
def watched(browser, live_server):
    """A phone-sized tab that records every CSP violation, from the console and from the page's events."""
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.console_messages = console
    yield page
    context.close()


def violations(page) -> str:
    events = page.evaluate("window.__violations || []")
    logged = [text for text in page.console_messages if "Content Security Policy" in text]
    return "\n".join(events + logged)


def sign_in(page, base: str, identifier: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill(identifier)
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    login.get_by_role("button", name="Đăng nhập").click()


def test_the_buyers_pages_run_their_scripts_without_a_violation(watched, live_server):
    page, base = watched, live_server.url
    product = ProductFactory(title="Mật ong bạc hà 500 ml", stock__price=210_000)

    page.goto(f"{base}{product.get_absolute_url()}")
    page.goto(f"{base}{product.get_absolute_url()}")  # now served whole from the cache
    page.get_by_test_id("share").get_by_role("button", name="Sao chép liên kết").click()
    expect(page.get_by_test_id("share").get_by_role("status")).to_contain_text("Đã sao chép")
    page.get_by_test_id("add-to-basket").click()
    page.goto(f"{base}{reverse('checkout:index')}")
    page.locator("#id_province_code").select_option("1")
    expect(page.locator("#id_ward_code option")).not_to_have_count(1)
    assert violations(page) == ""

    order = an_order((product, 1))
    page.goto(f"{base}{buyer_order_path(order)}")
    copy = page.get_by_test_id("pay-panel").get_by_role("button", name="Chép").first
    copy.click()
    expect(copy).to_have_text("Đã chép")
    with page.expect_response(lambda response: "/status/" in response.url, timeout=10_000):
        pass  # the page polls its status every four seconds
    assert violations(page) == ""


def test_a_vendors_import_progress_polls_without_a_violation(watched, live_server):
    page, base = watched, live_server.url
    product = ProductFactory()
    vendor = product.shop.members.get()
    vendor.email = "ban@example.vn"
    vendor.save()
    running = ProductImport.objects.create(
        shop=product.shop, uploaded_by=vendor, status=ProductImport.Status.RUNNING, total_rows=10
    )
    running.file.save("hang.csv", ContentFile(b"sku,title\n"))

    sign_in(page, base, "ban@example.vn", reverse("seller:product-import", kwargs={"pk": running.pk}))
    with page.expect_response(lambda response: "status" in response.url, timeout=10_000):
        pass
    assert violations(page) == ""


def test_staff_pass_the_second_step_and_use_the_back_office_without_a_violation(watched, live_server):
    page, base = watched, live_server.url
    staff = UserFactory(email="thu@chosen.vn", is_staff=True, is_superuser=True)
    app = authenticator_app(staff)

    sign_in(page, base, "thu@chosen.vn", "/dashboard/")
    pass_second_step(page, app)
    expect(page).to_have_url(f"{base}/dashboard/")
    page.goto(f"{base}/dashboard/catalogue/products/create/")
    page.goto(f"{base}/admin/")
    page.goto(f"{base}/admin/accounts/user/{staff.pk}/change/")
    page.goto(f"{base}/payments/staff/")

    assert violations(page) == ""
