"""Order placement that records how the order will be paid, and never places it twice.

Oscar's views load `OrderPlacementMixin` through get_class("checkout.mixins"),
so this class is used by every view that places an order.
"""

from django.db import transaction
from django.utils import translation
from oscar.apps.checkout.mixins import OrderPlacementMixin as CoreOrderPlacementMixin
from oscar.core.loading import get_model

from storefront import jobs
from storefront.payment import emails, services, tasks
from storefront.payment.models import OrderPayment

Order = get_model("order", "Order")

# Session key: basket id → order id of the orders this session placed, so a
# second "Place order" for a basket that already became an order finds it.
PLACED_BASKETS = "payment_placed_baskets"


def checkout_is_pickup(view) -> bool:
    """Whether the shopper chose to collect the order at a store.

    Asks the fulfilment step (storefront.checkout.session's `is_pickup()`);
    a view without it falls back to Oscar's shipping method code (pickup
    methods' codes start with "pickup").
    """
    is_pickup = getattr(view, "is_pickup", None)
    if callable(is_pickup):
        return bool(is_pickup())
    code = view.checkout_session.shipping_method_code(view.request.basket) or ""
    return code.startswith("pickup")


class OrderPlacementMixin(CoreOrderPlacementMixin):
    def place_order(self, *args, **kwargs):
        """Write the order, its stock reservation and its payment record together."""
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            payment = services.create_order_payment(
                order=order,
                method=self.checkout_session.payment_method(),
                language=translation.get_language(),
            )
            if payment.is_card:
                # On the worker, after commit: Stripe is never called while
                # the order's rows are held, nor while the shopper waits.
                jobs.enqueue_on_commit(tasks.prepare_card_payment, order_id=order.pk)
        return order

    def get_initial_order_status(self, basket):
        """Card and transfer orders wait for the money; cash orders go straight to the stores."""
        if self.checkout_session.payment_method() in (
            OrderPayment.Method.CARD,
            OrderPayment.Method.BANK_TRANSFER,
        ):
            return services.ORDER_STATUS_AWAITING_PAYMENT
        return super().get_initial_order_status(basket)

    def handle_successful_order(self, order):
        placed = self.request.session.get(PLACED_BASKETS, {})
        placed[str(order.basket_id)] = order.pk
        self.request.session[PLACED_BASKETS] = placed
        return super().handle_successful_order(order)

    def send_order_placed_email(self, order):
        # Through the outbox: sent by the worker after commit, once per order.
        emails.send_order_placed(order_id=order.pk)

    def restore_frozen_basket(self):
        """Thaw the basket only if no order was made from it (Oscar issue #3768)."""
        basket_id = self.checkout_session.get_submitted_basket_id()
        if basket_id and Order.objects.filter(basket_id=basket_id).exists():
            return
        super().restore_frozen_basket()
