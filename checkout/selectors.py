"""Reads for the checkout page: a signed-in buyer's addresses from her earlier orders."""

from oscar.core.loading import get_model

from marketplace.accounts.phones import display_vn_phone

ShippingAddress = get_model("order", "ShippingAddress")
SAVED_ADDRESSES_SHOWN = 5


def saved_addresses(*, user) -> list:
    """Her distinct delivery addresses, most recently used first (the address book is her orders)."""
    if not user.is_authenticated:
        return []
    seen, addresses = set(), []
    recent = ShippingAddress.objects.filter(order__user=user, province_code__isnull=False).order_by(
        "-order__date_placed", "-pk"
    )
    for address in recent[:50]:
        key = (address.last_name, str(address.phone_number), address.ward_code, address.line1.lower())
        if key not in seen:
            seen.add(key)
            addresses.append(address)
    return addresses[:SAVED_ADDRESSES_SHOWN]


def delivery_initial(*, user, address=None) -> dict:
    """What the delivery form starts with: a saved address, or what her account knows."""
    if not user.is_authenticated:
        return {}
    if address is None:
        return {
            "name": user.get_full_name(),
            "email": user.email or "",
            "phone": display_vn_phone(user.phone or ""),
        }
    return {
        "name": address.last_name,
        "phone": display_vn_phone(str(address.phone_number)),
        "province_code": address.province_code,
        "ward_code": address.ward_code,
        "street": address.line1,
        "email": user.email or "",
    }
