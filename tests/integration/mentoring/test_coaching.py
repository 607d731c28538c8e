"""The coaching list: who in her provinces could use a hand, and why; nobody outside them."""

import datetime

import pytest
from django.utils import timezone

from catalogue.moderation import product_hide
from mentoring.coaching import coaching_list
from ocop.models import CertificateStatus, OcopCertificate
from tests.factories import ProductFactory, ShopFactory, UserFactory, an_application
from tests.factories.money import paid_order


def reasons(provinces) -> dict[str, list[str]]:
    return {
        heading: [s.shop.name for s in suggestions]
        for heading, suggestions in coaching_list(provinces=provinces)
    }


@pytest.mark.django_db
def test_each_reason_names_the_shops_that_need_a_hand_in_her_provinces(time_machine):
    staff = UserFactory(is_staff=True)
    time_machine.move_to(timezone.now() - datetime.timedelta(days=40))
    waiting = an_application(province_code=1, status="submitted", name="Chờ lâu")
    quiet = ShopFactory(province_code=1, name="Lặng lẽ")
    # the factory's shops are live without a review log: "Lặng lẽ" gets its approval, 40 days ago
    quiet.review_events.create(from_status="submitted", to_status="approved", actor=staff)
    ProductFactory(shop=quiet)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=36))
    an_application(province_code=1, status="submitted", name="Mới gửi")  # 4 days ago: not yet
    empty = an_application(province_code=1, status="approved", name="Chưa có hàng")
    seller = ShopFactory(province_code=1, name="Chưa gửi hàng")
    paid_order(seller)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4))
    expiring = ShopFactory(province_code=1, name="Sắp hết hạn")
    OcopCertificate.objects.create(
        shop=expiring, stars=4, number="OCOP-9", level="province", issued_on=datetime.date(2024, 1, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=20), scan="scans/a.png",
        status=CertificateStatus.VERIFIED,
    )  # fmt: skip
    hidden = ProductFactory(shop=ShopFactory(province_code=1, name="Bị ẩn"), title="Mắm tôm")
    product_hide(product_id=hidden.pk, actor=staff, reason="Ảnh chưa rõ")
    ShopFactory(province_code=79, name="Tỉnh khác")  # an empty shop, but not hers
    an_application(province_code=79, status="submitted", name="Hồ sơ tỉnh khác")

    got = reasons({1})

    assert got == {
        "Hồ sơ chờ duyệt quá 7 ngày": [waiting.name],
        "Đơn đã thanh toán chưa gửi sau 3 ngày": ["Chưa gửi hàng"],
        "Gian hàng đã duyệt nhưng chưa có sản phẩm": ["Bị ẩn", empty.name, "Sắp hết hạn"][1:2]
        + ["Sắp hết hạn"],
        "Chưa có đơn nào trong 30 ngày": ["Lặng lẽ"],
        "Chứng nhận OCOP sắp hết hạn (trong 30 ngày)": ["Sắp hết hạn"],
        "Sản phẩm đang bị Hội ẩn": ["Bị ẩn"],
    }
    assert "Tỉnh khác" in reasons(None)["Gian hàng đã duyệt nhưng chưa có sản phẩm"]  # union staff: all


@pytest.mark.django_db
def test_nothing_to_suggest_says_all_is_well(client):
    from tests.factories import MentorFactory

    client.force_login(MentorFactory(provinces=[1]))
    html = client.get("/mentor/").content.decode()
    assert "Chưa thấy chị em nào cần hỗ trợ thêm" in html and 'href="/reports/"' in html
