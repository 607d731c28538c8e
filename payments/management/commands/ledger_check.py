"""Verify the books: prints `balanced` as its last line and exits 0, or names the first broken
account, transaction, payment or shop and exits 1."""

from django.core.management.base import BaseCommand, CommandError

from payments.reconciliation import books_problems


class Command(BaseCommand):
    help = (
        "Kiểm tra sổ cái: mọi bút toán cân, tài khoản thu khớp sao kê, từng thanh toán và gian hàng khớp sổ."
    )

    def handle(self, *args, **options):
        problem = next(books_problems(), None)
        if problem is not None:
            raise CommandError(problem)
        self.stdout.write("balanced")
