"""How an order reaches the shopper: delivered to an address, or collected at a store.

Delivery costs a flat DELIVERY_CHARGE (whole đồng); collecting costs nothing.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403  (Oscar's methods stay importable)
from oscar.apps.shipping.methods import FixedPrice, Free

DELIVERY_CHARGE = Decimal("30000")
PICKUP_CODE_PREFIX = "pickup-"


class HomeDelivery(FixedPrice):
    code = "delivery"
    name = _("Home delivery")
    description = _("Delivered to your address by courier, usually within 2–4 days.")

    def __init__(self):
        super().__init__(charge_excl_tax=DELIVERY_CHARGE, charge_incl_tax=DELIVERY_CHARGE)


class PickupAtStore(Free):
    """Collect at one store; `store` routes the order (storefront.order.utils)."""

    def __init__(self, store):
        self.store = store
        self.code = f"{PICKUP_CODE_PREFIX}{store.slug}"
        self.name = _("Pickup at %(store)s") % {"store": store.display_name}
        self.description = store.address_line


def store_of(method):
    """The pickup store of a method, looking through Oscar's offer-discount wrappers."""
    while method is not None:
        store = getattr(method, "store", None)
        if store is not None:
            return store
        method = getattr(method, "method", None)
    return None
