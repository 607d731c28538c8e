"""What a person can be told about, and by which channels unless she chooses otherwise.

A topic groups events a person thinks of together ("my new orders", "my shop's review"); her
preferences are per topic and channel. The in-site inbox always receives everything: it is where
each notification's link lives, and it costs nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    PUSH = "push", _("Thông báo trên điện thoại")
    SMS = "sms", _("Tin nhắn SMS")


class Topic(models.TextChoices):
    NEW_ORDERS = "new_orders", _("Đơn hàng mới đã thanh toán")
    SHOP_REVIEW = "shop_review", _("Kết quả duyệt gian hàng")
    PRODUCTS = "products", _("Sản phẩm bị ẩn")
    CERTIFICATES = "certificates", _("Chứng nhận OCOP")
    PAYOUTS = "payouts", _("Tiền chuyển về tài khoản ngân hàng")
    REVIEW_QUEUE = "review_queue", _("Hồ sơ và chứng nhận mới cần duyệt")
    MONTHLY_REPORT = "monthly_report", _("Báo cáo hằng tháng của tỉnh")
    MY_ORDERS = "my_orders", _("Đơn hàng tôi đã mua")


class Audience(models.TextChoices):
    BUYER = "buyer", _("Người mua")
    VENDOR = "vendor", _("Người bán")
    MENTOR = "mentor", _("Cán bộ Hội")


TOPIC_AUDIENCE = {
    Topic.NEW_ORDERS: Audience.VENDOR,
    Topic.SHOP_REVIEW: Audience.VENDOR,
    Topic.PRODUCTS: Audience.VENDOR,
    Topic.CERTIFICATES: Audience.VENDOR,
    Topic.PAYOUTS: Audience.VENDOR,
    Topic.REVIEW_QUEUE: Audience.MENTOR,
    Topic.MONTHLY_REPORT: Audience.MENTOR,
    Topic.MY_ORDERS: Audience.BUYER,
}

ALL_CHANNELS = frozenset(Channel)
# Every channel she has, except text messages for the mentors' queue (a busy province would send
# several a day, and the inbox and the phone's notifications already carry them) and for the
# monthly report (a table, for email and the inbox).
DEFAULT_CHANNELS = {topic: ALL_CHANNELS for topic in Topic} | {
    Topic.REVIEW_QUEUE: frozenset({Channel.EMAIL, Channel.PUSH}),
    Topic.MONTHLY_REPORT: frozenset({Channel.EMAIL, Channel.PUSH}),
}
