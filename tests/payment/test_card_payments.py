"""Card payments against localstripe, with real signed webhooks posted to our endpoint."""

import json
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment import services
from storefront.payment.models import OrderPayment, StripeEvent
from tests.payment.conftest import make_event, paid_intent, post_webhook, sign, stripe_get

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db
Status = OrderPayment.Status


def test_card_order_has_one_payment_intent_for_the_whole_dong_total(
    client, card_order, stripe_settings
):
    payment = card_order.payment
    intent = stripe_get(stripe_settings, f"/v1/payment_intents/{payment.payment_intent_id}")

    assert card_order.total_incl_tax == Decimal("1234000.00")
    assert intent["amount"] == 1234000  # 1.234.000 ₫, never ×100
    assert intent["currency"] == "vnd"
    assert intent["metadata"] == {"order_number": card_order.number}
    assert payment.idempotency_key == f"ocop-order-{card_order.number}-payment-intent"
    assert card_order.status == "Awaiting payment"
    # Reloading the card page, a second tab, a retried call: the same PaymentIntent.
    client.get(reverse("checkout:thank-you"))
    again = services.ensure_payment_intent(payment=OrderPayment.objects.get(pk=payment.pk))
    assert again.payment_intent_id == payment.payment_intent_id
    assert OrderPayment.objects.exclude(payment_intent_id=None).count() == 1


def test_card_page_loads_stripe_js_from_the_configured_url(client, card_order, stripe_settings):
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert f'src="{stripe_settings.STRIPE_JS_URL}"' in page
    assert "js.stripe.com/v3/" in stripe_settings.STRIPE_JS_URL
    assert stripe_settings.STRIPE_JS_URL.startswith("http://127.0.0.1:")


def test_return_page_with_unpaid_intent_marks_nothing_paid(client, card_order):
    intent_id = card_order.payment.payment_intent_id
    page = client.get(reverse("checkout:thank-you") + f"?payment_intent={intent_id}")
    assert page.status_code == 200
    card_order.payment.refresh_from_db()
    assert card_order.payment.status == Status.PENDING
    assert not card_order.payment_events.exists()


def test_return_page_after_paying_waits_for_the_webhook(client, card_order, stripe_settings):
    paid_intent(card_order, stripe_settings)
    intent_id = card_order.payment.payment_intent_id
    page = client.get(reverse("checkout:thank-you") + f"?payment_intent={intent_id}")
    assert 'id="payment-processing"' in page.content.decode()
    card_order.payment.refresh_from_db()
    assert card_order.payment.status == Status.PENDING


def test_three_deliveries_of_one_succeeded_event_pay_once_and_email_once(
    client, card_order, stripe_settings, django_capture_on_commit_callbacks
):
    event = make_event("payment_intent.succeeded", paid_intent(card_order, stripe_settings))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [post_webhook(client, event) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.content for r in responses] == [b"paid", b"duplicate", b"duplicate"]
    payment = OrderPayment.objects.get(order=card_order)
    assert payment.status == Status.PAID
    assert payment.amount_received == 1234000
    assert card_order.payment_events.count() == 1
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert len(mail.outbox) == 1
    assert card_order.number in mail.outbox[0].subject
    assert "1.234.000" in mail.outbox[0].body
    card_order.refresh_from_db()
    assert card_order.status == "Pending"  # joins the stores' pipeline once paid


@pytest.mark.parametrize(
    "tamper",
    ["unsigned", "forged", "altered", "stale"],
)
def test_unverifiable_webhooks_get_400_and_change_nothing(
    client, card_order, stripe_settings, tamper
):
    event = make_event("payment_intent.succeeded", paid_intent(card_order, stripe_settings))
    body = json.dumps(event)
    if tamper == "unsigned":
        response = post_webhook(client, body, signature=None)
    elif tamper == "forged":
        response = post_webhook(client, body, signature=sign(body, secret="whsec_attacker"))
    elif tamper == "altered":
        header = sign(body)
        response = post_webhook(client, body.replace("1234000", "1"), signature=header)
    else:
        old = int(time.time()) - 301
        response = post_webhook(client, make_event(**_with(event, created=old)), timestamp=old)

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert OrderPayment.objects.get(order=card_order).status == Status.PENDING


def _with(event, **changes):
    return {
        "event_type": event["type"],
        "obj": event["data"]["object"],
        "event_id": event["id"],
        **changes,
    }


def test_an_event_just_inside_the_5_minute_tolerance_is_accepted(
    client, card_order, stripe_settings
):
    intent = paid_intent(card_order, stripe_settings)  # a call to localstripe: before the clock
    old = int(time.time()) - 295
    event = make_event("payment_intent.succeeded", intent, created=old)
    assert post_webhook(client, event, timestamp=old).status_code == 200


def test_late_failure_event_never_unpays_an_order(client, card_order, stripe_settings):
    intent = paid_intent(card_order, stripe_settings)
    failed = make_event(
        "payment_intent.payment_failed", {**intent, "status": "requires_payment_method"}
    )
    post_webhook(client, make_event("payment_intent.succeeded", intent))
    response = post_webhook(client, failed)

    assert response.status_code == 200
    assert OrderPayment.objects.get(order=card_order).status == Status.PAID


def test_declined_card_keeps_the_order_and_says_why(client, card_order, stripe_settings):
    attempt = services.confirm_card_payment(
        payment=card_order.payment, payment_method_id="pm_card_chargeCustomerFail"
    )

    assert attempt.status == "requires_payment_method"
    assert attempt.error
    payment = OrderPayment.objects.get(order=card_order)
    assert payment.status == Status.PENDING
    assert payment.last_error == attempt.error
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert 'id="card-declined"' in page
    assert 'id="card-form"' in page  # the shopper can try another card
    assert card_order.lines.get().num_allocated == 1  # stock still reserved


def test_card_confirm_endpoint_refuses_another_shoppers_order(card_order, stripe_settings):
    from django.test import Client

    response = Client().post(
        reverse("payment:stripe-confirm", args=[card_order.number]),
        data=json.dumps({"payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_card_confirm_endpoint_confirms_with_a_stripe_js_card_id(
    client, card_order, stripe_settings
):
    response = client.post(
        reverse("payment:stripe-confirm", args=[card_order.number]),
        data=json.dumps({"payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"
    # Still not paid: only the webhook does that.
    assert OrderPayment.objects.get(order=card_order).status == Status.PENDING


def test_card_amount_limits_are_explained(stripe_settings):
    small = services.available_payment_methods(total=Decimal("10000"), is_pickup=False)
    large = services.available_payment_methods(total=Decimal("100000000"), is_pickup=False)
    fine = services.available_payment_methods(total=Decimal("99999999"), is_pickup=True)

    assert [(c.code, c.available) for c in small] == [("cod", True), ("card", False)]
    assert "15.000" in small[1].reason
    assert not large[1].available and "99.999.999" in large[1].reason
    assert [(c.code, c.available) for c in fine] == [("pickup", True), ("card", True)]


def test_vnd_amount_is_whole_dong_never_times_100():
    assert services.to_stripe_amount(Decimal("1234000.00")) == 1234000
    with pytest.raises(services.PaymentError):
        services.to_stripe_amount(Decimal("1234000.50"))
