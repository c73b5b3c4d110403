"""The checkout's step bar: exactly the steps this basket goes through.

Oscar's bar always lists "shipping address, shipping method, payment,
preview, confirmation", whatever the basket. Ours follows the shop's flow
(storefront/checkout/fulfilment_views.py, payment_views.py):

- a basket with something to hand over starts with "delivery or pickup";
  pickup then goes straight to payment, delivery asks for an address first
  (the only delivery method is chosen for the shopper, so it is no step);
- a basket of experience tickets only has nothing to hand over: payment,
  then confirmation;
- "Confirmation" covers both the preview with "Place order" and the page
  that confirms the placed order.

Until the shopper has chosen delivery or pickup the address step is not
known to be needed and is not shown; the first step then reads
"Delivery or pickup".
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from storefront.order.models import Order

FULFILMENT, ADDRESS, PAYMENT, CONFIRMATION = "fulfilment", "address", "payment", "confirmation"
# What the shopper chose (storefront/checkout/session.py records the same values).
DELIVERY, PICKUP = Order.Fulfilment.DELIVERY.value, Order.Fulfilment.PICKUP.value

# URL of each step, for going back to it from a later one.
_STEP_URLS = {
    FULFILMENT: "checkout-fulfilment",
    ADDRESS: "checkout:shipping-address",
    PAYMENT: "checkout:payment-method",
    CONFIRMATION: "checkout:preview",
}


@dataclass(frozen=True)
class Step:
    code: str
    label: str | Promise
    number: int
    state: str  # "done", "current" or "todo"
    url: str = ""  # set only for done steps the shopper may go back to

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def checkout_steps(
    *, needs_shipping: bool, fulfilment: str | None, current: str | None, placed: bool = False
) -> list[Step]:
    """The steps of this checkout, in order, with the current one marked.

    `fulfilment` is "delivery", "pickup" or None (not chosen yet, or nothing
    to hand over); `current` one of the step codes, or None for a checkout
    page that is no step (every step is then "todo"). Once the order is
    `placed` no earlier step links back: the basket is gone.
    """
    if not needs_shipping:
        codes = [PAYMENT, CONFIRMATION]
    elif fulfilment == DELIVERY:
        codes = [FULFILMENT, ADDRESS, PAYMENT, CONFIRMATION]
    else:
        codes = [FULFILMENT, PAYMENT, CONFIRMATION]
    # Short words, as a phone shows every step on one or two lines.
    labels = {
        FULFILMENT: {
            DELIVERY: pgettext_lazy("checkout step", "Delivery"),
            PICKUP: pgettext_lazy("checkout step", "Pickup"),
        }.get(fulfilment, pgettext_lazy("checkout step", "Delivery or pickup")),
        ADDRESS: pgettext_lazy("checkout step", "Address"),
        PAYMENT: pgettext_lazy("checkout step", "Payment"),
        CONFIRMATION: pgettext_lazy("checkout step", "Confirmation"),
    }
    position = codes.index(current) if current in codes else -1
    steps = []
    for index, code in enumerate(codes):
        if index < position:
            state = "done"
        elif index == position:
            state = "current"
        else:
            state = "todo"
        url = reverse(_STEP_URLS[code]) if state == "done" and not placed else ""
        steps.append(Step(code, labels[code], index + 1, state, url))
    return steps


def steps_for_order(order) -> list[Step]:
    """The steps the placed order went through, all done up to its confirmation."""
    if order.is_pickup:
        needs_shipping = True
    elif order.basket is not None:
        needs_shipping = order.basket.is_shipping_required()
    else:  # basket deleted since: a delivered order had an address
        needs_shipping = order.shipping_address_id is not None
    return checkout_steps(
        needs_shipping=needs_shipping,
        fulfilment=order.fulfilment_type if needs_shipping else None,
        current=CONFIRMATION,
        placed=True,
    )
