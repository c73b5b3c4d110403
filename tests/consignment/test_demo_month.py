"""`load_demo_data` leaves a month of consignment that reconciles to the đồng."""

import io

import pytest
from django.core.management import call_command

from storefront.consignment import settlement
from storefront.consignment.models import Statement, SupplyTerms

pytestmark = pytest.mark.django_db


def test_demo_month_reconciles_and_the_pottery_statement_is_sent(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    assert "new statements: 3" in out.getvalue()
    statements = list(Statement.objects.select_related("store", "producer"))
    assert len(statements) == 3 and SupplyTerms.objects.count() == 3
    for statement in statements:
        assert statement.problems == [], statement.problems
        figures = settlement.compute(
            store=statement.store,
            producer=statement.producer,
            period_start=statement.period_start,
            period_end=statement.period_end,
        )
        assert figures.total == statement.total > 0
        assert sum(line.amount for line in statement.lines.all()) == statement.total
    sent = Statement.objects.get(producer__slug="htx-gom-phu-lang")
    assert sent.status == Statement.Status.SENT
    terms = SupplyTerms.objects.get(product__producer__slug="htx-gom-phu-lang")
    row = sent.products.get(product=terms.product)
    assert (row.received, row.sold_in_store, row.damaged, row.returned_to_producer) == (12, 8, 1, 2)
    # A second run adds nothing.
    again = io.StringIO()
    call_command("load_demo_data", "--force", stdout=again)
    assert Statement.objects.count() == 3 and "Consignment" in again.getvalue()
