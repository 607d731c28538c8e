"""A member opens a shop from a 360 px phone, a mentor reviews it from hers, and buyers see it live.

The whole review in headless Chromium: sign in, fill the application (with a draft saved too early),
submit, a change requested on one field, the fix resubmitted, approval, the public shop page.
"""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from shops.models import MentorProvince, Shop, ShopStatus
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 360, "height": 800},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
HA_NOI = 1
SHOP_NAME = "Hợp tác xã Mắm Cát Hải"
FIRST_STORY = "Ba thế hệ làm nước mắm."
BETTER_STORY = (
    "Ba thế hệ nhà tôi làm nước mắm bằng cá cơm và muối biển Cát Hải, ủ chượp 12 tháng trong thùng gỗ."
)
STORY_COMMENT = "Chị kể thêm cá gì, muối ở đâu, ủ bao lâu nhé."


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


def sign_in(page, base_url: str, identifier: str, next_path: str, screenshot=None):
    """Through the real sign-in page; a screenshot of it, filled in, when one is asked for."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    login = page.locator("#login_form")
    login.get_by_label("Số điện thoại hoặc email").fill(identifier)
    login.get_by_label("Mật khẩu").fill(PASSWORD)
    if screenshot:
        assert_fits_the_screen(page)
        screenshot(page, "shop-review-00-sign-in")
    login.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def a_jpeg(path):
    Image.new("RGB", (400, 400), "#2e86c1").save(path, format="JPEG", quality=85)
    return path


def status_badge(page):
    return page.get_by_test_id("shop-status").locator(".badge")


def test_a_member_applies_a_mentor_asks_for_a_change_then_approves_and_the_shop_goes_live(
    phone_page, browser, live_server, screenshot, tmp_path
):
    member = UserFactory(phone="+84912000111", email="lan@example.vn")
    mentor = UserFactory(phone="+84987000222", email="hoa@hoiphunu.vn", first_name="Hoa", last_name="Trần")
    MentorProvince.objects.create(mentor=mentor, province_code=HA_NOI)
    base = live_server.url
    logo = a_jpeg(tmp_path / "logo.jpg")

    # 1. The member signs in with her phone number, as she typed it, and opens the seller area.
    page = phone_page
    sign_in(page, base, "0912 000 111", "/seller/", screenshot)
    assert_fits_the_screen(page)
    screenshot(page, "shop-review-01-seller-start")

    page.get_by_test_id("start-application").click()
    page.wait_for_url(re.compile(r"/seller/shop/$"))
    form = page.get_by_test_id("application-form")
    form.get_by_label("Tên gian hàng").fill(SHOP_NAME)
    form.get_by_label("Câu chuyện").fill(FIRST_STORY)
    form.get_by_label("Logo").set_input_files(logo)
    form.get_by_label("Tỉnh/thành phố").select_option(label="Thành phố Hà Nội")
    ward = form.get_by_label("Phường/xã")
    expect(ward.locator("option", has_text="Phường Ba Đình")).to_be_attached()  # filled by fetch()
    expect(ward).to_be_enabled()
    ward.select_option(label="Phường Ba Đình")
    form.get_by_label("Số điện thoại").fill("0912 345 678")
    assert_fits_the_screen(page)
    screenshot(page, "shop-review-02-application-half-filled")

    # A draft saved with the bank details still empty: it is kept, and the page says what is missing.
    page.get_by_test_id("save-draft").click()
    page.wait_for_url(re.compile(r"/seller/$"))
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(status_badge(page)).to_have_text("Bản nháp")
    missing = page.get_by_test_id("shop-status").locator("ul.missing")
    expect(missing).to_contain_text("Chi hội Phụ nữ")
    expect(missing).to_contain_text("Số tài khoản")
    expect(missing).to_contain_text("Chủ tài khoản")
    expect(missing).not_to_contain_text("Tên gian hàng")
    assert_fits_the_screen(page)
    screenshot(page, "shop-review-03-draft-missing")

    page.get_by_test_id("edit-application").click()
    page.wait_for_url(re.compile(r"/seller/shop/$"))
    notice = page.get_by_test_id("missing")
    expect(notice).to_contain_text("Để gửi duyệt, chị cần điền thêm:")
    expect(notice.get_by_role("link", name="Chi hội Phụ nữ")).to_be_visible()
    expect(form.get_by_label("Tên gian hàng")).to_have_value(SHOP_NAME)
    expect(form.get_by_label("Phường/xã")).to_have_value(str(Shop.objects.get().ward_code))
    expect(form.get_by_role("img", name="Ảnh hiện tại")).to_be_visible()  # the logo was kept
    assert_fits_the_screen(page)
    screenshot(page, "shop-review-04-application-missing")

    form.get_by_label("Chi hội Phụ nữ").fill("Chi hội Phụ nữ thôn Đông")
    form.get_by_label("Ngân hàng", exact=True).select_option("970436")  # Vietcombank
    form.get_by_label("Số tài khoản").fill("0123 4567 89")
    form.get_by_label("Chủ tài khoản").fill("Nguyễn Thị Lan")
    page.get_by_test_id("submit-application").click()
    page.wait_for_url(re.compile(r"/seller/$"))
    expect(page.get_by_text("Đã gửi hồ sơ.")).to_be_visible()
    expect(status_badge(page)).to_have_text("Chờ duyệt")
    shop = Shop.objects.get()
    assert shop.status == ShopStatus.SUBMITTED
    assert shop.memberships.get().user == member  # she owns it
    assert shop.account_holder == "NGUYEN THI LAN"  # as the bank prints it
    assert shop.account_number == "0123456789"
    assert shop.phone == "+84912345678"
    assert shop.bank_bin == "970436"
    assert shop.logo
    assert_fits_the_screen(page)
    screenshot(page, "shop-review-05-submitted")

    # 2. The mentor of Hà Nội, on her own phone, finds it in her queue and asks for a better story.
    mentor_context = browser.new_context(**PHONE)
    anonymous_context = browser.new_context(**PHONE)
    try:
        mentor_page = mentor_context.new_page()
        mentor_page.set_default_timeout(15_000)
        sign_in(mentor_page, base, "hoa@hoiphunu.vn", "/mentor/")
        queue = mentor_page.get_by_test_id("queue")
        expect(queue.get_by_role("link", name=re.compile(SHOP_NAME))).to_be_visible()
        expect(mentor_page.get_by_test_id("scope")).to_contain_text("Hà Nội")
        assert_fits_the_screen(mentor_page)
        screenshot(mentor_page, "shop-review-06-mentor-queue")

        queue.get_by_role("link", name=re.compile(SHOP_NAME)).click()
        mentor_page.wait_for_url(re.compile(rf"/mentor/shops/{shop.pk}/$"))
        decision = mentor_page.get_by_test_id("decision-form")
        expect(mentor_page.get_by_test_id("shop-status")).to_have_text("Chờ duyệt")
        expect(decision.get_by_text("NGUYEN THI LAN")).to_be_visible()
        expect(decision.get_by_text("Vietcombank")).to_be_visible()
        expect(decision.get_by_text("Phường Ba Đình")).to_be_visible()
        decision.locator("#f-story summary").click()  # comment boxes open on demand
        decision.get_by_label("Góp ý cho mục “Câu chuyện”").fill(STORY_COMMENT)
        assert_fits_the_screen(mentor_page)
        screenshot(mentor_page, "shop-review-07-mentor-comment")

        mentor_page.get_by_test_id("request-changes").click()
        mentor_page.wait_for_url(re.compile(r"/mentor/$"))
        expect(mentor_page.get_by_text(f"Đã chuyển “{SHOP_NAME}” sang “Cần bổ sung”.")).to_be_visible()
        expect(mentor_page.get_by_text("Không có hồ sơ nào đang chờ duyệt.")).to_be_visible()

        # The member sees the comment at home and next to the story, fixes it and sends it again.
        page.goto(base + "/seller/")
        expect(status_badge(page)).to_have_text("Cần bổ sung")
        expect(page.get_by_test_id("shop-status")).to_contain_text(STORY_COMMENT)
        assert_fits_the_screen(page)
        screenshot(page, "shop-review-08-changes-requested")

        page.get_by_test_id("edit-application").click()
        page.wait_for_url(re.compile(r"/seller/shop/$"))
        expect(page.get_by_test_id("mentor-request")).to_be_visible()
        expect(page.get_by_test_id("comment-story")).to_contain_text(STORY_COMMENT)
        assert_fits_the_screen(page)
        screenshot(page, "shop-review-09-application-with-comment")

        form.get_by_label("Câu chuyện").fill(BETTER_STORY)
        page.get_by_test_id("submit-application").click()
        page.wait_for_url(re.compile(r"/seller/$"))
        expect(status_badge(page)).to_have_text("Chờ duyệt")

        # The mentor approves. A comment typed by mistake first raises a warning, which she heeds.
        mentor_page.goto(base + "/mentor/")
        mentor_page.get_by_test_id("queue").get_by_role("link", name=re.compile(SHOP_NAME)).click()
        mentor_page.wait_for_url(re.compile(rf"/mentor/shops/{shop.pk}/$"))
        expect(decision.get_by_text(BETTER_STORY)).to_be_visible()
        expect(mentor_page.get_by_test_id("review-log")).to_contain_text(STORY_COMMENT)
        decision.locator("#f-story summary").click()
        story_comment = decision.get_by_label("Góp ý cho mục “Câu chuyện”")
        story_comment.fill("Thêm ảnh")
        warnings = []

        def dismiss(dialog):
            warnings.append(dialog.message)
            dialog.dismiss()

        mentor_page.once("dialog", dismiss)
        mentor_page.get_by_test_id("approve").click()
        assert warnings and "góp ý" in warnings[0], warnings
        assert mentor_page.url.endswith(f"/mentor/shops/{shop.pk}/")
        assert Shop.objects.get().status == ShopStatus.SUBMITTED

        story_comment.fill("")
        mentor_page.on("dialog", lambda dialog: dialog.accept())
        assert_fits_the_screen(mentor_page)
        screenshot(mentor_page, "shop-review-10-mentor-approve")
        mentor_page.get_by_test_id("approve").click()
        mentor_page.wait_for_url(re.compile(r"/mentor/$"))
        expect(mentor_page.get_by_text(f"Đã chuyển “{SHOP_NAME}” sang “Đang hoạt động”.")).to_be_visible()
        assert Shop.objects.get().status == ShopStatus.APPROVED

        page.goto(base + "/seller/")
        expect(status_badge(page)).to_have_text("Đang hoạt động")
        assert_fits_the_screen(page)
        screenshot(page, "shop-review-11-seller-approved")

        # 3. Anyone sees the shop live, and the directory lists it.
        buyer = anonymous_context.new_page()
        buyer.set_default_timeout(15_000)
        buyer.goto(base + f"/shops/{shop.slug}/")
        expect(buyer.get_by_role("heading", name=SHOP_NAME)).to_be_visible()
        expect(buyer.get_by_text(BETTER_STORY)).to_be_visible()
        expect(buyer.get_by_text("Phường Ba Đình, Thành phố Hà Nội")).to_be_visible()
        assert_fits_the_screen(buyer)
        screenshot(buyer, "shop-review-12-shop-live")

        buyer.goto(base + "/shops/")
        expect(buyer.get_by_role("link", name=re.compile(SHOP_NAME))).to_be_visible()
        assert_fits_the_screen(buyer)
        screenshot(buyer, "shop-review-13-directory")
    finally:
        mentor_context.close()
        anonymous_context.close()
