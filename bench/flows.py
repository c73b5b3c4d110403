"""Multi-request journeys of the benchmark, over any client.

The same code walks a journey through Django's test client (to count its
queries in-process, `manage.py bench_pages`) and over HTTP against gunicorn
(bench/run.py), through the small `Client` protocol below. Every step checks
the status it expects, so a journey that silently failed (a form error, an
empty basket) raises instead of being timed.
"""

import re
from dataclasses import dataclass
from html import unescape
from typing import Protocol

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ADD_FORM = re.compile(r'<form[^>]+action="([^"]*/basket/add/\d+/)"')


class FlowError(Exception):
    """A step of a journey answered something other than what it should."""


@dataclass
class Response:
    status: int
    location: str
    text: str


class Client(Protocol):
    def get(self, path: str) -> Response: ...

    def post(self, path: str, data: dict[str, str]) -> Response: ...


def csrf_token(page: Response) -> str:
    match = TOKEN.search(page.text)
    if not match:
        raise FlowError("no CSRF token on the page")
    return unescape(match.group(1))


def expect(response: Response, status: int, what: str, *, to: str = "") -> Response:
    if response.status != status or (to and to not in response.location):
        raise FlowError(
            f"{what}: expected {status}{' to ' + to if to else ''}, got {response.status} "
            f"{response.location} {response.text[:300]!r}"
        )
    return response


def add_form(client: Client, product_path: str) -> tuple[str, str]:
    """(form action, CSRF token) of the product page's add-to-basket form."""
    page = expect(client.get(product_path), 200, f"product page {product_path}")
    match = ADD_FORM.search(page.text)
    if not match:
        raise FlowError(f"no add-to-basket form on {product_path}")
    return unescape(match.group(1)), csrf_token(page)


def add_to_basket(client: Client, product_path: str) -> None:
    action, token = add_form(client, product_path)
    expect(client.post(action, {"csrfmiddlewaretoken": token, "quantity": "1"}), 302, "add")
    basket = expect(client.get("/shop/basket/"), 200, "basket")
    if 'name="form-0-quantity"' not in basket.text and "form-0-quantity" not in basket.text:
        raise FlowError("the basket is empty after adding")


def pickup_checkout(client: Client, *, product_path: str, store_slug: str, email: str) -> None:
    """A guest buys one unit, collects it at `store_slug` and pays there in cash."""
    add_to_basket(client, product_path)
    gateway = expect(client.get("/shop/checkout/"), 200, "checkout gateway")
    expect(
        client.post(
            "/shop/checkout/",
            {
                "csrfmiddlewaretoken": csrf_token(gateway),
                "username": email,
                "options": "anonymous",
            },
        ),
        302,
        "guest checkout",
        to="/shop/checkout/fulfilment/",
    )
    fulfilment = expect(client.get("/shop/checkout/fulfilment/"), 200, "fulfilment")
    choice = f"pickup:{store_slug}"
    if f'value="{choice}"' not in fulfilment.text:
        raise FlowError(f"{store_slug} is not offered for pickup")
    expect(
        client.post(
            "/shop/checkout/fulfilment/",
            {"csrfmiddlewaretoken": csrf_token(fulfilment), "choice": choice},
        ),
        302,
        "choose pickup",
        to="/shop/checkout/payment-method/",
    )
    method = expect(client.get("/shop/checkout/payment-method/"), 200, "payment method")
    expect(
        client.post(
            "/shop/checkout/payment-method/",
            {"csrfmiddlewaretoken": csrf_token(method), "method": "pickup"},
        ),
        302,
        "pay at pickup",
        to="/shop/checkout/preview/",
    )
    preview = expect(client.get("/shop/checkout/preview/"), 200, "preview")
    expect(
        client.post(
            "/shop/checkout/preview/",
            {"csrfmiddlewaretoken": csrf_token(preview), "action": "place_order"},
        ),
        302,
        "place order",
        to="/shop/checkout/thank-you/",
    )
    thanks = expect(client.get("/shop/checkout/thank-you/"), 200, "thank-you page")
    if store_slug and "pickup" not in thanks.text.lower() and "nhận" not in thanks.text:
        raise FlowError("the thank-you page does not mention the pickup")


def sign_in(client: Client, *, email: str, password: str) -> None:
    page = expect(client.get("/shop/accounts/login/"), 200, "sign-in page")
    expect(
        client.post(
            "/shop/accounts/login/",
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "login-username": email,
                "login-password": password,
                "login_submit": "1",
            },
        ),
        302,
        "sign in",
    )
