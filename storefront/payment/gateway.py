"""The Stripe adapter: the only module that sends requests to Stripe.

Everything else speaks to a `PaymentGateway` (start, read, cancel and refund
a payment), which a second online method such as a bank transfer can also
implement; cards add `confirm_card`. Stripe's exceptions are turned into three
of ours, which say what the caller may do next:

- `Declined`: the card was refused (the shopper may try another);
- `Refused`: Stripe refused the request for good (`missing` when it does not
  know the object at all, e.g. a PaymentIntent left over from test mode);
- `Unavailable`: network error, 5xx, rate limit, bad keys: nothing is known
  to have happened, try again later with the same idempotency key.

Every request goes through `_call`, the single call point. The rule it
serves (docs/architecture.md, "Payments"): no request to Stripe inside a
database transaction or while a row is locked, and none on a GET. Callers
reserve the work under lock and commit, call here, then record the result
under lock again. `observers` lets tests watch each call (e.g. record
whether a transaction is open); it is empty in production.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import stripe
from django.conf import settings

logger = logging.getLogger("storefront.payment")

# Called with the operation name before every request to Stripe.
observers: list[Callable[[str], None]] = []


class GatewayError(Exception):
    """Base of what a gateway call can raise."""


class Declined(GatewayError):
    def __init__(self, message: str, *, code: str = "", decline_code: str = ""):
        super().__init__(message)
        self.message, self.code, self.decline_code = message, code or "", decline_code or ""


class Refused(GatewayError):
    def __init__(self, message: str, *, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class Unavailable(GatewayError):
    """Stripe could not be reached or answered 5xx: try again later."""


@dataclass(frozen=True)
class Intent:
    """A PaymentIntent as the shop needs it."""

    id: str
    status: str
    amount: int
    amount_received: int = 0
    currency: str = ""
    client_secret: str = ""
    created: int = 0
    metadata: dict = field(default_factory=dict)
    # Why the last attempt failed, in Stripe's words (for a declined card).
    error_message: str = ""


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: int


class PaymentGateway(Protocol):
    """What a way of paying online does for an order, whatever the provider."""

    def start_payment(
        self, *, amount: int, currency: str, reference: str, idempotency_key: str
    ) -> Intent: ...

    def get_payment(self, payment_id: str) -> Intent: ...

    def cancel_payment(self, payment_id: str) -> Intent: ...

    def refund(
        self, *, payment_id: str, amount: int, idempotency_key: str, metadata: dict
    ) -> RefundResult: ...


def _intent(obj) -> Intent:
    error = getattr(obj, "last_payment_error", None)
    metadata = getattr(obj, "metadata", None)
    return Intent(
        id=obj.id,
        status=obj.status,
        amount=int(obj.amount),
        amount_received=int(getattr(obj, "amount_received", None) or 0),
        currency=(getattr(obj, "currency", "") or "").upper(),
        client_secret=getattr(obj, "client_secret", "") or "",
        created=int(getattr(obj, "created", 0) or 0),
        metadata=metadata.to_dict() if metadata else {},
        error_message=(getattr(error, "message", "") or "") if error else "",
    )


class StripeGateway:
    """Cards through Stripe (PaymentIntents, automatic confirmation)."""

    def __init__(self, client: stripe.StripeClient):
        self._client = client

    def _call(self, operation: str, request: Callable):
        for observer in observers:
            observer(operation)
        try:
            return request()
        except stripe.CardError as error:
            detail = error.error
            raise Declined(
                error.user_message or str(error),
                code=error.code or "",
                decline_code=getattr(detail, "decline_code", "") if detail else "",
            ) from error
        except (stripe.InvalidRequestError, stripe.IdempotencyError) as error:
            missing = error.http_status == 404 or error.code == "resource_missing"
            raise Refused(str(error), missing=missing) from error
        except stripe.StripeError as error:
            # Network, 5xx, rate limit, authentication: nothing is known to
            # have happened; the same idempotency key makes a retry safe.
            raise Unavailable(str(error) or type(error).__name__) from error

    def start_payment(
        self, *, amount: int, currency: str, reference: str, idempotency_key: str
    ) -> Intent:
        return _intent(
            self._call(
                "create_payment_intent",
                lambda: self._client.v1.payment_intents.create(
                    params={
                        "amount": amount,
                        "currency": currency.lower(),
                        "payment_method_types": ["card"],
                        "metadata": {"order_number": reference},
                    },
                    options={"idempotency_key": idempotency_key},
                ),
            )
        )

    def get_payment(self, payment_id: str) -> Intent:
        return _intent(
            self._call(
                "retrieve_payment_intent",
                lambda: self._client.v1.payment_intents.retrieve(payment_id),
            )
        )

    def cancel_payment(self, payment_id: str) -> Intent:
        return _intent(
            self._call(
                "cancel_payment_intent",
                lambda: self._client.v1.payment_intents.cancel(payment_id),
            )
        )

    def confirm_card(self, payment_id: str, payment_method_id: str) -> Intent:
        """Attach the card Stripe.js collected, then confirm.

        Both Stripe and localstripe accept this pair (localstripe has no
        `payment_method` on confirm). A decline comes back either as
        `Declined` or as an intent in `requires_payment_method`.
        """
        intents = self._client.v1.payment_intents
        self._call(
            "update_payment_intent",
            lambda: intents.update(payment_id, params={"payment_method": payment_method_id}),
        )
        return _intent(self._call("confirm_payment_intent", lambda: intents.confirm(payment_id)))

    def refund(
        self, *, payment_id: str, amount: int, idempotency_key: str, metadata: dict
    ) -> RefundResult:
        refund = self._call(
            "create_refund",
            lambda: self._client.v1.refunds.create(
                params={"payment_intent": payment_id, "amount": amount, "metadata": metadata},
                options={"idempotency_key": idempotency_key},
            ),
        )
        return RefundResult(id=refund.id, status=refund.status, amount=int(refund.amount))

    def succeeded_intents(self, *, start: int, end: int) -> Iterator[Intent]:
        """Succeeded PaymentIntents created in [start, end) (Unix seconds)."""
        params: dict = {"limit": 100}
        if not settings.STRIPE_API_BASE:
            # localstripe refuses the `created` filter; Stripe uses it server side.
            params["created"] = {"gte": start, "lt": end}
        page = self._call(
            "list_payment_intents", lambda: self._client.v1.payment_intents.list(params=params)
        )
        pages = page.auto_paging_iter()
        while True:
            # Each further page is a request too: through the call point.
            intent = self._call("list_payment_intents", lambda: next(pages, None))
            if intent is None:
                return
            if start <= intent.created < end and intent.status == "succeeded":
                yield _intent(intent)


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def stripe_gateway() -> StripeGateway:
    """Built from settings on each call, so tests and environments can differ.

    Stripe retries network errors itself, re-sending the same idempotency key.
    """
    options: dict = {"max_network_retries": 2}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return StripeGateway(stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options))


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    created: int
    object: object


class WebhookSignatureError(Exception):
    """A webhook body whose signature, age or content does not check out."""


def verify_webhook(*, payload: bytes, signature: str, tolerance: int) -> WebhookEvent:
    """Check Stripe's signature and age of a webhook delivery (no request to Stripe)."""
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookSignatureError(str(error)) from error
    return WebhookEvent(
        id=event.id, type=event.type, created=event.created, object=event.data.object
    )
