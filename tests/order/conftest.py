"""Order tests: the stores of tests/partner, plus baskets and placing orders."""

import pytest

from tests.celery_worker import celery_worker  # noqa: F401  (a real worker: test_worker.py)
from tests.partner.conftest import *  # noqa: F403  (stores, managers, stocked products)


@pytest.fixture
def make_basket(db):
    from oscar.test.factories import create_basket

    from storefront.partner.strategy import StoreStrategy

    def make(*lines, store_id=None):
        basket = create_basket(empty=True)
        basket.strategy = StoreStrategy(store_id=store_id)
        for product, quantity in lines:
            basket.add_product(product, quantity)
        return basket

    return make


def place(basket, method, request=None, number=None):
    """Place an order the way Oscar's checkout does, through our OrderCreator."""
    from oscar.core.prices import Price

    from storefront.order.utils import OrderCreator

    charge = method.calculate(basket)
    total = Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + charge.excl_tax,
        incl_tax=basket.total_incl_tax + charge.incl_tax,
    )
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        order_number=number or str(100000 + basket.pk),
        request=request,
    )
