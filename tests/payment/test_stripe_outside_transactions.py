"""Stripe is never called inside a transaction or on a GET; one order's Stripe trouble
never blocks another's.

Requests go to localstripe, a real server; `stripe_proxy` (tests/payment/conftest.py)
is a real HTTP proxy in front of it that counts requests and answers 503 for
chosen ones, as Stripe does when it is down.
"""

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.payment.models import OrderPayment, PaymentRefund
from tests.payment.conftest import make_event, place_order, post_webhook, stripe_get

Order = get_model("order", "Order")
Status = OrderPayment.Status


def _place_card_order(product, capture) -> tuple[Client, Order]:
    client = Client()
    with capture(execute=True):
        response, _basket = place_order(client, product, method="card")
    assert response["Location"] == reverse("checkout:thank-you")
    return client, Order.objects.order_by("-pk").first()


def _confirm(client, order, payment_method="pm_card_visa") -> dict:
    response = client.post(
        reverse("payment:stripe-confirm", args=[order.number]),
        data=json.dumps({"payment_method": payment_method}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def _pay(client, order, settings) -> dict:
    """The shopper pays by card, then Stripe's signed webhook arrives."""
    assert _confirm(client, order)["status"] == "succeeded"
    order.payment.refresh_from_db()
    intent = stripe_get(settings, f"/v1/payment_intents/{order.payment.payment_intent_id}")
    post_webhook(Client(), make_event("payment_intent.succeeded", intent))
    return intent


def _age(order, minutes=60):
    OrderPayment.objects.filter(order=order).update(
        created_at=timezone.now() - timezone.timedelta(minutes=minutes)
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_request_to_stripe_is_sent_inside_a_transaction(
    admin_client, priced_product, stripe_settings, stripe_calls
):
    """A card order's whole life, through the pages and jobs; every request is watched.

    With transaction=True nothing wraps the test, so `in_atomic_block` is
    True only inside the shop's own transactions.
    """

    def no_capture(execute):
        import contextlib

        return contextlib.nullcontext([])

    # Placed, paid, then partly refunded by staff.
    client, paid = _place_card_order(priced_product, no_capture)
    assert client.get(reverse("checkout:thank-you")).status_code == 200
    _pay(client, paid, stripe_settings)
    admin_client.post(reverse("payment:refund", args=[paid.number]), {"amount": "234000"})
    # Paid after staff cancelled it: the webhook's refund.
    other, cancelled = _place_card_order(priced_product, no_capture)
    assert _confirm(other, cancelled)["status"] == "succeeded"
    Order.objects.filter(pk=cancelled.pk).update(status="Cancelled")
    cancelled.payment.refresh_from_db()
    intent = stripe_get(
        stripe_settings, f"/v1/payment_intents/{cancelled.payment.payment_intent_id}"
    )
    post_webhook(Client(), make_event("payment_intent.succeeded", intent))
    # Never paid: the release job cancels it at Stripe.
    _shopper, abandoned = _place_card_order(priced_product, no_capture)
    _age(abandoned)
    call_command("release_unpaid_card_orders", stdout=io.StringIO())

    operations = {operation for operation, _in_transaction in stripe_calls}
    assert {
        "create_payment_intent",
        "update_payment_intent",
        "confirm_payment_intent",
        "create_refund",
        "cancel_payment_intent",
    } <= operations
    assert [call for call in stripe_calls if call[1]] == []
    assert OrderPayment.objects.get(order=paid).amount_refunded == 234000
    assert OrderPayment.objects.get(order=cancelled).status == Status.REFUNDED
    assert OrderPayment.objects.get(order=abandoned).status == Status.CANCELLED


@pytest.mark.django_db
def test_thank_you_page_sends_no_request_to_stripe(
    priced_product, stripe_proxy, stripe_settings, django_capture_on_commit_callbacks
):
    client, order = _place_card_order(priced_product, django_capture_on_commit_callbacks)
    # "Place order" (a POST) created the PaymentIntent once the order was committed.
    assert order.payment.payment_intent_id
    assert ("POST", "/v1/payment_intents") in stripe_proxy.requests

    before = len(stripe_proxy.requests)
    page = client.get(reverse("checkout:thank-you")).content.decode()
    back = client.get(
        reverse("checkout:thank-you") + f"?payment_intent={order.payment.payment_intent_id}"
    )
    assert 'id="card-form"' in page and back.status_code == 200
    assert stripe_proxy.requests[before:] == []

    # Paid at Stripe (the card form's POST): the page shows what that POST
    # recorded, still without asking Stripe.
    _confirm(client, order)
    before = len(stripe_proxy.requests)
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert 'id="payment-processing"' in page
    assert stripe_proxy.requests[before:] == []


@pytest.mark.django_db
def test_card_order_placed_while_stripe_is_down_gets_its_intent_from_the_card_form(
    priced_product, stripe_proxy, django_capture_on_commit_callbacks
):
    stripe_proxy.failing.add("/v1/payment_intents")
    client, order = _place_card_order(priced_product, django_capture_on_commit_callbacks)

    payment = OrderPayment.objects.get(order=order)
    assert payment.payment_intent_id is None and payment.intent_requested_at is not None
    assert order.lines.get().num_allocated == 1  # placed all the same
    before = len(stripe_proxy.requests)
    assert 'id="card-form"' in client.get(reverse("checkout:thank-you")).content.decode()
    assert stripe_proxy.requests[before:] == []

    stripe_proxy.failing.clear()
    assert _confirm(client, order)["status"] == "succeeded"
    payment.refresh_from_db()
    assert payment.payment_intent_id and payment.intent_status == "succeeded"
    assert OrderPayment.objects.exclude(payment_intent_id=None).count() == 1


@pytest.mark.django_db
def test_release_job_goes_past_an_unknown_intent_and_a_stripe_outage(
    priced_product, stripe_proxy, django_capture_on_commit_callbacks, caplog
):
    orders = [
        _place_card_order(priced_product, django_capture_on_commit_callbacks)[1] for _ in range(4)
    ]
    leftover, good, unreachable, also_good = orders
    # A PaymentIntent from Stripe's test mode, unknown to this account.
    OrderPayment.objects.filter(order=leftover).update(payment_intent_id="pi_leftover_test_mode")
    unreachable.payment.refresh_from_db()
    stripe_proxy.failing.add(unreachable.payment.payment_intent_id)
    for order in orders:
        _age(order)

    out = io.StringIO()
    with (
        caplog.at_level(logging.WARNING, "storefront.payment"),
        pytest.raises(CommandError, match="1 order"),
    ):
        call_command("release_unpaid_card_orders", stdout=out)

    report = out.getvalue()
    assert "3 unpaid card order(s) released" in report and "1 failed" in report
    assert f"FAILED order {unreachable.number}: Stripe unreachable" in report
    statuses = {o.number: OrderPayment.objects.get(order=o).status for o in orders}
    assert statuses == {
        leftover.number: Status.CANCELLED,
        good.number: Status.CANCELLED,
        unreachable.number: Status.PENDING,  # left for the next run
        also_good.number: Status.CANCELLED,
    }
    reserved = {o.number: o.lines.get().num_allocated for o in orders}
    assert reserved[unreachable.number] == 1 == sum(reserved.values())
    assert unreachable.lines.get().stockrecord.num_allocated == 1
    assert any(
        "pi_leftover_test_mode" in r.getMessage() and r.levelname == "WARNING"
        for r in caplog.records
    )

    stripe_proxy.failing.clear()
    out = io.StringIO()
    call_command("release_unpaid_card_orders", stdout=out)  # exit 0 now
    assert "1 unpaid card order(s) released, 0 left for their webhook, 0 failed" in out.getvalue()
    assert OrderPayment.objects.get(order=unreachable).status == Status.CANCELLED


@pytest.mark.django_db
def test_refund_stripe_cannot_take_stays_due_and_the_others_go_through(
    admin_client, priced_product, stripe_proxy, stripe_settings, django_capture_on_commit_callbacks
):
    paid = []
    for _ in range(2):
        client, order = _place_card_order(priced_product, django_capture_on_commit_callbacks)
        _pay(client, order, stripe_settings)
        order.payment.refresh_from_db()
        paid.append(order)
    down, fine = paid
    stripe_proxy.failing.add(down.payment.payment_intent_id)

    answer = admin_client.post(reverse("payment:refund", args=[down.number]), {}, follow=True)
    admin_client.post(reverse("payment:refund", args=[fine.number]), {})
    # A second click while the first refund is still due refunds nothing more.
    again = admin_client.post(reverse("payment:refund", args=[down.number]), {}, follow=True)

    assert "Không kết nối được với Stripe" in answer.content.decode()
    assert "hoàn từ 1 đến 0 ₫" in again.content.decode()
    due = PaymentRefund.objects.get(payment__order=down)
    assert (due.status, due.amount, due.attempts) == (PaymentRefund.Status.DUE, 1234000, 1)
    assert OrderPayment.objects.get(order=down).status == Status.PAID
    assert OrderPayment.objects.get(order=fine).status == Status.REFUNDED

    with pytest.raises(CommandError):
        call_command("refund_due", stdout=io.StringIO())
    stripe_proxy.failing.clear()
    out = io.StringIO()
    call_command("refund_due", stdout=out)
    assert "1 refund(s) sent, 0 failed" in out.getvalue()
    payment = OrderPayment.objects.get(order=down)
    assert (payment.status, payment.amount_refunded) == (Status.REFUNDED, 1234000)
    charge = stripe_get(stripe_settings, f"/v1/payment_intents/{payment.payment_intent_id}")
    assert charge["latest_charge"]["amount_refunded"] == 1234000
    out = io.StringIO()
    call_command("refund_due", stdout=out)  # nothing left: nothing sent twice
    assert "0 refund(s) sent, 0 failed" in out.getvalue()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_creating_the_intent_at_once_keep_one(
    priced_product, stripe_proxy, stripe_settings
):
    """Reserve → call → record: the second to record finds the first's PaymentIntent.

    localstripe does not honour idempotency keys (Stripe returns the same
    PaymentIntent for the same key), so both tabs really create one here; the
    one not recorded is cancelled at Stripe.
    """
    import contextlib
    import threading

    from django.db import connection

    stripe_proxy.failing.add("/v1/payment_intents")  # no intent at placement
    client, order = _place_card_order(priced_product, lambda execute: contextlib.nullcontext())
    assert OrderPayment.objects.get(order=order).payment_intent_id is None
    stripe_proxy.failing.clear()
    barrier = threading.Barrier(2)
    answers = []

    def tab():
        other = Client()
        other.cookies = client.cookies
        barrier.wait()
        try:
            answers.append(_confirm(other, order)["status"])
        finally:
            connection.close()

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    payment = OrderPayment.objects.get(order=order)
    created = [
        intent
        for intent in stripe_get(stripe_settings, "/v1/payment_intents?limit=100")["data"]
        if intent["metadata"].get("order_number") == order.number
    ]
    assert answers == ["succeeded", "succeeded"]  # a double click is not a declined card
    assert not payment.last_error
    kept = [i for i in created if i["id"] == payment.payment_intent_id]
    assert len(kept) == 1 and kept[0]["status"] == "succeeded"
    assert all(i["status"] == "canceled" for i in created if i["id"] != payment.payment_intent_id)
