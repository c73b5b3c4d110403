"""Checkout steps for delivery or pickup at a physical OCOP store.

Flow: index (email) → fulfilment (delivery or pickup) → for delivery the
shipping address and method, for pickup straight to payment. The classes named
like Oscar's replace Oscar's views of that name (see views.py).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import PassedSkipCondition

from storefront.account_views import CheckoutGatewayForm
from storefront.checkout import session, steps
from storefront.checkout.session import CheckoutSessionMixin
from storefront.order.routing import pickup_stores
from storefront.partner import selectors
from storefront.partner.strategy import my_store_id
from storefront.shipping.methods import DELIVERY_CHARGE, PICKUP_CODE_PREFIX

__all__ = ["FulfilmentView", "IndexView", "ShippingAddressView", "ShippingMethodView"]

FULFILMENT_PRE_CONDITIONS = [
    "check_basket_is_not_empty",
    "check_basket_is_valid",
    "check_user_email_is_captured",
]


class IndexView(oscar_views.IndexView):
    success_url = reverse_lazy("checkout-fulfilment")
    # Says nothing about which emails have accounts (storefront/account_views.py).
    form_class = CheckoutGatewayForm

    def get_form_kwargs(self):
        # Oscar builds its sign-in form without the request, so authenticate()
        # gets none; the sign-in lockout (django-axes) needs it, and refuses
        # (500) without it.
        return {**super().get_form_kwargs(), "request": self.request}


class FulfilmentView(CheckoutSessionMixin, generic.TemplateView):
    """Delivery, or pickup at one of the stores that hold every line of the basket."""

    template_name = "oscar/checkout/fulfilment.html"
    checkout_step = steps.FULFILMENT
    pre_conditions = FULFILMENT_PRE_CONDITIONS
    skip_conditions = ["skip_unless_basket_needs_fulfilment"]

    def skip_unless_basket_needs_fulfilment(self, request):
        # Tickets for experiences are neither delivered nor collected.
        if not request.basket.is_shipping_required():
            raise PassedSkipCondition(url=reverse("checkout:shipping-method"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        preferred = my_store_id(self.request)
        stores = sorted(pickup_stores(self.request.basket), key=lambda store: store.pk != preferred)
        ctx["pickup_stores"] = [
            {
                "store": store,
                "hours": selectors.weekly_hours(store),
                "open_now": selectors.is_open_now(store, now),
            }
            for store in stores
        ]
        ctx["chosen_type"] = session.fulfilment_type(self.checkout_session)
        ctx["chosen_store"] = session.pickup_store_slug(self.checkout_session) or (
            stores[0].slug if stores and stores[0].pk == preferred else ""
        )
        ctx["delivery_charge"] = DELIVERY_CHARGE
        return ctx

    def post(self, request, *args, **kwargs):
        # One radio group: "delivery" or "pickup:<store slug>".
        choice = request.POST.get("choice", "")
        if choice == session.DELIVERY:
            session.choose_delivery(self.checkout_session)
            return redirect("checkout:shipping-address")
        if choice.startswith(f"{session.PICKUP}:"):
            slug = choice.partition(":")[2]
            store = next((s for s in pickup_stores(request.basket) if s.slug == slug), None)
            if store is not None:
                session.choose_pickup(self.checkout_session, store)
                return redirect("checkout:payment-method")
            messages.error(request, _("Please choose one of the stores listed."))
        else:
            messages.error(request, _("Please choose delivery or pickup at a store."))
        return self.render_to_response(self.get_context_data(), status=400)


class ShippingAddressView(oscar_views.ShippingAddressView):
    checkout_step = steps.ADDRESS
    pre_conditions = [*FULFILMENT_PRE_CONDITIONS, "check_fulfilment_is_chosen"]


class ShippingMethodView(oscar_views.ShippingMethodView):
    # Shown only if delivery ever offers more than one method.
    checkout_step = steps.ADDRESS
    pre_conditions = [*FULFILMENT_PRE_CONDITIONS, "check_fulfilment_is_chosen"]

    def get_available_shipping_methods(self):
        methods = super().get_available_shipping_methods()
        if not self.request.basket.is_shipping_required():
            return methods
        slug = session.pickup_store_slug(self.checkout_session)
        if slug:
            return [m for m in methods if m.code == f"{PICKUP_CODE_PREFIX}{slug}"]
        return [m for m in methods if not m.code.startswith(PICKUP_CODE_PREFIX)]
