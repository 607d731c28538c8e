"""A vendor lists and maintains her products from a 360 px phone; OCOP certificates and the Union's
hide, end to end in headless Chromium with a real Celery worker for the bulk import.

Screenshots land in var/screenshots/products/.
"""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.factories import PASSWORD, MentorFactory, ShopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ROOT / "var" / "screenshots" / "products"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"
    )
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide because of {wide}"


def sign_in(page, base_url: str, identifier: str, next_path: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill(identifier)
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    login.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def a_photo(path, colour: str, size=(800, 600)):
    Image.new("RGB", size, colour).save(path, format="JPEG", quality=85)
    return path


def test_a_vendor_adds_products_imports_a_file_and_gets_her_ocop_stars_verified(
    phone_page, browser, live_server, celery_worker_process, files_shared_with_worker, settings, tmp_path
):
    shop = ShopFactory(name="HTX Mật ong Hưng Yên", province_code=1)
    owner = shop.members.get()
    owner.phone = "+84912000333"
    owner.save()
    MentorFactory(provinces=[1], phone="+84987000444")
    base = live_server.url
    page = phone_page

    # 1. From her seller home to an empty product list.
    sign_in(page, base, "0912 000 333", "/seller/")
    page.get_by_test_id("my-products").click()
    page.wait_for_url(re.compile(r"/seller/products/$"))
    shot(page, "01-empty-list")

    # 2. A product with two photos and two variants; a typo in a price first.
    page.get_by_test_id("add-product").click()
    form = page.get_by_test_id("product-form")
    form.get_by_label("Tên sản phẩm").fill("Mật ong hoa nhãn")
    form.get_by_label("Mô tả").fill("Mật ong nguyên chất từ vườn nhãn Khoái Châu.")
    form.locator("#id_photos").set_input_files(
        [a_photo(tmp_path / "vang.jpg", "#e0a100"), a_photo(tmp_path / "xanh.jpg", "#2e86c1")]
    )
    form.locator("#id_variants-0-name").fill("500 ml")
    form.locator("#id_variants-0-price").fill("150.000")
    form.locator("#id_variants-0-stock").fill("12")
    form.locator("#id_variants-1-name").fill("1 lít")
    form.locator("#id_variants-1-price").fill("280.000,5")
    form.locator("#id_variants-1-stock").fill("4")
    shot(page, "02-new-product-filled")
    page.get_by_test_id("save-product").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(form.locator("#id_title")).to_have_value("Mật ong hoa nhãn")
    shot(page, "03-new-product-error")
    form.locator("#id_variants-1-price").fill("280.000")
    form.locator("#id_photos").set_input_files(
        [a_photo(tmp_path / "vang.jpg", "#e0a100"), a_photo(tmp_path / "xanh.jpg", "#2e86c1")]
    )
    page.get_by_test_id("save-product").click()
    page.wait_for_url(re.compile(r"/seller/products/\d+/$"))
    photos = page.get_by_test_id("photos").locator("li")
    expect(photos).to_have_count(2)

    # 3. The blue photo becomes the cover, without JavaScript forms.
    second = photos.nth(1).get_attribute("data-image")
    photos.nth(1).get_by_role("button", name="Làm ảnh bìa").click()
    page.wait_for_url(re.compile(r"/seller/products/\d+/#photos$"))
    expect(page.get_by_test_id("photos").locator("li").first).to_have_attribute("data-image", second)
    shot(page, "04-edit-product")

    # 4. A spreadsheet of three products, one of them wrong, imported by the worker.
    page.goto(f"{base}/seller/products/import/")
    csv_path = tmp_path / "san-pham.csv"
    csv_path.write_text(
        "sku,title,description,category,price_vnd,stock\n"
        "MO-10,Mật ong bạc hà,,Thực phẩm > Mật ong,320000,5\n"
        "MO-11,Sáp ong,,Thực phẩm > Mật ong,giá?,5\n"
        "MO-12,Phấn hoa,,Thực phẩm > Mật ong,95.000,0\n",
        encoding="utf-8",
    )
    page.get_by_test_id("import-form").locator("input[type=file]").set_input_files(csv_path)
    shot(page, "05-import-form")
    page.get_by_role("button", name="Tải lên và nhập").click()
    page.wait_for_url(re.compile(r"/seller/products/import/\d+/$"))
    expect(page.get_by_test_id("rejected-csv")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("import-figures")).to_contain_text("2")
    shot(page, "06-import-done")

    # 5. The list: search, out of stock filter.
    page.goto(f"{base}/seller/products/")
    expect(page.get_by_test_id("products").locator("li")).to_have_count(3)
    shot(page, "07-list")
    page.get_by_role("link", name="Hết hàng").click()
    expect(page.get_by_test_id("products").locator("li")).to_have_count(1)
    expect(page.get_by_test_id("products")).to_contain_text("Phấn hoa")

    # 6. An OCOP certificate for the honey, with a photo of the paper.
    page.goto(f"{base}/seller/certificates/")
    page.get_by_test_id("add-certificate").click()
    cert = page.get_by_test_id("certificate-form")
    cert.get_by_label("4★").check()
    cert.get_by_label("Số giấy chứng nhận").fill("OCOP-HY-2025-031")
    cert.get_by_label("Cấp tỉnh").check()
    cert.get_by_label("Ngày cấp").fill("2025-05-20")
    cert.locator("input[type=file]").set_input_files(a_photo(tmp_path / "giay.jpg", "#fafafa", (1200, 900)))
    cert.get_by_label("Mật ong hoa nhãn").check()
    shot(page, "08-certificate-form")
    page.get_by_test_id("save-certificate").click()
    page.wait_for_url(re.compile(r"/seller/certificates/$"))
    expect(page.get_by_test_id("certificate")).to_contain_text("Chờ xác minh")
    expect(page.get_by_test_id("certificate")).to_contain_text("20/05/2028")
    shot(page, "09-certificates")

    # 7. The mentor verifies it from her phone, and hides another product with a reason.
    mentor_context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    mentor_page = mentor_context.new_page()
    sign_in(mentor_page, base, "0987 000 444", "/mentor/certificates/")
    mentor_page.get_by_test_id("certificate-queue").locator("a").first.click()
    shot(mentor_page, "10-mentor-certificate")
    mentor_page.get_by_role("button", name="Xác minh").click()
    mentor_page.wait_for_url(re.compile(r"/mentor/certificates/$"))
    mentor_page.goto(f"{base}/mentor/shops/{shop.pk}/products/")
    row = mentor_page.get_by_test_id("products").locator("li").filter(has_text="Phấn hoa")
    row.get_by_text("Ẩn sản phẩm này").click()
    row.get_by_label("Lý do (người bán sẽ đọc)").fill("Ảnh chưa đúng sản phẩm, chị chụp lại giúp.")
    row.get_by_role("button", name="Ẩn và báo người bán").click()
    mentor_page.wait_for_url(re.compile(r"/mentor/shops/\d+/products/$"))
    shot(mentor_page, "11-mentor-shop-products")
    mentor_context.close()

    # 8. She sees the stars on her honey and the Union's reason on the hidden product.
    page.goto(f"{base}/seller/products/")
    expect(page.get_by_test_id("products")).to_contain_text("OCOP 4★")
    expect(page.get_by_test_id("hide-reason")).to_contain_text("Ảnh chưa đúng sản phẩm")
    shot(page, "12-list-with-stars-and-hide")
