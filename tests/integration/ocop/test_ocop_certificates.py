"""OCOP certificates: recording, verifying, rejecting, editing, and the daily expiry and reminders,
with time travel (the services take `today`). A product's stars follow its certificates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from marketplace.lifecycle import TransitionRefused
from ocop import services as certificates
from ocop.models import CertificateStatus
from ocop.notifications import notify_certificate_event
from ocop.services import CertificateInput
from tests.factories import MentorFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ISSUED = datetime.date(2025, 3, 10)


def scan() -> ContentFile:
    return ContentFile(PDF, name="giay.pdf")


@pytest.fixture
def shop():
    return ShopFactory(province_code=1)


@pytest.fixture
def owner(shop):
    return shop.members.get()


@pytest.fixture
def mentor():
    return MentorFactory(provinces=[1], email="hoa@hoiphunu.vn")


def record(shop, owner, *products, stars=4, issued_on=ISSUED, expires_on=None, certificate_id=None, **extra):
    values = {
        "stars": stars,
        "number": "OCOP-HN-2025-017",
        "level": "province",
        "issued_on": issued_on,
        "expires_on": expires_on,
        "product_ids": tuple(product.pk for product in products),
        "scan": scan() if certificate_id is None else None,
        **extra,
    }
    return certificates.certificate_save(
        shop=shop, actor=owner, values=CertificateInput(**values), certificate_id=certificate_id
    )


def stars_of(product):
    product.refresh_from_db()
    return product.ocop_stars


def test_a_recorded_certificate_waits_for_the_mentor_and_shows_no_stars_yet(shop, owner):
    product = ProductFactory(shop=shop)

    certificate = record(shop, owner, product)

    assert certificate.status == CertificateStatus.PENDING
    assert certificate.expires_on == datetime.date(2028, 3, 10)  # 36 months after issue
    assert certificate.scan.name.endswith(".pdf")
    assert stars_of(product) is None
    assert [(e.from_status, e.to_status) for e in certificate.events.all()] == [("", "pending")]


def test_the_mentor_is_told_of_a_new_certificate_once(shop, owner, mentor, mailoutbox, settings):
    settings.SITE_URL = "https://chosen.vn"
    certificate = record(shop, owner, ProductFactory(shop=shop))
    event = certificate.events.get()

    assert notify_certificate_event(event_id=event.pk) == 1
    assert notify_certificate_event(event_id=event.pk) == 0
    [email] = mailoutbox
    assert email.to == ["hoa@hoiphunu.vn"]
    assert f"https://chosen.vn/mentor/certificates/{certificate.pk}/" in email.body


def test_verifying_gives_the_covered_products_their_stars_and_the_best_certificate_wins(shop, owner, mentor):
    covered, both, uncovered = (ProductFactory(shop=shop) for _ in range(3))
    four = record(shop, owner, covered, both, stars=4)
    five = record(shop, owner, both, stars=5)

    certificates.certificate_verify(certificate_id=four.pk, mentor=mentor, today=ISSUED)
    assert (stars_of(covered), stars_of(both), stars_of(uncovered)) == (4, 4, None)

    certificates.certificate_verify(certificate_id=five.pk, mentor=mentor, today=ISSUED)
    assert (stars_of(covered), stars_of(both)) == (4, 5)

    certificates.certificate_reject(certificate_id=five.pk, mentor=mentor, reason="Số giấy không khớp.")
    assert (stars_of(covered), stars_of(both)) == (4, 4)


def test_a_mentor_of_another_province_can_neither_verify_nor_reject(shop, owner):
    certificate = record(shop, owner, ProductFactory(shop=shop))
    outsider = MentorFactory(provinces=[79])

    with pytest.raises(PermissionDenied):
        certificates.certificate_verify(certificate_id=certificate.pk, mentor=outsider)
    with pytest.raises(PermissionDenied):
        certificates.certificate_reject(certificate_id=certificate.pk, mentor=outsider, reason="x")
    with pytest.raises(PermissionDenied):
        certificates.certificate_verify(certificate_id=certificate.pk, mentor=UserFactory())


def test_rejecting_needs_a_reason_and_a_decided_certificate_cannot_be_verified_again(shop, owner, mentor):
    certificate = record(shop, owner, ProductFactory(shop=shop))

    with pytest.raises(TransitionRefused, match="Hãy ghi lý do."):
        certificates.certificate_reject(certificate_id=certificate.pk, mentor=mentor, reason=" ")
    certificates.certificate_reject(certificate_id=certificate.pk, mentor=mentor, reason="Ảnh mờ.")
    with pytest.raises(TransitionRefused, match="đang ở trạng thái “Bị từ chối”"):
        certificates.certificate_verify(certificate_id=certificate.pk, mentor=mentor)


def test_editing_a_verified_certificates_substance_sends_it_back_and_hides_the_stars(shop, owner, mentor):
    product, other = ProductFactory(shop=shop), ProductFactory(shop=shop)
    certificate = record(shop, owner, product)
    certificates.certificate_verify(certificate_id=certificate.pk, mentor=mentor, today=ISSUED)

    record(shop, owner, product, certificate_id=certificate.pk)  # nothing changed
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VERIFIED

    record(shop, owner, product, other, certificate_id=certificate.pk)  # covers one more product
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.PENDING
    assert (stars_of(product), stars_of(other)) == (None, None)


def test_she_can_only_cover_her_own_products_and_must_cover_one(shop, owner):
    with pytest.raises(ValidationError, match="sản phẩm của gian hàng mình"):
        record(shop, owner, ProductFactory())
    with pytest.raises(ValidationError, match="ít nhất một sản phẩm"):
        record(shop, owner)
    with pytest.raises(PermissionDenied):
        record(shop, UserFactory(), ProductFactory(shop=shop))


def test_expiry_must_come_after_issue(shop, owner):
    with pytest.raises(ValidationError, match="Ngày hết hạn phải sau ngày cấp."):
        record(shop, owner, ProductFactory(shop=shop), expires_on=ISSUED)


def test_an_expired_certificate_cannot_be_verified(shop, owner, mentor):
    certificate = record(shop, owner, ProductFactory(shop=shop), expires_on=datetime.date(2025, 6, 1))

    with pytest.raises(TransitionRefused, match="đã hết hạn"):
        certificates.certificate_verify(
            certificate_id=certificate.pk, mentor=mentor, today=datetime.date(2025, 6, 2)
        )


class TestTheDailyJob:
    """Days in the life of a certificate expiring on 2028-03-10, run twice each day."""

    @pytest.fixture
    def verified(self, shop, owner, mentor):
        product = ProductFactory(shop=shop)
        certificate = record(shop, owner, product, stars=5)
        certificates.certificate_verify(certificate_id=certificate.pk, mentor=mentor, today=ISSUED)
        return certificate, product

    def run(self, day: str) -> list[dict]:
        today = datetime.date.fromisoformat(day)
        return [certificates.certificates_expire_and_remind(today=today) for _ in range(2)]

    def test_reminders_at_60_and_30_days_once_each_then_expiry_once(self, verified, mailoutbox):
        certificate, product = verified
        nothing = {"expired": 0, "reminded_30": 0, "reminded_60": 0}

        assert self.run("2028-01-09") == [nothing, nothing]  # 61 days left
        assert self.run("2028-01-10") == [{**nothing, "reminded_60": 1}, nothing]
        assert "còn 60 ngày" in mailoutbox[-1].subject
        assert self.run("2028-01-20") == [nothing, nothing]
        assert self.run("2028-02-09") == [{**nothing, "reminded_30": 1}, nothing]
        assert "còn 30 ngày" in mailoutbox[-1].subject
        assert self.run("2028-03-10") == [nothing, nothing]  # the last valid day
        assert stars_of(product) == 5

        assert self.run("2028-03-11") == [{**nothing, "expired": 1}, nothing]
        certificate.refresh_from_db()
        assert certificate.status == CertificateStatus.EXPIRED
        assert stars_of(product) is None
        assert len(mailoutbox) == 2
        assert [e.to_status for e in certificate.events.all()][0] == "expired"

    def test_a_certificate_verified_late_gets_only_the_30_day_reminder(self, shop, owner, mentor, mailoutbox):
        certificate = record(shop, owner, ProductFactory(shop=shop), expires_on=datetime.date(2025, 4, 1))
        certificates.certificate_verify(certificate_id=certificate.pk, mentor=mentor, today=ISSUED)

        assert self.run("2025-03-12")[0] == {"expired": 0, "reminded_30": 1, "reminded_60": 0}
        assert len(mailoutbox) == 1

    def test_renewing_the_expiry_date_rearms_the_reminders(self, verified, shop, owner, mentor):
        certificate, product = verified
        self.run("2028-02-09")
        record(
            shop,
            owner,
            product,
            stars=5,
            certificate_id=certificate.pk,
            expires_on=datetime.date(2031, 3, 10),
        )
        certificate.refresh_from_db()

        assert (certificate.reminded_60_at, certificate.reminded_30_at, certificate.status) == (
            None,
            None,
            "pending",
        )

    def test_the_beat_task_runs_the_job_for_today(self, verified):
        from ocop.tasks import expire_and_remind_certificates

        assert expire_and_remind_certificates.run() == {"expired": 0, "reminded_30": 0, "reminded_60": 0}
