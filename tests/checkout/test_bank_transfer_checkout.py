"""Bank transfer by VietQR at checkout: offered, placed, shown with its code, status polled."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.payment.models import OrderPayment
from tests.checkout.conftest import VIETQR_ACCOUNT, place_order, to_payment_method
from tests.payment.test_vietqr_payload import crc_ccitt_false, decode

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


@pytest.fixture
def experience(vietnam):
    from tests.factories import create_product

    ticket = create_product(
        title="Trải nghiệm hát Quan họ Viêm Xá",
        product_class="Trải nghiệm",
        price=Decimal("150000"),
        num_in_stock=20,
    )
    ticket.product_class.requires_shipping = False
    ticket.product_class.save()
    return ticket


@pytest.mark.parametrize("fulfilment", ["delivery", "pickup"])
def test_offered_for_delivery_and_pickup_when_the_account_is_configured(
    client, priced_product, no_stripe, vietqr_settings, fulfilment
):
    response = to_payment_method(client, priced_product, fulfilment=fulfilment)
    codes = [c.code for c in response.context["form"].method_choices]
    assert codes[-1] == "vietqr" and len(codes) == 2
    assert "Chuyển khoản ngân hàng (VietQR)" in response.content.decode()


def test_offered_for_an_experience_ticket(client, experience, no_stripe, vietqr_settings):
    client.post(reverse("basket:add", args=[experience.pk]), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"})
    response = client.get(reverse("checkout:payment-method"), follow=True)
    assert [c.code for c in response.context["form"].method_choices] == ["day", "vietqr"]


@pytest.mark.parametrize(
    "missing", ["VIETQR_BANK_BIN", "VIETQR_ACCOUNT_NUMBER", "VIETQR_ACCOUNT_NAME"]
)
def test_not_offered_and_refused_without_the_account(
    client, priced_product, no_stripe, vietqr_settings, missing
):
    setattr(vietqr_settings, missing, "")
    response = to_payment_method(client, priced_product)
    assert "vietqr" not in [c.code for c in response.context["form"].method_choices]
    assert "VietQR" not in response.content.decode()
    refused = client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    assert refused.status_code == 200  # not a choice
    assert not Order.objects.exists()


def _place_pickup(client, product, capture):
    with capture(execute=True):
        response, _basket = place_order(client, product, method="vietqr", fulfilment="pickup")
    assert response["Location"] == reverse("checkout:thank-you")
    return Order.objects.get()


def test_confirmation_shows_the_code_and_the_details_to_copy(
    client,
    priced_product,
    no_stripe,
    vietqr_settings,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    payment = order.payment
    assert order.status == "Awaiting payment"
    with django_assert_max_num_queries(26):  # 24 measured on a second visit
        page = client.get(reverse("checkout:thank-you"))
    html = page.content.decode()
    assert f"Đơn hàng {order.number}: thanh toán bằng chuyển khoản" in html
    assert 'data-testid="vietqr-code"' in html and "<svg" in html
    assert VIETQR_ACCOUNT in html and "HTX OCOP BAC NINH" in html and "Vietcombank" in html
    assert payment.transfer_reference in html
    assert "1.204.000" in html  # pickup: no delivery charge
    assert "Đang chờ bạn chuyển khoản" in html
    assert html.count("data-copy>") == 5  # bank, account, name, amount, reference

    payload = page.context["order"] and _payload_on(html)
    fields = decode(payload)
    assert fields["38"]["01"] == {"00": "970436", "01": VIETQR_ACCOUNT}
    assert fields["54"] == "1204000"
    assert fields["62"]["08"] == payment.transfer_reference
    assert fields["63"] == crc_ccitt_false(payload[:-4])


def _payload_on(html: str) -> str:
    start = html.index('data-payload="') + len('data-payload="')
    return html[start : html.index('"', start)]


def test_confirmation_in_english(
    client, priced_product, no_stripe, vietqr_settings, django_capture_on_commit_callbacks
):
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    client.cookies["django_language"] = "en"
    html = client.get("/en" + reverse("checkout:thank-you")).content.decode()
    assert f"Order {order.number}: pay by bank transfer" in html
    assert "Awaiting your transfer" in html and "Transfer reference" in html


def test_order_email_carries_the_code_and_the_details(
    client, priced_product, no_stripe, vietqr_settings, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    reference = order.payment.transfer_reference
    assert reference in message.body and VIETQR_ACCOUNT in message.body
    assert "Nội dung chuyển khoản" in message.body
    html = message.alternatives[0][0]
    assert 'src="cid:vietqr"' in html and reference in html
    images = [part for part in message.attachments if getattr(part, "get_content_type", None)]
    assert [image.get_content_type() for image in images] == ["image/png"]
    assert images[0]["Content-ID"] == "<vietqr>"


# --- the status the page polls: read-only, owner-only -----------------------------------


def test_status_is_read_by_the_shopper_who_placed_it(
    client,
    priced_product,
    no_stripe,
    vietqr_settings,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    url = reverse("payment:bank-transfer-status", args=[order.number])
    before = OrderPayment.objects.get(order=order).updated_at
    with django_assert_max_num_queries(4):  # session, user/order+payment
        response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {
        "status": "pending",
        "paid": False,
        "amount": 1204000,
        "amount_received": 0,
    }
    assert "no-store" in response["Cache-Control"]
    assert OrderPayment.objects.get(order=order).updated_at == before  # a GET writes nothing
    assert client.post(url).status_code == 405


def test_status_is_refused_to_anyone_else(
    client,
    priced_product,
    no_stripe,
    vietqr_settings,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    url = reverse("payment:bank-transfer-status", args=[order.number])
    assert Client().get(url).status_code == 404  # another visitor
    other = Client()
    other.force_login(
        django_user_model.objects.create_user("minh", "minh@example.vn", "x-Pw-2026!")
    )
    assert other.get(url).status_code == 404  # another customer
    assert Client().get(url + "?hash=forged").status_code == 404
    assert Client().get(url + "?hash=" + order.verification_hash()).status_code == 200  # order link
    unknown = reverse("payment:bank-transfer-status", args=["999999"])
    assert client.get(unknown).status_code == 404


def test_status_of_a_cash_order_is_not_served(client, priced_product, no_stripe, vietqr_settings):
    place_order(client, priced_product, method="cod")
    order = Order.objects.get()
    url = reverse("payment:bank-transfer-status", args=[order.number])
    assert client.get(url).status_code == 404


# --- the account's order page -----------------------------------------------------------


def test_account_order_page_shows_the_code_to_its_owner_only(
    client,
    priced_product,
    no_stripe,
    vietqr_settings,
    django_user_model,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    lan = django_user_model.objects.create_user("lan", "lan@example.vn", "x-Pw-2026!")
    client.force_login(lan)
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    assert order.user == lan
    url = reverse("customer:order", kwargs={"order_number": order.number})
    with django_assert_max_num_queries(24):  # 22 on a first visit, 19 on the next
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="vietqr-code"' in html and order.payment.transfer_reference in html
    status_url = reverse("payment:bank-transfer-status", args=[order.number])
    assert client.get(status_url).status_code == 200  # the signed-in owner, any session

    other = Client()
    other.force_login(
        django_user_model.objects.create_user("minh", "minh@example.vn", "x-Pw-2026!")
    )
    assert other.get(url).status_code == 404
    assert other.get(status_url).status_code == 404


def test_guest_order_link_shows_the_code_and_polls_with_its_hash(
    client, priced_product, no_stripe, vietqr_settings, django_capture_on_commit_callbacks
):
    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    url = reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )
    guest = Client()
    session = guest.session
    session["anon_order_email"] = "lan@example.vn"  # what Oscar's order-status form records
    session.save()
    html = guest.get(url).content.decode()
    assert order.payment.transfer_reference in html
    assert f"?hash={order.verification_hash()}".replace(":", "%3A") in html


def test_paid_order_shows_the_status_not_the_code(
    client, priced_product, no_stripe, vietqr_settings, django_capture_on_commit_callbacks
):
    from tests.payment.conftest import bank_tx, post_bank_webhook

    order = _place_pickup(client, priced_product, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        post_bank_webhook(Client(), {"transactions": [bank_tx(order)]})
    html = client.get(reverse("checkout:thank-you")).content.decode()
    assert "Đã nhận thanh toán" in html
    assert 'data-testid="vietqr-code"' not in html
    assert client.get(reverse("payment:bank-transfer-status", args=[order.number])).json()["paid"]
