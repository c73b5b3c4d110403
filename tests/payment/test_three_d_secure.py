"""3-D Secure: a card that needs the bank's check (`requires_action`) against localstripe.

The server confirms the PaymentIntent and hands the browser the client_secret
so Stripe.js can run the challenge; completing it (localstripe's
`/_authenticate`) charges the card, and only the signed
`payment_intent.succeeded` webhook marks the order paid, once.
"""

import json

import pytest
from django.urls import reverse

from storefront.payment.models import OrderPayment, StripeEvent
from tests.payment.conftest import make_event, post_webhook, stripe_get, stripe_post

pytestmark = pytest.mark.django_db
Status = OrderPayment.Status

# localstripe's PaymentMethod._requires_authentication: Stripe's 3-D Secure test cards.
THREE_D_SECURE_CARD = "4000002760003184"


def _card(settings, number: str) -> str:
    """A PaymentMethod id for `number`, as Stripe.js would send it."""
    pm = stripe_post(
        settings,
        "/v1/payment_methods",
        {
            "type": "card",
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
        },
    )
    return pm["id"]


def _confirm(client, order, payment_method: str) -> dict:
    response = client.post(
        reverse("payment:stripe-confirm", args=[order.number]),
        data=json.dumps({"payment_method": payment_method}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def _authenticate(settings, payment: OrderPayment, *, success: bool) -> dict:
    """What localstripe's Stripe.js stand-in does when the shopper answers the challenge."""
    return stripe_post(
        settings,
        f"/v1/payment_intents/{payment.payment_intent_id}/_authenticate",
        {"client_secret": payment.client_secret, "success": "true" if success else "false"},
    )


def _refresh(client, order) -> str:
    response = client.post(reverse("payment:stripe-refresh", args=[order.number]))
    assert response.status_code == 200
    return response.json()["status"]


def _assert_unpaid(order):
    payment = OrderPayment.objects.get(order=order)
    assert payment.status == Status.PENDING
    assert payment.paid_at is None
    assert not order.payment_events.exists()
    order.refresh_from_db()
    assert order.status == "Awaiting payment"
    assert order.lines.get().num_allocated == 1  # stock still reserved


def test_three_d_secure_card_is_paid_only_by_the_webhook_and_only_once(
    client, card_order, stripe_settings
):
    data = _confirm(client, card_order, _card(stripe_settings, THREE_D_SECURE_CARD))
    payment = OrderPayment.objects.get(order=card_order)

    # The browser gets what Stripe.js needs to run the challenge; nothing is paid.
    assert data["status"] == "requires_action"
    assert data["client_secret"] == payment.client_secret
    assert data["client_secret"].startswith(payment.payment_intent_id + "_secret_")
    assert not data["error"]
    assert data["next"].endswith(f"?payment_intent={payment.payment_intent_id}")
    intent = stripe_get(stripe_settings, f"/v1/payment_intents/{payment.payment_intent_id}")
    assert intent["status"] == "requires_action"
    _assert_unpaid(card_order)
    # Back on the page before finishing the challenge: still the card form.
    page = client.get(data["next"]).content.decode()
    assert 'id="card-form"' in page and 'id="payment-processing"' not in page

    # The shopper completes the bank's check: Stripe charges the card, and
    # the card script has the server record it (the page itself never asks)…
    assert _authenticate(stripe_settings, payment, success=True)["status"] == "succeeded"
    _refresh(client, card_order)
    page = client.get(data["next"]).content.decode()
    assert 'id="payment-processing"' in page  # …the page says so, but only shows it…
    _assert_unpaid(card_order)

    # …and the signed webhook, delivered twice, pays the order once.
    intent = stripe_get(stripe_settings, f"/v1/payment_intents/{payment.payment_intent_id}")
    assert intent["amount"] == 1234000
    event = make_event("payment_intent.succeeded", intent)
    responses = [post_webhook(client, event) for _ in range(2)]

    assert [r.content for r in responses] == [b"paid", b"duplicate"]
    payment.refresh_from_db()
    assert payment.status == Status.PAID
    assert payment.amount_received == 1234000
    assert card_order.payment_events.count() == 1
    assert StripeEvent.objects.count() == 1
    card_order.refresh_from_db()
    assert card_order.status == "Pending"
    # A late confirm (second tab, back button) changes nothing.
    assert _confirm(client, card_order, "pm_card_visa")["status"] == Status.PAID
    assert OrderPayment.objects.exclude(payment_intent_id=None).count() == 1


def test_failed_challenge_pays_nothing_and_another_card_can_pay(
    client, card_order, stripe_settings
):
    data = _confirm(client, card_order, _card(stripe_settings, THREE_D_SECURE_CARD))
    payment = OrderPayment.objects.get(order=card_order)
    assert data["status"] == "requires_action"

    failed = _authenticate(stripe_settings, payment, success=False)
    assert failed["status"] == "requires_payment_method"
    assert _refresh(client, card_order) == "requires_payment_method"
    page = client.get(data["next"]).content.decode()
    assert 'id="card-form"' in page  # the shopper can try again
    _assert_unpaid(card_order)

    # Same order, same PaymentIntent, another card.
    again = _confirm(client, card_order, "pm_card_visa")
    assert again["status"] == "succeeded"
    assert OrderPayment.objects.get(order=card_order).payment_intent_id == (
        payment.payment_intent_id
    )
    _assert_unpaid(card_order)  # still waiting for the webhook
