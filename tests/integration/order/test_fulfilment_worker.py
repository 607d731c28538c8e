"""The buyer's shipping email, sent by a real Celery worker through the broker after the move commits."""

from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from order import transitions as fulfilment
from payments.transitions import payment_confirm_by_hand
from tests.conftest import wait_for_delivery
from tests.factories import ProductFactory, UserFactory, an_order


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_emails_the_buyer_once_when_her_parcel_is_sent(celery_worker_process):
    email_dir = celery_worker_process.email_dir
    order = an_order((ProductFactory(title="Trà búp Tân Cương"), 2), email="mai.worker@example.vn")
    payment_confirm_by_hand(payment_id=order.payment.pk, actor=UserFactory(is_staff=True), note="Sao kê")
    shop_order = order.shop_orders.get()

    event = fulfilment.shop_order_ship(
        shop_order_id=shop_order.pk,
        actor=shop_order.shop.members.get(),
        carrier="Viettel Post",
        tracking_number="VTP 778899",
    )
    wait_for_delivery(f"shop-order:{event.pk}", message="the worker to email the buyer")

    sent = [message_from_bytes(path.read_bytes()) for path in sorted(email_dir.glob("*.log"))]
    shipped = [
        message
        for message in sent
        if message["To"] == "mai.worker@example.vn"
        and str(make_header(decode_header(message["Subject"])))
        == f"[Chợ Sen] Đơn {shop_order.number} đã được gửi đi"
    ]
    assert len(shipped) == 1
    body = shipped[0].get_payload(decode=True).decode()
    assert "Viettel Post" in body and "Mã vận đơn: VTP 778899" in body
