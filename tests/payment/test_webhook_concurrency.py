"""Concurrent deliveries of one event, and localstripe's own signed webhook delivery."""

import json
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment.models import OrderPayment, StripeEvent
from tests.payment.conftest import (
    WEBHOOK_SECRET,
    make_event,
    paid_intent,
    place_order,
    post_webhook,
    stripe_config,
)

Order = get_model("order", "Order")


def _card_order(client, product):
    place_order(client, product, method="card")
    client.get(reverse("checkout:thank-you"))
    return Order.objects.get()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_of_one_event_pay_once(client, priced_product, stripe_settings):
    order = _card_order(client, priced_product)
    event = make_event("payment_intent.succeeded", paid_intent(order, stripe_settings))
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    answers = []

    def deliver():
        barrier.wait()
        try:
            answers.append(post_webhook(Client(), event).content)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [b"duplicate", b"paid"]
    assert StripeEvent.objects.count() == 1
    assert order.payment_events.count() == 1
    assert OrderPayment.objects.get(order=order).status == OrderPayment.Status.PAID
    assert len(mail.outbox) == 1  # payment received, once


def _register_webhook(settings, url: str, events=("payment_intent.succeeded",)) -> None:
    stripe_config(
        settings,
        "POST",
        "webhooks/ocop-tests",
        {"url": url, "secret": WEBHOOK_SECRET, **{f"events[{i}]": e for i, e in enumerate(events)}},
    )


@pytest.mark.django_db(transaction=True)
def test_localstripe_signed_webhook_marks_the_order_paid(
    client, live_server, priced_product, stripe_settings
):
    order = _card_order(client, priced_product)
    _register_webhook(stripe_settings, live_server.url + reverse("payment:stripe-webhook"))
    try:
        paid_intent(order, stripe_settings)
        deadline = time.monotonic() + 10  # localstripe waits 1 s before sending
        while time.monotonic() < deadline:
            if OrderPayment.objects.get(order=order).status == OrderPayment.Status.PAID:
                break
            time.sleep(0.2)
    finally:
        # Later tests' events must not reach this test's (gone) database.
        _register_webhook(stripe_settings, live_server.url + "/", events=["none.disabled"])
    assert OrderPayment.objects.get(order=order).status == OrderPayment.Status.PAID
    event = StripeEvent.objects.get(type="payment_intent.succeeded")
    assert event.payment_intent_id == order.payment.payment_intent_id
    assert json.loads(json.dumps(event.outcome)) == "paid"
