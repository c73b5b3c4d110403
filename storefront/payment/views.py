"""Payment endpoints outside the checkout steps: Stripe and bank webhooks, card confirmation,
the transfer status a confirmation page polls, staff actions.

All thin: each calls one function of storefront.payment.services.
"""

import json
import logging

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from storefront.payment import bank_feeds, bank_transfers, services
from storefront.payment.forms import RefundForm
from storefront.payment.models import OrderPayment, PaymentRefund

logger = logging.getLogger("storefront.payment")
Order = get_model("order", "Order")


@csrf_exempt  # Stripe cannot send a CSRF token; the signature is the authentication.
@require_POST
def stripe_webhook(request):
    try:
        outcome = services.handle_webhook(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
    except services.WebhookRejected as error:
        logger.warning("Stripe webhook rejected: %s", error)
        return HttpResponseBadRequest("invalid signature")
    return HttpResponse(outcome, content_type="text/plain")


def _may_pay(request, order) -> bool:
    """The shopper who placed the order (this session, or the signed-in owner)."""
    if request.session.get("checkout_order_id") == order.pk:
        return True
    return request.user.is_authenticated and order.user_id == request.user.pk


@require_POST
def stripe_confirm(request, order_number):
    """Stripe.js sends the card's PaymentMethod id (never the card); we confirm the intent."""
    order = get_object_or_404(Order, number=order_number)
    if not _may_pay(request, order):
        return HttpResponseForbidden()
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return HttpResponseBadRequest()
    payment_method = str(data.get("payment_method", ""))
    if not payment_method.startswith(("pm_", "card_", "src_")):
        return HttpResponseBadRequest()
    payment = get_object_or_404(OrderPayment, order=order)
    try:
        attempt = services.confirm_card_payment(payment=payment, payment_method_id=payment_method)
    except services.PaymentError as error:
        return JsonResponse({"status": "error", "error": str(error)}, status=409)
    return JsonResponse(
        {
            "status": attempt.status,
            "client_secret": attempt.client_secret,
            "error": attempt.error,
            "next": reverse("checkout:thank-you") + f"?payment_intent={payment.payment_intent_id}",
        }
    )


@require_POST
def stripe_refresh(request, order_number):
    """After 3-D Secure in the browser: ask Stripe where the PaymentIntent stands.

    A POST, so that the confirmation page (a GET) never calls Stripe; it then
    shows the status recorded here.
    """
    order = get_object_or_404(Order, number=order_number)
    if not _may_pay(request, order):
        return HttpResponseForbidden()
    payment = get_object_or_404(OrderPayment, order=order)
    return JsonResponse({"status": services.refresh_card_payment(payment=payment)})


def _dashboard_order(order):
    return redirect("dashboard:order-detail", number=order.number)


@staff_member_required
@require_POST
def mark_paid(request, order_number):
    order = get_object_or_404(Order, number=order_number)
    try:
        services.mark_cash_paid(order=order, user=request.user)
    except services.PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Order %(number)s marked as paid.") % {"number": order.number})
    return _dashboard_order(order)


@staff_member_required
@require_POST
def refund(request, order_number):
    order = get_object_or_404(Order, number=order_number)
    form = RefundForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _dashboard_order(order)
    try:
        refund = services.refund_card_payment(
            order=order, user=request.user, amount=form.cleaned_data["amount"]
        )
    except services.PaymentError as error:
        messages.error(request, str(error))
        return _dashboard_order(order)
    if refund.status == PaymentRefund.Status.SUCCEEDED:
        messages.success(
            request,
            _("Refund sent through Stripe. Refunded so far: %(amount)s ₫.")
            % {"amount": refund.payment.amount_refunded},
        )
    elif refund.status == PaymentRefund.Status.FAILED:
        messages.error(
            request, _("Stripe refused the refund: %(error)s") % {"error": refund.last_error}
        )
    else:
        messages.warning(
            request,
            _(
                "Stripe could not be reached. The refund of %(amount)s ₫ is recorded and "
                "will be sent automatically."
            )
            % {"amount": refund.amount},
        )
    return _dashboard_order(order)


# --- bank transfer (VietQR) -------------------------------------------------------


@csrf_exempt  # The notification service sends no CSRF token; the HMAC is the authentication.
@require_POST
def bank_webhook(request, source):
    """Incoming bank transactions: 401 unsigned or forged, 400 unreadable; nothing stored then."""
    body = request.body
    try:
        bank_feeds.verify_signature(body=body, signature=request.headers.get("X-Signature"))
    except bank_feeds.Unauthenticated as error:
        logger.warning("Bank webhook (%s) refused: %s", source, error)
        return HttpResponse("unauthenticated", status=401, content_type="text/plain")
    try:
        transfers = bank_feeds.parse_webhook(source=source, body=body)
    except bank_feeds.FeedError as error:
        logger.warning("Bank webhook (%s) unreadable: %s", source, error)
        return HttpResponseBadRequest(f"malformed: {error}", content_type="text/plain")
    results = [
        bank_transfers.record_transfer(source=source, transfer=transfer) for transfer in transfers
    ]
    return JsonResponse(
        {
            "results": [
                {
                    "id": result.transaction.transaction_id,
                    "outcome": result.transaction.outcome if result.created else "duplicate",
                }
                for result in results
            ]
        }
    )


@require_GET
def bank_transfer_status(request, order_number):
    """The payment status of a transfer order, for the page that polls it. Read-only.

    Only for whoever may see the order: the session that placed it, its
    signed-in owner, or a guest's order link (`?hash=`). Anyone else gets
    404, so order numbers cannot be probed.
    """
    order = Order.objects.filter(number=order_number).select_related("payment").first()
    if order is None or not _may_see(request, order):
        raise Http404
    payment = getattr(order, "payment", None)
    if payment is None or not payment.is_bank_transfer:
        raise Http404
    response = JsonResponse(
        {
            "status": payment.status,
            "paid": payment.is_paid,
            "amount": payment.amount,
            "amount_received": payment.amount_received,
        }
    )
    response["Cache-Control"] = "no-store, private"
    return response


def _may_see(request, order) -> bool:
    if _may_pay(request, order):
        return True
    given = request.GET.get("hash", "")
    return order.user_id is None and bool(given) and order.check_verification_hash(given)
