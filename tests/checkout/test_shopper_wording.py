"""Basket, checkout and order pages in the shop's words, not Oscar's machine Vietnamese."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from storefront.order import services as order_services
from storefront.order.models import Order
from tests.checkout.conftest import place_order

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_confirmation_gives_the_order_number_in_plain_vietnamese(client, priced_product, no_stripe):
    placed, _ = place_order(client, priced_product, method="cod")
    text = _text(client.get(placed["Location"]))
    order = Order.objects.get()
    assert f"Mã đơn hàng của bạn là {order.number}" in text
    assert "số thứ tự của bạn là" not in text
    assert "liên quan dến" not in text


def test_checkout_gateway_offers_plain_choices(client, priced_product):
    client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 1})
    text = _text(client.get(reverse("checkout:index")))
    assert "Đặt hàng không cần tài khoản" in text
    assert "trước khi thoát" not in text  # Oscar's "before checking out" read as "before leaving"


def test_basket_page_has_no_machine_phrasing(client, priced_product):
    client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 1})
    text = _text(client.get(reverse("basket:summary")))
    assert "Sản phẩm trong giỏ" in text
    assert "Những vật phẩm" not in text


def test_form_errors_are_announced_without_oops(client, priced_product):
    client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "lan@example.vn", "options": "anonymous"})
    client.post(reverse("checkout-fulfilment"), {"choice": "delivery"})
    text = _text(client.post(reverse("checkout:shipping-address"), {"first_name": ""}))
    assert "Có thông tin cần sửa" in text
    assert "Oops" not in text


@pytest.mark.parametrize(
    ("language", "limit", "label"), [("vi", "Tối đa 5", "Số lượng"), ("en", "Up to 5", "Quantity")]
)
def test_basket_quantity_box_has_a_label_and_its_limit_in_words(
    client, priced_product, language, limit, label
):
    with translation.override(language):
        client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 1})
        page = client.get(reverse("basket:summary"))
    soup = BeautifulSoup(page.content, "html.parser")
    box = soup.select_one("input[name='form-0-quantity']")
    assert box["max"] == "5"  # the product has 5 in stock
    assert soup.select_one(f"label[for='{box['id']}']").get_text(" ", strip=True) == (
        f"{label} ({priced_product.get_title()})"
    )
    hint = soup.select_one(f"#{box['aria-describedby']}")
    assert hint.get_text(strip=True) == limit


@pytest.fixture
def collected_order(client, priced_product, no_stripe):
    place_order(client, priced_product, method="pickup", fulfilment="pickup")
    order = Order.objects.get()
    order.status = order_services.COLLECTED
    order.save()
    return order


@pytest.mark.parametrize(("language", "status"), [("vi", "Đã nhận"), ("en", "Collected")])
def test_account_order_page_shows_the_status_in_the_pages_language(
    client, collected_order, language, status
):
    user = get_user_model().objects.create_user("lan", "lan@example.vn", "pw-Lan-12345678")
    collected_order.user = user
    collected_order.save()
    client.force_login(user)
    with translation.override(language):
        page = client.get(reverse("customer:order", args=[collected_order.number]))
    soup = BeautifulSoup(page.content, "html.parser")
    heading = next(
        h for h in soup.select("h2") if h.get_text(strip=True) in {"Trạng thái", "Status"}
    )
    assert heading.find_next("p").get_text(strip=True) == status
    # The rest of Oscar's page is still there.
    assert priced_product_title(collected_order) in soup.get_text()


def test_order_status_page_for_guests_shows_the_status_in_vietnamese(client, collected_order):
    session = client.session
    session["anon_order_email"] = "lan@example.vn"  # what Oscar's order-status form records
    session.save()
    page = client.get(
        reverse(
            "customer:anon-order",
            kwargs={
                "order_number": collected_order.number,
                "hash": collected_order.verification_hash(),
            },
        )
    )
    text = _text(page)
    assert "Trạng thái Đã nhận" in text
    assert "Collected" not in text


def priced_product_title(order) -> str:
    return order.lines.get().title
