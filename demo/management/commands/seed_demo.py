"""manage.py seed_demo [--quiet] [--if-empty] [--shops N] [--products N]"""

import time

from django.core.management.base import BaseCommand

from demo import data
from demo.seeding import DEFAULT_PRODUCT_COUNT, ensure_demo_second_step, seed_demo
from shops.models import Shop


class Command(BaseCommand):
    help = "Load the demo marketplace: staff, mentors, a buyer, live shops and their products."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="print the summary only, not the logins")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database already holds shops"
        )
        parser.add_argument(
            "--shops",
            type=int,
            default=len(data.SHOPS),
            help=f"how many demo shops (at most {len(data.SHOPS)})",
        )
        parser.add_argument("--products", type=int, default=DEFAULT_PRODUCT_COUNT, help="how many products")

    def handle(self, *args, quiet: bool, if_empty: bool, shops: int, products: int, **options):
        if if_empty and Shop.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có gian hàng: bỏ qua dữ liệu mẫu.")
            self._second_step(ensure_demo_second_step())
            return
        started = time.monotonic()
        report = seed_demo(shop_count=shops, product_count=products)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu sẵn sàng trong {elapsed:.1f} giây: {report.shops} gian hàng "
                f"({report.shops_created} mới), {report.products} sản phẩm ({report.products_created} mới), "
                f"{report.applications_created} hồ sơ chờ duyệt mới, {report.orders_created} đơn hàng mới, "
                f"{report.users_created} tài khoản mới, "
                f"{report.pictures_added} ảnh logo/bìa mới."
            )
        )
        if quiet:
            return
        self.stdout.write(f"\nĐăng nhập bằng số điện thoại hoặc email, mật khẩu: {data.PASSWORD}")
        self.stdout.write(f"  Ban quản trị (Hội LHPN): {data.STAFF.phone} hoặc {data.STAFF.email}")
        self._second_step(report.staff_totp_secret)
        for mentor in data.MENTORS:
            person = mentor.person
            self.stdout.write(f"  Cố vấn {mentor.region}: {person.phone} hoặc {person.email}")
        self.stdout.write(f"  Người mua: {data.BUYER.phone} hoặc {data.BUYER.email}")
        self.stdout.write("  Chủ gian hàng:")
        for phone, shop_name in report.vendors:
            self.stdout.write(f"    {phone}  {shop_name}")
        self.stdout.write("  Hồ sơ đang chờ cán bộ Hội duyệt (/mentor/):")
        for phone, shop_name in report.applicants:
            self.stdout.write(f"    {phone}  {shop_name}")

    def _second_step(self, secret: str | None) -> None:
        if secret:
            grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
            self.stdout.write(
                f"    Xác minh hai bước của ban quản trị: thêm khoá {grouped} vào ứng dụng xác thực,"
                " hoặc lấy mã hiện tại bằng: manage.py demo_code"
            )
