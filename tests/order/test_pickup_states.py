"""Pickup orders: Pending → Ready (email) → Collected, or Not collected with stock released."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from storefront.order import services
from storefront.order.models import Order
from storefront.partner.models import StockMovement, StockRecord
from storefront.shipping.methods import PickupAtStore
from tests.order.conftest import place


@pytest.fixture
def pickup_order(make_basket, nem, store_a):
    product, at_a, _ = nem
    order = place(make_basket((product, 2)), PickupAtStore(store_a))
    Order.objects.filter(pk=order.pk).update(guest_email="khach@example.vn")
    order.refresh_from_db()
    return order, at_a


def stock(record):
    record = StockRecord.objects.get(pk=record.pk)
    return record.num_in_stock, record.num_allocated


def test_ready_emails_the_customer_with_code_and_store(
    pickup_order, manager_a, django_capture_on_commit_callbacks
):
    order, _ = pickup_order
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_ready_for_pickup(order=order, user=manager_a)
    order.refresh_from_db()
    assert order.status == "Ready for pickup" and order.ready_for_pickup_at
    [email] = mail.outbox
    assert email.to == ["khach@example.vn"]
    assert order.pickup_code in email.body and "Cửa hàng OCOP Từ Sơn" in email.body


def test_collected_takes_the_units_off_the_shelf(pickup_order, manager_a):
    order, at_a = pickup_order
    services.mark_ready_for_pickup(order=order, user=manager_a)
    services.mark_collected(order=order, user=manager_a)
    assert stock(at_a) == (8, 0)
    assert Order.objects.get(pk=order.pk).status == "Collected"
    assert StockMovement.objects.filter(reason="handed_over", order_number=order.number).exists()


def test_collecting_twice_or_before_ready_is_refused(pickup_order, manager_a):
    order, at_a = pickup_order
    with pytest.raises(services.OrderStateError):
        services.mark_collected(order=order, user=manager_a)
    services.mark_ready_for_pickup(order=order, user=manager_a)
    services.mark_collected(order=order, user=manager_a)
    with pytest.raises(services.OrderStateError):
        services.mark_collected(order=order, user=manager_a)
    assert stock(at_a) == (8, 0)


def test_overdue_pickups_become_not_collected_and_release_stock(pickup_order, manager_a, settings):
    order, at_a = pickup_order
    settings.OCOP_PICKUP_HOLD_DAYS = 3
    services.mark_ready_for_pickup(order=order, user=manager_a)
    Order.objects.filter(pk=order.pk).update(
        ready_for_pickup_at=timezone.now() - dt.timedelta(days=4)
    )
    out = io.StringIO()
    call_command("release_stock", "--report", stdout=out)
    assert "not collected: 1" in out.getvalue() and "No leaked allocations" in out.getvalue()
    assert Order.objects.get(pk=order.pk).status == "Not collected"
    assert stock(at_a) == (10, 0)
    assert StockMovement.objects.filter(reason="released", order_number=order.number).exists()


def test_recent_pickups_are_left_alone(pickup_order, manager_a):
    order, at_a = pickup_order
    services.mark_ready_for_pickup(order=order, user=manager_a)
    call_command("release_stock", stdout=io.StringIO())
    assert stock(at_a) == (10, 2)


def test_report_names_a_leaked_allocation(nem):
    _, at_a, _ = nem
    at_a.allocate(1)  # reserved with no order behind it
    out = io.StringIO()
    with pytest.raises(Exception, match="leaked"):
        call_command("release_stock", "--report", stdout=out)
    assert "LEAK ocop-tu-son OCOP-NEM" in out.getvalue()


def test_manager_marks_pickups_on_the_store_page_but_not_another_stores(
    client, pickup_order, manager_a, manager_b, store_a, store_b
):
    order, _ = pickup_order
    client.force_login(manager_b)
    page_b = reverse("mystore:pickups", kwargs={"store": store_b.slug})
    assert client.post(page_b, {"number": order.number, "action": "ready"}).status_code == 404
    assert Order.objects.get(pk=order.pk).status == "Pending"
    client.force_login(manager_a)
    page_a = reverse("mystore:pickups", kwargs={"store": store_a.slug})
    assert order.pickup_code in client.get(page_a).text
    client.post(page_a, {"number": order.number, "action": "ready"})
    client.post(page_a, {"number": order.number, "action": "collected"})
    assert Order.objects.get(pk=order.pk).status == "Collected"


def test_daily_low_stock_email_goes_to_the_stores_managers(
    nem, manager_a, manager_b, django_capture_on_commit_callbacks
):
    _, _, at_b = nem
    StockRecord.objects.filter(pk=at_b.pk).update(low_stock_threshold=5)
    # The emails leave (through the task queue) once the job's writes commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_low_stock_emails", stdout=io.StringIO())
    [email] = mail.outbox
    assert email.to == ["b@ocop.local"] and "Nem Ninh Xá" in email.body

    # Run again the same day (a retried or duplicated job): nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_low_stock_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 1
