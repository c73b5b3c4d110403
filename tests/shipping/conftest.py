"""Shipping tests use the order tests' stores, baskets and order placement."""

from tests.order.conftest import *  # noqa: F403
