"""Abandoned payments, unfulfillable payments, staff refunds and cash, reconciliation."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.payment import reconciliation, services
from storefront.payment.models import OrderPayment
from tests.payment.conftest import (
    make_event,
    paid_intent,
    place_order,
    post_webhook,
    stripe_config,
    stripe_get,
    stripe_post,
)

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db
Status = OrderPayment.Status


def _age(payment, minutes):
    OrderPayment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_unpaid_card_order_is_released_after_the_deadline(card_order, stripe_settings):
    record = card_order.lines.get().stockrecord
    assert record.num_allocated == 1
    _age(card_order.payment, 29)
    assert reconciliation.release_abandoned_payments().released == []

    _age(card_order.payment, 31)
    call_command("release_unpaid_card_orders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    payment = OrderPayment.objects.get(order=card_order)
    assert payment.status == Status.CANCELLED
    assert payment.stock_released_at is not None
    record.refresh_from_db()
    assert record.num_allocated == 0
    card_order.refresh_from_db()
    assert card_order.status == "Cancelled"
    intent = stripe_get(stripe_settings, f"/v1/payment_intents/{payment.payment_intent_id}")
    assert intent["status"] == "canceled"  # the card can no longer be charged


def test_deadline_is_configurable(card_order, stripe_settings):
    stripe_settings.PAYMENT_DEADLINE_MINUTES = 5
    _age(card_order.payment, 6)
    assert reconciliation.release_abandoned_payments().released == [card_order.number]


def test_paid_card_order_is_never_released(client, card_order, stripe_settings):
    post_webhook(
        client, make_event("payment_intent.succeeded", paid_intent(card_order, stripe_settings))
    )
    _age(card_order.payment, 60)
    assert reconciliation.release_abandoned_payments().released == []
    assert OrderPayment.objects.get(order=card_order).status == Status.PAID


def test_intent_that_succeeded_before_the_deadline_job_is_left_for_its_webhook(
    card_order, stripe_settings
):
    paid_intent(card_order, stripe_settings)  # webhook not arrived yet
    _age(card_order.payment, 60)
    assert reconciliation.release_abandoned_payments().released == []
    assert card_order.lines.get().stockrecord.num_allocated == 1


def test_payment_for_a_cancelled_order_is_refunded_and_flagged(
    client, card_order, stripe_settings, django_capture_on_commit_callbacks
):
    intent = paid_intent(card_order, stripe_settings)
    Order.objects.filter(pk=card_order.pk).update(status="Cancelled")  # e.g. by staff

    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        response = post_webhook(client, make_event("payment_intent.succeeded", intent))

    # The webhook only records the refund as due; it is sent after commit.
    assert response.content == b"refund due: order cannot be fulfilled"
    assert len(after_commit) == 1
    payment = OrderPayment.objects.get(order=card_order)
    assert payment.status == Status.REFUNDED
    assert payment.amount_refunded == 1234000
    assert payment.needs_attention
    refund = payment.refunds.get()
    assert (refund.status, refund.reason, refund.amount) == ("succeeded", "unfulfillable", 1234000)
    assert refund.idempotency_key == f"ocop-order-{card_order.number}-refund-1"
    assert card_order.notes.filter(message__icontains="hoàn").exists()
    charge = stripe_get(stripe_settings, f"/v1/charges/{intent['latest_charge']['id']}")
    assert charge["amount_refunded"] == 1234000


def test_cash_on_delivery_is_marked_paid_by_staff(client, admin_client, priced_product):
    place_order(client, priced_product, method="cod")
    order = Order.objects.get()

    response = admin_client.post(reverse("payment:mark-paid", args=[order.number]))

    assert response.status_code == 302
    payment = OrderPayment.objects.get(order=order)
    assert payment.status == Status.PAID
    assert payment.paid_by.is_staff
    detail = admin_client.get(reverse("dashboard:order-detail", args=[order.number]))
    assert 'id="order-payment"' in detail.content.decode()
    assert 'id="mark-paid"' not in detail.content.decode()


def test_shoppers_cannot_mark_orders_paid(client, priced_product):
    place_order(client, priced_product, method="cod")
    order = Order.objects.get()
    client.post(reverse("payment:mark-paid", args=[order.number]))
    assert OrderPayment.objects.get(order=order).status == Status.PENDING


def test_staff_refund_part_then_the_rest_through_stripe(
    client, admin_client, card_order, stripe_settings
):
    intent = paid_intent(card_order, stripe_settings)
    post_webhook(client, make_event("payment_intent.succeeded", intent))
    page = admin_client.get(reverse("dashboard:order-detail", args=[card_order.number]))
    assert 'id="refund-form"' in page.content.decode()

    admin_client.post(reverse("payment:refund", args=[card_order.number]), {"amount": "234000"})
    payment = OrderPayment.objects.get(order=card_order)
    assert (payment.status, payment.amount_refunded) == (Status.PARTIALLY_REFUNDED, 234000)

    admin_client.post(reverse("payment:refund", args=[card_order.number]), {"amount": ""})
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == (Status.REFUNDED, 1234000)
    charge = stripe_get(stripe_settings, f"/v1/charges/{intent['latest_charge']['id']}")
    assert charge["amount_refunded"] == 1234000

    # Stripe's charge.refunded webhooks arriving afterwards change nothing.
    post_webhook(client, make_event("charge.refunded", charge))
    payment.refresh_from_db()
    assert payment.amount_refunded == 1234000


def test_refund_above_the_paid_amount_is_refused(client, card_order, stripe_settings, admin_user):
    post_webhook(
        client, make_event("payment_intent.succeeded", paid_intent(card_order, stripe_settings))
    )
    with pytest.raises(services.PaymentError):
        services.refund_card_payment(order=card_order, user=admin_user, amount=1234001)


def test_reconciliation_lists_succeeded_intents_without_a_paid_order(
    client, card_order, stripe_settings
):
    stripe_config(stripe_settings, "DELETE", "data")  # only this test's PaymentIntents
    # The order's PaymentIntent was in the flushed data: make a fresh one.
    OrderPayment.objects.filter(pk=card_order.payment.pk).update(payment_intent_id=None)
    card_order.payment.refresh_from_db()
    services.ensure_payment_intent(payment=card_order.payment)
    intent = paid_intent(card_order, stripe_settings)
    stray = stripe_post(
        stripe_settings,
        "/v1/payment_intents",
        {"amount": 50000, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": "true"},
    )
    start = timezone.now() - dt.timedelta(hours=1)
    end = timezone.now() + dt.timedelta(minutes=1)

    report = reconciliation.reconcile(start=start, end=end)
    assert {i for i, *_ in report.unmatched_intents} == {intent["id"], stray["id"]}

    post_webhook(client, make_event("payment_intent.succeeded", intent))
    report = reconciliation.reconcile(start=start, end=end)
    assert [i for i, *_ in report.unmatched_intents] == [stray["id"]]
    assert report.amount_mismatches == []
