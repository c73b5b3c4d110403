"""Whole đồng: validation of entered prices and rounding of offer discounts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from oscar.apps.offer import models as offer_models
from oscar.apps.offer.applicator import Applicator
from oscar.test.factories import (
    BasketFactory,
    ConditionalOfferFactory,
    RangeFactory,
    create_product,
)

from storefront.money import round_discount, validate_whole_dong


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        (Decimal("4999.95"), Decimal("4999")),
        (Decimal("12500.00"), Decimal("12500")),
        (Decimal("0.99"), Decimal("0")),
    ],
)
def test_discounts_round_down_to_the_whole_dong(amount, rounded):
    assert round_discount(amount, "VND") == rounded


@pytest.mark.parametrize("value", [Decimal("125000"), Decimal("125000.00"), Decimal("0")])
def test_whole_prices_pass(value):
    validate_whole_dong(value)


@pytest.mark.parametrize("value", [Decimal("125000.5"), Decimal("0.01"), Decimal("-1")])
def test_fractions_and_negatives_are_refused_with_a_message(value):
    with pytest.raises(ValidationError) as error:
        validate_whole_dong(value)
    assert error.value.messages


@pytest.mark.django_db
def test_a_percentage_offer_leaves_a_whole_dong_basket_total():
    product = create_product(price=Decimal("33333"), num_in_stock=10)
    everything = RangeFactory(includes_all_products=True)
    benefit = offer_models.Benefit.objects.create(
        range=everything, type=offer_models.Benefit.PERCENTAGE, value=Decimal("15")
    )
    condition = offer_models.Condition.objects.create(
        range=everything, type=offer_models.Condition.COUNT, value=1
    )
    ConditionalOfferFactory(benefit=benefit, condition=condition)
    basket = BasketFactory()
    basket.add_product(product, 1)
    Applicator().apply(basket)
    # 15% of 33.333 ₫ is 4.999,95 ₫: the discount is 4.999 ₫, the total 28.334 ₫.
    assert basket.total_discount == Decimal("4999")
    assert basket.total_incl_tax == Decimal("28334")


@pytest.mark.parametrize(
    ("language", "date_text", "number_text"),
    [("vi", "28/11/2026", "1.234.567"), ("en", "Nov. 28, 2026", "1,234,567")],
)
def test_dates_and_numbers_follow_the_language(language, date_text, number_text):
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load humanize %}{{ day|date }} {{ n|intcomma }}")
    with translation.override(language):
        rendered = template.render(Context({"day": datetime.date(2026, 11, 28), "n": 1234567}))
    assert rendered == f"{date_text} {number_text}"
