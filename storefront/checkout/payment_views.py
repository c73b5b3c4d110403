"""Checkout steps for payment: card through Stripe, cash on delivery, pay at pickup.

Flow: payment method → preview → "Place order" creates the order, reserves
its stock and records the payment method (nothing is charged yet); for a card
order its one PaymentIntent is created once that is committed → thank-you
page, which only reads (no request to Stripe on a GET). For a card order it
carries the Stripe.js card form, whose POST confirms the PaymentIntent; the
order turns paid only when Stripe's signed webhook says so
(storefront.payment.services.handle_webhook).
"""

import logging

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import views as core_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_model

from storefront.order.utils import OrderRefused
from storefront.payment import services
from storefront.payment.models import OrderPayment

from . import steps
from .forms import PaymentMethodForm
from .mixins import PLACED_BASKETS, checkout_is_pickup

__all__ = ["PaymentDetailsView", "PaymentMethodView", "ThankYouView"]

logger = logging.getLogger("oscar.checkout")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Status = OrderPayment.Status


def _cookie_basket_id(request) -> int | None:
    """The anonymous basket id in Oscar's signed basket cookie (as the middleware reads it)."""
    try:
        return int(Signer().unsign(request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN, "")))
    except (BadSignature, ValueError):
        return None


def _order_total(view):
    return view.get_context_data()["order_total"]


class PaymentMethodView(core_views.PaymentMethodView):
    """Choose how to pay; card only when Stripe is set up and the total fits its limits."""

    template_name = "oscar/checkout/payment_method.html"
    checkout_step = steps.PAYMENT
    # Nothing to enter before the order exists: the card form comes after it.
    success_url = "checkout:preview"

    def get_choices(self):
        total = _order_total(self).incl_tax
        return services.available_payment_methods(
            total=total,
            is_pickup=checkout_is_pickup(self),
            needs_shipping=self.request.basket.is_shipping_required(),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(data=request.POST)
        if form.is_valid():
            self.checkout_session.pay_by(form.cleaned_data["method"])
            return redirect(self.success_url)
        return self.render_to_response(self.get_context_data(form=form))

    def get_form(self, data=None):
        chosen = self.checkout_session.payment_method()
        # No initial at all when nothing is chosen yet, so the form's own
        # (the only available method) applies; a None here would override it.
        initial = {"method": chosen} if chosen else {}
        return PaymentMethodForm(data, choices=self.get_choices(), initial=initial)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" in kwargs:
            ctx["unavailable_methods"] = [
                c for c in kwargs["form"].method_choices if not c.available
            ]
        return ctx


class PaymentDetailsView(core_views.PaymentDetailsView):
    """Preview and "Place order"; the payment-details step itself has nothing to ask."""

    def get_checkout_step(self):
        return steps.CONFIRMATION if self.preview else steps.PAYMENT

    def dispatch(self, request, *args, **kwargs):
        # A second "Place order" (double click, second tab, back button) for a
        # basket that already became an order shows that order again. This runs
        # before Oscar's pre-conditions, which would send the shopper to the
        # (now empty) basket.
        if request.method == "POST" and request.POST.get("action") == "place_order":
            order_id = self._order_placed_from_posted_basket(request)
            if order_id:
                return self._show_order(order_id)
        return super().dispatch(request, *args, **kwargs)

    def _order_placed_from_posted_basket(self, request) -> int | None:
        """The order already made from the basket this preview showed, if it is this shopper's.

        A double submit's second POST may have left the browser before the
        first answer came back: the session it reads may not know the order
        yet, and the basket middleware no longer finds the (submitted) basket.
        So the order is found by the posted basket id, and ownership is
        proved by the session that placed it, the signed-in owner, or the
        signed basket cookie the request still carries.

        The basket is loaded first: if it is still open here, the first
        submit has not committed and placement will wait on the basket lock
        and find the order there (handle_place_order_submission).
        """
        try:
            basket_id = int(request.POST.get("basket_id", ""))
        except ValueError:
            return None
        _ = request.basket.id  # before the lookup, see the docstring
        order = Order.objects.filter(basket_id=basket_id).values("pk", "user_id").first()
        if order is None:
            return None
        if request.session.get(PLACED_BASKETS, {}).get(str(basket_id)) == order["pk"]:
            return order["pk"]
        if request.user.is_authenticated:
            return order["pk"] if order["user_id"] == request.user.pk else None
        if order["user_id"] is None and _cookie_basket_id(request) == basket_id:
            return order["pk"]
        return None

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def check_payment_data_is_captured(self, request):
        method = self.checkout_session.payment_method()
        total = _order_total(self).incl_tax
        try:
            services.check_method_allowed(
                method=method,
                total=total,
                is_pickup=checkout_is_pickup(self),
                needs_shipping=request.basket.is_shipping_required(),
            )
        except services.PaymentError as error:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=str(error) if method else _("Please choose how you would like to pay."),
            ) from error

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        if method in OrderPayment.Method.values:
            ctx["payment_method_label"] = OrderPayment.Method(method).label
        return ctx

    def handle_place_order_submission(self, request):
        """Place the order once, whatever the number of clicks or tabs.

        The basket row is locked for the whole placement: a concurrent submit
        waits, then finds the order made from this basket and shows it.
        """
        with transaction.atomic():
            basket = Basket.objects.select_for_update().get(pk=request.basket.pk)
            existing = Order.objects.filter(basket_id=basket.pk).first()
            if existing:
                return self._show_order(existing.pk)
            return super().handle_place_order_submission(request)

    def handle_order_placement(self, order_number, *args, **kwargs):
        """A refused order goes back to the preview with the reason, logged as what it is.

        Oscar logs any UnableToPlaceOrder as an ERROR with its traceback; a
        sold-out basket is a shopper's everyday answer, not a fault.
        """
        try:
            return super().handle_order_placement(order_number, *args, **kwargs)
        except OrderRefused as refusal:
            logger.info("Order #%s refused: %s", order_number, refusal)
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=str(refusal))

    def handle_payment(self, order_number, total, **kwargs):
        """Nothing is charged before the order exists; only the rules are checked."""
        try:
            services.check_method_allowed(
                method=self.checkout_session.payment_method(),
                total=total.incl_tax,
                is_pickup=checkout_is_pickup(self),
                needs_shipping=self.request.basket.is_shipping_required(),
            )
        except services.PaymentError as error:
            raise UnableToTakePayment(str(error)) from error

    def _show_order(self, order_id):
        self.request.session["checkout_order_id"] = order_id
        return redirect("checkout:thank-you")


class ThankYouView(core_views.ThankYouView):
    """Order confirmation; for an unpaid card order, also the card form.

    A GET only reads: the PaymentIntent was created by "Place order" (after
    commit) or is created by the card form's POST, and what Stripe last said
    of it is the status recorded by those POSTs. Only the webhook marks the
    order paid.
    """

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order is not None:
            # The confirmation lists every line with its product, picture and
            # options: read them in three queries, not three per line.
            lines = order.lines.model.objects.select_related("product").prefetch_related(
                "attributes", "product__images"
            )
            prefetch_related_objects([order], Prefetch("lines", queryset=lines))
        return order

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx["checkout_steps"] = steps.steps_for_order(self.object)
        payment = OrderPayment.objects.filter(order=self.object).first()
        ctx["payment"] = payment
        if payment and payment.is_card and payment.status in (Status.PENDING, Status.FAILED):
            if services.stripe_is_configured():
                ctx.update(
                    stripe_js_url=settings.STRIPE_JS_URL,
                    stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
                    confirm_url=reverse("payment:stripe-confirm", args=[self.object.number]),
                    refresh_url=reverse("payment:stripe-refresh", args=[self.object.number]),
                )
            else:
                ctx["card_error"] = _("Card payment is not available right now.")
        if payment:
            ctx["stripe_status"] = payment.intent_status
        return ctx
