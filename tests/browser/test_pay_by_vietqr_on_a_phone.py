"""A buyer on a 360 px phone: two shops in the basket, one-page checkout, the VietQR page, then the
bank's webhook arrives and the page turns to "paid" by itself, with no reload."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from marketplace import geo
from payments.models import Payment, PaymentStatus
from tests.browser.checks import assert_fits_the_screen
from tests.factories import ProductFactory, ShopFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
SEPAY_KEY = "browser-test-key"


def add_to_basket(page, base, product):
    page.goto(f"{base}{product.get_absolute_url()}")
    page.get_by_test_id("add-to-basket").click()
    page.wait_for_load_state()


def send_bank_webhook(base: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 (the live test server, http only)
        f"{base}/payments/webhooks/sepay/",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Apikey {SEPAY_KEY}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def test_basket_checkout_qr_page_and_the_transfer_turning_it_paid(
    celery_worker_process, browser, live_server, screenshot, settings
):
    settings.SEPAY_API_KEY = SEPAY_KEY
    tea = ProductFactory(
        title="Chè Shan tuyết Hà Giang 200 g",
        stock__price=145_000,
        shop=ShopFactory(name="HTX Chè Shan tuyết", shipping_fee=25_000),
    )
    honey = ProductFactory(
        title="Mật ong bạc hà 500 ml",
        stock__price=210_000,
        shop=ShopFactory(name="Mật ong Đồng Văn", shipping_fee=30_000, free_shipping_from=200_000),
    )
    base = live_server.url
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.set_default_timeout(15_000)

    add_to_basket(page, base, tea)
    add_to_basket(page, base, honey)
    page.goto(f"{base}/basket/")
    page.get_by_test_id("checkout").click()
    page.wait_for_url(re.compile(r"/checkout/$"))

    form = page.get_by_test_id("checkout-form")
    expect(form.get_by_test_id("shop-part")).to_have_count(2)
    expect(page.get_by_test_id("grand-total")).to_have_text("380.000\xa0₫")  # honey ships free
    form.get_by_label("Họ tên người nhận").fill("Trần Thị Mai")
    form.get_by_label("Số điện thoại").fill("0912 345 678")
    form.get_by_label("Tỉnh/thành phố").select_option(label=geo.province_name(1))
    ward_code, ward_name = geo.ward_choices(1)[0]
    expect(form.locator(f"#id_ward_code option[value='{ward_code}']")).to_have_count(1)
    form.get_by_label("Phường/xã").select_option(str(ward_code))
    form.get_by_label("Số nhà, đường, thôn/xóm").fill("12 phố Hàng Bông")
    assert_fits_the_screen(page)
    screenshot(page, "pay-01-checkout")
    page.get_by_test_id("place-order").click()
    page.wait_for_url(re.compile(r"/pay/[^/]+/$"))

    payment = Payment.objects.get()
    expect(page.get_by_test_id("memo")).to_have_text(payment.reference)
    expect(page.get_by_test_id("amount")).to_have_text("380.000\xa0₫")
    expect(page.get_by_test_id("countdown")).to_have_text(re.compile(r"^Còn \d+ giờ \d+ phút$"))
    assert page.locator("img[data-qr]").evaluate("img => img.naturalWidth") > 0
    copy_memo = page.get_by_test_id("memo").locator("xpath=..").get_by_role("button")
    copy_memo.click()
    expect(copy_memo).to_have_text("Đã chép")  # the copy is async; this is its feedback
    assert page.evaluate("navigator.clipboard.readText()") == payment.reference
    assert_fits_the_screen(page)
    screenshot(page, "pay-02-qr-page")

    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    assert (
        send_bank_webhook(
            base,
            {
                "id": 4242,
                "transferType": "in",
                "transferAmount": payment.amount_due,
                "content": f"MBVCB.99.{payment.reference.lower()}.CT tu TRAN THI MAI",
                "accountNumber": settings.VIETQR_ACCOUNT_NUMBER,
            },
        )
        == 200
    )

    expect(page.get_by_test_id("status-label")).to_contain_text("Đã nhận đủ tiền", timeout=30_000)
    expect(page.get_by_test_id("pay-panel")).to_be_hidden()
    assert page.evaluate("window.__sameDocument === true")
    assert Payment.objects.get().status == PaymentStatus.PAID
    screenshot(page, "pay-03-paid")
    context.close()
