"""Oscar's checkout session, aware of click and collect.

The shopper first chooses delivery or pickup (FulfilmentView). For pickup the
shipping-address step is skipped, no address is asked for or stored, and the
only shipping method is "pickup at <store>". Helpers here are the one place
that reads or writes that choice, so the payment steps can ask `is_pickup()`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout.session import CheckoutSessionMixin as OscarCheckoutSessionMixin

from storefront.checkout.steps import checkout_steps
from storefront.order.routing import pickup_stores
from storefront.shipping.methods import PICKUP_CODE_PREFIX
from storefront.shipping.repository import Repository

NAMESPACE = "fulfilment"
DELIVERY, PICKUP = "delivery", "pickup"


def fulfilment_type(checkout_session) -> str | None:
    return checkout_session._get(NAMESPACE, "type")


def pickup_store_slug(checkout_session) -> str | None:
    if fulfilment_type(checkout_session) != PICKUP:
        return None
    return checkout_session._get(NAMESPACE, "store")


def choose_delivery(checkout_session) -> None:
    checkout_session._set(NAMESPACE, "type", DELIVERY)
    checkout_session._unset(NAMESPACE, "store")
    code = checkout_session._get("shipping", "method_code") or ""
    if code.startswith(PICKUP_CODE_PREFIX):
        checkout_session._unset("shipping", "method_code")


def choose_pickup(checkout_session, store) -> None:
    checkout_session._set(NAMESPACE, "type", PICKUP)
    checkout_session._set(NAMESPACE, "store", store.slug)
    checkout_session.use_shipping_method(f"{PICKUP_CODE_PREFIX}{store.slug}")


class CheckoutSessionMixin(OscarCheckoutSessionMixin):
    # Which step of the bar a view is (storefront/checkout/steps.py); None for
    # checkout pages that are no step of their own (address book edits).
    checkout_step: str | None = None

    def get_checkout_step(self) -> str | None:
        return self.checkout_step

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        needs_shipping = self.request.basket.is_shipping_required()
        ctx["checkout_steps"] = checkout_steps(
            needs_shipping=needs_shipping,
            fulfilment=fulfilment_type(self.checkout_session) if needs_shipping else None,
            current=self.get_checkout_step(),
        )
        return ctx

    def is_pickup(self) -> bool:
        return fulfilment_type(self.checkout_session) == PICKUP

    def check_fulfilment_is_chosen(self, request):
        if request.basket.is_shipping_required() and not fulfilment_type(self.checkout_session):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout-fulfilment"),
                message=_("Please choose delivery or pickup at a store"),
            )

    def skip_unless_basket_requires_shipping(self, request):
        super().skip_unless_basket_requires_shipping(request)
        if self.is_pickup():
            raise exceptions.PassedSkipCondition(url=reverse("checkout:shipping-method"))

    def check_shipping_data_is_captured(self, request):
        if request.basket.is_shipping_required() and self.is_pickup():
            self.check_a_valid_shipping_method_is_captured()
            return
        super().check_shipping_data_is_captured(request)

    def check_a_valid_shipping_method_is_captured(self):
        if self.is_pickup():
            basket = self.request.basket
            slug = pickup_store_slug(self.checkout_session)
            # An early, unlocked look, to send the shopper back before the
            # preview; placement itself decides under the stock row locks.
            if self.get_shipping_method(basket=basket) is None or not any(
                store.slug == slug for store in pickup_stores(basket)
            ):
                # The store no longer holds every line: choose again.
                raise exceptions.FailedPreCondition(
                    url=reverse("checkout-fulfilment"),
                    message=_(
                        "The store you chose no longer has everything in your basket. "
                        "Please choose another store or delivery."
                    ),
                )
            return
        super().check_a_valid_shipping_method_is_captured()

    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        """For pickup, the chosen store's method even if its shelf just emptied.

        Oscar looks the method up again when the order is placed; had it
        vanished there (sold out since the checks), placement would go on
        without one. The allocation refuses that order instead.
        """
        if self.is_pickup() and basket.is_shipping_required():
            return Repository().get_pickup_method(
                basket, slug=pickup_store_slug(self.checkout_session) or ""
            )
        return super().get_shipping_method(basket, shipping_address, **kwargs)

    def get_shipping_address(self, basket):
        if self.is_pickup():
            return None
        return super().get_shipping_address(basket)
