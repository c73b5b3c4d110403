"""localstripe on 127.0.0.1, real signed webhooks, and orders placed through the checkout.

The localstripe process is started once per test session on a free port and
stopped at the end; `stripe_settings` points the shop at it. Nothing reaches
the network.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import stripe
from django.urls import reverse
from oscar.core.loading import get_model

# The checkout's fixtures, so payment tests can place orders the same way.
from tests.checkout.conftest import (  # noqa: F401
    BANK_WEBHOOK_SECRET,
    no_stripe,
    place_order,
    priced_product,
    vietnam,
    vietqr_settings,
)

# The shop's settings for a Stripe test account, pointed at localstripe.
SECRET_KEY = "sk_test_ocop"
PUBLISHABLE_KEY = "pk_test_ocop"
WEBHOOK_SECRET = "whsec_test_ocop"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    executable = Path(sys.executable).with_name("localstripe")
    if not executable.exists():
        pytest.skip("localstripe is not installed (requirements/dev.txt)")
    port = _free_port()
    # --from-scratch: never load another run's /tmp/localstripe.pickle.
    process = subprocess.Popen(
        [str(executable), "--port", str(port), "--from-scratch"],
        cwd=tmp_path_factory.mktemp("localstripe"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1).close()  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"localstripe did not start on port {port}")
            time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    return settings


def stripe_get(settings, path: str) -> dict:
    """Raw JSON of a localstripe object, as Stripe would put it in an event."""
    request = urllib.request.Request(  # noqa: S310
        f"{settings.STRIPE_API_BASE}{path}", headers={"Authorization": f"Bearer {SECRET_KEY}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return json.load(response)


def stripe_post(settings, path: str, data: dict) -> dict:
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{settings.STRIPE_API_BASE}{path}",
        data=body,
        headers={"Authorization": f"Bearer {SECRET_KEY}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return json.load(response)


def make_event(event_type: str, obj: dict, *, event_id: str | None = None, created=None) -> dict:
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "type": event_type,
        "created": int(created if created is not None else time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def sign(body: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's own signing helper: header `t=…,v1=HMAC-SHA256(secret, "t.body")`."""
    return stripe.WebhookSignature.generate_signature_header(body, secret, timestamp)


def post_webhook(client, event: dict | str, *, signature: str | None = "sign", **sign_kwargs):
    body = event if isinstance(event, str) else json.dumps(event)
    headers = {}
    if signature == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(body, **sign_kwargs)
    elif signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    return client.post(
        reverse("payment:stripe-webhook"), data=body, content_type="application/json", **headers
    )


def stripe_config(settings, method: str, path: str, data=None) -> None:
    """localstripe's own /_config endpoints (webhook registration, flushing its data)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(  # noqa: S310
        f"{settings.STRIPE_API_BASE}/_config/{path}", data=body, method=method
    )
    urllib.request.urlopen(request, timeout=5).close()  # noqa: S310


@pytest.fixture
def card_order(
    client,
    priced_product,  # noqa: F811  (the imported fixture)
    stripe_settings,
    django_capture_on_commit_callbacks,
):
    """A card order placed through the checkout; "Place order" created its PaymentIntent
    once the order was committed."""
    with django_capture_on_commit_callbacks(execute=True):
        response, _basket = place_order(client, priced_product, method="card")
    assert response["Location"] == reverse("checkout:thank-you")
    assert client.get(reverse("checkout:thank-you")).status_code == 200
    return get_model("order", "Order").objects.get()


def paid_intent(order, settings) -> dict:
    """Pay the order's PaymentIntent with Stripe's test Visa; return its raw JSON."""
    from storefront.payment import services

    attempt = services.confirm_card_payment(payment=order.payment, payment_method_id="pm_card_visa")
    assert attempt.status == "succeeded", attempt
    return stripe_get(settings, f"/v1/payment_intents/{order.payment.payment_intent_id}")


class StripeProxy:
    """A small HTTP proxy on 127.0.0.1 in front of localstripe: counts and can fail requests.

    A real component between the shop and the (fake) Stripe server, as a
    network or a load balancer would be: it forwards each request unchanged,
    remembers (method, path), and answers 503 for requests whose path or body
    contains one of `failing` (e.g. a PaymentIntent id), as Stripe does when
    it is down.
    """

    def __init__(self, upstream: str):
        import http.server
        import threading

        self.upstream = urllib.parse.urlsplit(upstream)
        self.requests: list[tuple[str, str]] = []
        self.failing: set[str] = set()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _forward(self):
                import http.client

                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.requests.append((self.command, self.path))
                if any(part in self.path or part.encode() in body for part in proxy.failing):
                    payload = json.dumps({"error": {"type": "api_error", "message": "down"}})
                    self.send_response(503)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload.encode())
                    return
                upstream = http.client.HTTPConnection(
                    proxy.upstream.hostname, proxy.upstream.port, timeout=10
                )
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = do_DELETE = _forward

            def log_message(self, *args):
                """Quiet: the test counts requests, it does not print them."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self, method: str | None = None) -> int:
        return sum(1 for m, _path in self.requests if method in (None, m))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stripe_proxy(stripe_settings):
    """The shop's Stripe API base pointed at a StripeProxy in front of localstripe."""
    proxy = StripeProxy(stripe_settings.STRIPE_API_BASE)
    stripe_settings.STRIPE_API_BASE = proxy.url
    yield proxy
    proxy.close()


@pytest.fixture
def stripe_calls():
    """Every request the gateway sends to Stripe: (operation, inside a transaction?)."""
    from django.db import connection

    from storefront.payment import gateway

    calls = []

    def observe(operation):
        calls.append((operation, connection.in_atomic_block))

    gateway.observers.append(observe)
    yield calls
    gateway.observers.remove(observe)


# --- bank transfers ---------------------------------------------------------------


def sign_bank(body: bytes, *, secret: str = BANK_WEBHOOK_SECRET) -> str:
    import hashlib
    import hmac

    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_bank_webhook(client, payload, *, source="generic", signature="sign"):
    """POST a bank-transaction delivery; `signature` "sign" signs it with the shop's secret."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {}
    if signature == "sign":
        headers["HTTP_X_SIGNATURE"] = sign_bank(body)
    elif signature is not None:
        headers["HTTP_X_SIGNATURE"] = signature
    return client.post(
        reverse("payment:bank-webhook", args=[source]),
        data=body,
        content_type="application/json",
        **headers,
    )


def bank_tx(order=None, *, amount=None, memo=None, tx_id=None, account=None) -> dict:
    """One transaction in the generic webhook's shape: by default the order's exact transfer."""
    return {
        "id": tx_id or f"FT{uuid.uuid4().hex[:12].upper()}",
        "amount": amount if amount is not None else order.payment.amount,
        "time": "2026-12-01 09:15:00",
        "account": account if account is not None else "0451000123456",
        "description": memo
        if memo is not None
        else f"NGUYEN THI LAN {order.payment.transfer_reference}",
    }


@pytest.fixture
def transfer_order(
    client,
    priced_product,  # noqa: F811  (the imported fixtures)
    no_stripe,  # noqa: F811
    vietqr_settings,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """A VietQR delivery order placed through the checkout (total 1.234.000 ₫), emails sent."""
    with django_capture_on_commit_callbacks(execute=True):
        response, _basket = place_order(client, priced_product, method="vietqr")
    assert response["Location"] == reverse("checkout:thank-you")
    return get_model("order", "Order").objects.get()
