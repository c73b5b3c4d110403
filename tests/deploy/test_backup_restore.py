"""A nightly `pg_dump -Fc` restores into an empty database with every order, payment and movement.

The procedure is docs/operations.md "Backups"; this test runs it against the
test database after placing orders through the real checkout.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.partner.models import StockMovement
from storefront.partner.services import change_stock
from storefront.payment.models import OrderPayment
from tests.checkout.conftest import place_order, priced_product, vietnam  # noqa: F401
from tests.partner.conftest import manager_a, nem, store_a, store_b  # noqa: F401
from tests.payment.conftest import (  # noqa: F401
    localstripe_url,
    make_event,
    paid_intent,
    post_webhook,
    stripe_settings,
)

Order = get_model("order", "Order")
ROOT = Path(__file__).resolve().parents[2]

ORDERS = "SELECT number, status, total_incl_tax FROM order_order ORDER BY number"
PAYMENTS = (
    "SELECT p.id, o.number, p.method, p.status, p.amount, p.amount_received, p.payment_intent_id"
    " FROM {payment} p JOIN order_order o ON o.id = p.order_id ORDER BY p.id"
)
MOVEMENTS = (
    "SELECT id, stockrecord_id, reason, in_stock_before, in_stock_after,"
    " allocated_before, allocated_after, order_number FROM {movement} ORDER BY id"
)


def read_all(conninfo: dict) -> dict[str, list[tuple]]:
    queries = {
        "orders": ORDERS,
        "payments": PAYMENTS.format(payment=OrderPayment._meta.db_table),
        "movements": MOVEMENTS.format(movement=StockMovement._meta.db_table),
    }
    with psycopg.connect(**conninfo) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


def libpq(settings_dict: dict, dbname: str) -> tuple[dict, dict]:
    """Connection arguments for psycopg and the PG* environment for the client tools."""
    conninfo = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"],
        "dbname": dbname,
    }
    env = {
        **os.environ,
        "PGHOST": str(conninfo["host"]),
        "PGPORT": str(conninfo["port"]),
        "PGUSER": conninfo["user"],
        "PGPASSWORD": conninfo["password"] or "",
    }
    return conninfo, env


def run(*command: str, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command[0]} failed:\n{result.stderr[-3000:]}"
    return result


def place_shop_orders(priced_product, nem, manager_a, admin_client, stripe_settings):  # noqa: F811
    """Cash, card and pickup orders through the checkout, paid through the real services."""
    product_at_stores, at_a, _at_b = nem

    cod = Client()
    place_order(cod, priced_product, method="cod")
    cash_order = Order.objects.get()
    response = admin_client.post(reverse("payment:mark-paid", args=[cash_order.number]))
    assert response.status_code == 302

    card = Client()
    place_order(card, product_at_stores, method="card", quantity=2)
    assert card.get(reverse("checkout:thank-you")).status_code == 200
    card_order = Order.objects.exclude(pk=cash_order.pk).get()
    intent = paid_intent(card_order, stripe_settings)
    assert post_webhook(card, make_event("payment_intent.succeeded", intent)).status_code == 200

    pickup = Client()
    place_order(pickup, product_at_stores, method="pickup", fulfilment="pickup")

    change_stock(stockrecord=at_a, reason="received", user=manager_a, delta=12, note="Lô mới")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_custom_format_dump_restores_every_order_payment_and_stock_movement(
    tmp_path,
    vietnam,  # noqa: F811
    priced_product,  # noqa: F811
    nem,  # noqa: F811
    manager_a,  # noqa: F811
    admin_client,
    stripe_settings,  # noqa: F811
):
    place_shop_orders(priced_product, nem, manager_a, admin_client, stripe_settings)

    source = connection.settings_dict
    conninfo, env = libpq(source, source["NAME"])
    before = read_all(conninfo)
    # The shop's own records, not an empty or half-built database.
    assert len(before["orders"]) == 3
    assert {row[3] for row in before["payments"]} >= {"paid", "pending"}
    assert len(before["payments"]) == 3
    reasons = {row[2] for row in before["movements"]}
    assert {"opening", "allocated", "received"} <= reasons

    dump = tmp_path / "ocop.dump"
    run("pg_dump", "--format=custom", "--file", str(dump), "--dbname", source["NAME"], env=env)
    assert dump.stat().st_size > 0

    restored = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    run("createdb", restored, env=env)
    try:
        run(
            "pg_restore",
            "--exit-on-error",
            "--no-owner",
            "--dbname",
            restored,
            str(dump),
            env=env,
            timeout=300,
        )
        after = read_all({**conninfo, "dbname": restored})
        assert after == before
        # The restored schema is the application's: no migration left to apply.
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check", "--no-input"],
            cwd=ROOT,
            env={
                **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
                "DJANGO_SETTINGS_MODULE": "storefront.settings.dev",
                "DATABASE_URL": (
                    f"postgres://{conninfo['user']}:{conninfo['password']}"
                    f"@{conninfo['host']}:{conninfo['port']}/{restored}"
                ),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    finally:
        run("dropdb", "--if-exists", "--force", restored, env=env)
