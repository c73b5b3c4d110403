"""Checkout views: Oscar's, with our overrides from two modules.

Oscar's checkout app loads its views with get_class("checkout.views", ...),
which finds this module. Fulfilment (delivery or pickup at a store) and
payment (card, cash on delivery, pay at pickup) live in their own modules so
each stays readable; whatever they define replaces Oscar's view of that name.
"""

from oscar.apps.checkout.views import *  # noqa: F403

from .fulfilment_views import *  # noqa: F403
from .payment_views import *  # noqa: F403
