"""Load the demo marketplace, idempotently: what exists already is left exactly as it is.

Products go through the product import, the same code path as a vendor's spreadsheet.
"""

import base64
import hashlib
import tempfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice
from oscar.core.loading import get_model

from catalogue.importing import import_products
from marketplace import geo
from marketplace.accounts.phones import display_vn_phone, normalize_vn_phone
from marketplace.text import slugify, strip_diacritics
from shops import review
from shops.models import MentorProvince, Shop, ShopMembership
from shops.services import shop_application_save, shop_create_live

from . import data, pictures
from .certificates import seed_certificates
from .orders import seed_orders

Product = get_model("catalogue", "Product")
User = get_user_model()

DEFAULT_PRODUCT_COUNT = 300
APPLICATION_LOGO_COLOUR = (120, 90, 160)  # applicants have no products yet to take a colour from
OCOP_STARS = (None, None, None, None, None, 3, 3, 4, 4, 5)  # about half the products have stars


class DemoDataError(RuntimeError):
    """The demo data itself is wrong: a bug in demo/, not something a user did."""


@dataclass
class SeedReport:
    users_created: int = 0
    shops_created: int = 0
    applications_created: int = 0
    orders_created: int = 0
    pictures_added: int = 0
    products_created: int = 0
    certificates_created: int = 0
    shops: int = 0
    products: int = 0
    vendors: list[tuple[str, str]] = field(default_factory=list)  # (phone, shop name)
    applicants: list[tuple[str, str]] = field(default_factory=list)  # (phone, shop name) under review
    staff_totp_secret: str | None = None  # the demo staff's second-step key, where settings.DEBUG is on


@dataclass(frozen=True)
class _PlannedProduct:
    row: dict[str, str]
    name: str
    pack: str
    category: data.Category


def _pick(key: str, choices: int) -> int:
    """A stable choice from a key (Python's own hash() changes from run to run)."""
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % choices


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _interleave(lists: list[list]) -> list:
    """[[a1, a2], [b1, b2]] -> [a1, b1, a2, b2]: a shorter run still samples every list."""
    return [item for group in zip_longest(*lists) for item in group if item is not None]


def owner_phone(position: int) -> str:
    """The same number on every run, so that a re-run finds the same owner."""
    return f"09120001{position:02d}"


def _ward(*, province_code: int, name: str) -> tuple[int, str]:
    for code, ward_name in geo.ward_choices(province_code):
        ward_name = " ".join(ward_name.split())  # a few official names have doubled spaces
        if ward_name == name:
            return code, ward_name
    raise DemoDataError(f"No ward “{name}” in province {province_code}.")


def _place(*, ward: str, province_code: int) -> str:
    """'xã Bát Tràng, thành phố Hà Nội', as a sentence says it."""
    province = geo.province_name(province_code)
    if not province.startswith("Thành phố"):
        province = f"tỉnh {province}"
    return f"{_lower_first(ward)}, {_lower_first(province)}"


# People ---------------------------------------------------------------------------------------


def _ensure_user(*, person: data.Person, password_hash: str, report: SeedReport, **flags) -> User:
    phone = normalize_vn_phone(person.phone)
    same_person = Q(phone=phone) | Q(email__iexact=person.email) if person.email else Q(phone=phone)
    user = User.objects.filter(same_person).first()
    if user is not None:
        return user
    family_name, _space, given_name = person.name.partition(" ")
    user = User.objects.create_user(
        email=person.email, phone=phone, password=None, first_name=given_name, last_name=family_name, **flags
    )
    user.password = password_hash  # hashed once per run: PBKDF2 costs ~0.25 s a user
    user.save(update_fields=["password"])
    report.users_created += 1
    return user


def _seed_people(*, password_hash: str, report: SeedReport) -> None:
    _ensure_user(
        person=data.STAFF, password_hash=password_hash, report=report, is_staff=True, is_superuser=True
    )
    _ensure_user(person=data.BUYER, password_hash=password_hash, report=report)
    for mentor in data.MENTORS:
        user = _ensure_user(person=mentor.person, password_hash=password_hash, report=report)
        for province_code in mentor.province_codes:
            MentorProvince.objects.get_or_create(mentor=user, province_code=province_code)


def ensure_demo_second_step() -> str | None:
    """The demo staff's authenticator app, with the published key data.STAFF_TOTP_SECRET, so that people
    trying the demo (and browser tests) pass the staff's second step. Only where settings.DEBUG is on:
    never on a production site, where staff set up their own app on first sign-in."""
    if not settings.DEBUG:
        return None
    staff = User.objects.filter(phone=normalize_vn_phone(data.STAFF.phone), is_staff=True).first()
    if staff is None:
        return None
    key = base64.b32decode(data.STAFF_TOTP_SECRET).hex()
    TOTPDevice.objects.get_or_create(user=staff, key=key, defaults={"name": "Demo", "confirmed": True})
    return data.STAFF_TOTP_SECRET


# Shops ----------------------------------------------------------------------------------------


def _create_shop(
    *, plan: data.DemoShop, slug: str, position: int, password_hash: str, report: SeedReport
) -> Shop:
    ward_code, ward_name = _ward(province_code=plan.province_code, name=plan.ward)
    owner = _ensure_user(
        person=data.Person(name=plan.owner, phone=owner_phone(position)),
        password_hash=password_hash,
        report=report,
    )
    shop = shop_create_live(
        name=plan.name,
        slug=slug,
        province_code=plan.province_code,
        ward_code=ward_code,
        story=plan.story,
        phone=owner.phone,
        owner=owner,
        union_chapter=f"Hội LHPN {_lower_first(ward_name)}",
        bank_bin=data.BANK_BINS[_pick(f"bank/{slug}", len(data.BANK_BINS))],
        account_number=f"{_pick(f'account/{slug}', 10**12):012d}",
        account_holder=strip_diacritics(plan.owner).upper(),
    )
    report.shops_created += 1
    return shop


def _add_pictures(*, shop: Shop, plan: data.DemoShop, report: SeedReport) -> None:
    """A logo and a banner in the colour of the shop's main category, unless it has its own."""
    colour = data.CATEGORIES[next(iter(plan.products))].colour
    added = []
    if not shop.logo:
        logo = pictures.shop_logo(shop_name=shop.name, colour=colour)
        shop.logo.save(f"{shop.slug}.png", ContentFile(logo), save=False)
        added.append("logo")
    if not shop.banner:
        place = f"{shop.ward_name}, {shop.province_name}"
        banner = pictures.shop_banner(shop_name=shop.name, place=place, colour=colour)
        shop.banner.save(f"{shop.slug}.png", ContentFile(banner), save=False)
        added.append("banner")
    if added:
        shop.save(update_fields=[*added, "updated_at"])
        report.pictures_added += len(added)


def _seed_shops(*, plans: tuple[data.DemoShop, ...], password_hash: str, report: SeedReport) -> list[Shop]:
    slugs = [slugify(plan.name) for plan in plans]
    existing = {shop.slug: shop for shop in Shop.objects.filter(slug__in=slugs)}
    shops = []
    for position, (plan, slug) in enumerate(zip(plans, slugs, strict=True), start=1):
        shop = existing.get(slug) or _create_shop(
            plan=plan, slug=slug, position=position, password_hash=password_hash, report=report
        )
        _add_pictures(shop=shop, plan=plan, report=report)
        shops.append(shop)
        report.vendors.append((display_vn_phone(normalize_vn_phone(owner_phone(position))), shop.name))
    return shops


def _seed_applications(*, password_hash: str, report: SeedReport) -> None:
    """Members' applications, through the real services: mentors get a queue and the emails."""
    for plan in data.APPLICATIONS:
        owner = _ensure_user(person=plan.owner, password_hash=password_hash, report=report)
        report.applicants.append((display_vn_phone(owner.phone), plan.name))
        if ShopMembership.objects.filter(user=owner).exists():
            continue
        ward_code, _ward_name = _ward(province_code=plan.province_code, name=plan.ward)
        logo = pictures.shop_logo(shop_name=plan.name, colour=APPLICATION_LOGO_COLOUR)
        shop = shop_application_save(
            actor=owner,
            shop=None,
            values={
                "name": plan.name,
                "story": plan.story,
                "logo": ContentFile(logo, name="logo.png"),
                "province_code": plan.province_code,
                "ward_code": ward_code,
                "phone": owner.phone,
                "union_chapter": plan.union_chapter,
                "bank_bin": plan.bank_bin,
                "account_number": plan.account_number,
                "account_holder": strip_diacritics(plan.owner.name).upper(),
            },
        )
        review.shop_submit(shop_id=shop.pk, actor=owner)
        if plan.mentor_request:
            mentor = MentorProvince.objects.filter(province_code=plan.province_code).first().mentor
            review.shop_request_changes(
                shop_id=shop.pk,
                mentor=mentor,
                note=plan.mentor_request,
                field_comments=dict(plan.field_comments),
            )
        report.applications_created += 1


# Products -------------------------------------------------------------------------------------


def _shop_products(*, plan: data.DemoShop, shop: Shop) -> list[_PlannedProduct]:
    """Every kind the shop makes in every pack, cheapest packs of each kind first."""
    place = _place(ward=shop.ward_name, province_code=shop.province_code)
    kinds = [(path, kind, price) for path, kinds in plan.products.items() for kind, price in kinds]
    lines = []
    for kind_number, (path, kind, price) in enumerate(kinds, start=1):
        category = data.CATEGORIES[path]
        stars = OCOP_STARS[_pick(f"ocop/{shop.slug}/{kind}", len(OCOP_STARS))]
        closing = f"Sản phẩm đạt chứng nhận OCOP {stars} sao." if stars else category.tip
        line = []
        for pack_number, (pack, factor) in enumerate(category.packs, start=1):
            sku = f"{shop.slug}-{kind_number}{pack_number}".upper()
            row = {
                "sku": sku,
                "title": f"{kind} – {pack}",
                "description": f"{kind}, {pack}, do {shop.name} làm tại {place}. {category.note} {closing}",
                "category": path,
                "price_vnd": str(round(price * factor / 1000) * 1000),
                "stock": str(8 + _pick(f"stock/{sku}", 150)),
                "shop": shop.slug,
                "ocop_stars": str(stars or ""),
                "image": f"{sku}.png",
            }
            line.append(_PlannedProduct(row=row, name=kind, pack=pack, category=category))
        lines.append(line)
    return _interleave(lines)


def _seed_products(*, planned: list[_PlannedProduct], report: SeedReport) -> None:
    """Only products not there yet are drawn and imported: a second run costs one query."""
    skus = [product.row["sku"] for product in planned]
    existing = set(Product.objects.filter(upc__in=skus).values_list("upc", flat=True))
    missing = [product for product in planned if product.row["sku"] not in existing]
    if not missing:
        return
    with tempfile.TemporaryDirectory(prefix="chosen-demo-") as folder:
        image_root = Path(folder)
        for product in missing:
            picture = pictures.product_picture(
                name=product.name,
                pack=product.pack,
                colour=product.category.colour,
                shape=product.category.shape,
            )
            (image_root / product.row["image"]).write_bytes(picture)
        rows = [(line, product.row) for line, product in enumerate(missing, start=1)]
        imported = import_products(rows=rows, image_root=image_root)
    if imported.errors:
        raise DemoDataError(f"Demo products were rejected: {imported.errors[:3]}")
    report.products_created += imported.created


@transaction.atomic
def seed_demo(*, shop_count: int = len(data.SHOPS), product_count: int = DEFAULT_PRODUCT_COUNT) -> SeedReport:
    """All or nothing, so that an interrupted run leaves no half-made demo behind."""
    report = SeedReport()
    password_hash = make_password(data.PASSWORD)  # once: PBKDF2 is slow on purpose
    _seed_people(password_hash=password_hash, report=report)
    report.staff_totp_secret = ensure_demo_second_step()
    plans = data.SHOPS[:shop_count]
    shops = _seed_shops(plans=plans, password_hash=password_hash, report=report)
    per_shop = [_shop_products(plan=plan, shop=shop) for plan, shop in zip(plans, shops, strict=True)]
    planned = _interleave(per_shop)[:product_count]
    _seed_products(planned=planned, report=report)
    stars = {
        product.row["sku"]: int(product.row["ocop_stars"]) for product in planned if product.row["ocop_stars"]
    }
    report.certificates_created = seed_certificates(shops=shops, stars_by_sku=stars)
    report.shops = len(shops)
    report.products = Product.objects.filter(upc__in=[product.row["sku"] for product in planned]).count()
    _seed_applications(password_hash=password_hash, report=report)
    report.orders_created = seed_orders(shops=shops)
    return report
