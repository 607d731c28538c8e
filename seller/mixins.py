"""Who may open the vendor's pages: a member of a shop, and for the catalogue a shop that sells."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from shops.models import ShopStatus
from shops.permissions import shop_of_member


class ShopMemberMixin(LoginRequiredMixin):
    """Her shop, whatever its status (a suspended shop still ships what was paid); else back to /seller/."""

    no_shop_message = _("Khi có gian hàng, chị nhận đơn và đặt phí giao hàng tại đây.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.shop = shop_of_member(request.user)
        if not self.shop_may_open(self.shop):
            messages.info(request, self.no_shop_message)
            return redirect("seller:home")
        return super().dispatch(request, *args, **kwargs)

    def shop_may_open(self, shop) -> bool:
        return shop is not None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "shop": self.shop}


class SellingShopMixin(ShopMemberMixin):
    """Her shop, once approved (suspended shops still tend their catalogue)."""

    no_shop_message = _("Khi gian hàng được duyệt, chị đăng và quản lý sản phẩm tại đây.")

    def shop_may_open(self, shop) -> bool:
        return (
            shop is not None and shop.partner_id is not None and shop.status in ShopStatus.visible_statuses()
        )
