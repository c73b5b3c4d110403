"""axe-core (WCAG 2.2 AA) on the consignment pages at 390 px, with the demo's month at Từ Sơn.

The store manager's terms, statements, a statement and restock pages; the
producer's sales, statements, the sent statement, requests and terms; the
printable statement: no critical or serious violation, in Vietnamese and
English. (The staff pages use Oscar's dashboard theme, whose breadcrumb and
button colours axe already finds short of 4.5:1 on every dashboard page.)
"""

import pytest
from django.urls import reverse

from storefront.consignment.models import Statement
from storefront.demo import producers as demo_producers
from storefront.demo import stores as demo_stores
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import check, demo, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_consignment_pages_have_no_serious_accessibility_violation(
    live_server,
    browser,
    demo,  # noqa: F811
    language,
):
    base = live_server.url
    statement = Statement.objects.select_related("store", "producer").get(
        producer__slug="htx-gom-phu-lang"
    )
    store, producer = statement.store.slug, statement.producer.slug
    prefix = "" if language == "vi" else "/en"
    problems = []
    for email, password, paths in (
        (
            "quanly.tuson@ocop.local",
            demo_stores.MANAGER_PASSWORD,
            [
                reverse("mystore:terms", kwargs={"store": store}),
                reverse("mystore:statements", kwargs={"store": store}),
                reverse("mystore:statement", kwargs={"store": store, "pk": statement.pk}),
                reverse("mystore:restock-list", kwargs={"store": store}),
                reverse("mystore:restock-new", kwargs={"store": store}),
                reverse("settle:print", kwargs={"pk": statement.pk}),
            ],
        ),
        (
            "gom-phu-lang@ocop.local",
            demo_producers.PRODUCER_PASSWORD,
            [
                reverse("settle:portal-sales", kwargs={"slug": producer}),
                reverse("settle:portal-statements", kwargs={"slug": producer}),
                reverse("settle:portal-statement", kwargs={"slug": producer, "pk": statement.pk}),
                reverse("settle:portal-restock-list", kwargs={"slug": producer}),
                reverse("settle:portal-terms", kwargs={"slug": producer}),
            ],
        ),
    ):
        context = browser.new_context(locale="vi-VN", viewport=PHONE)
        page = context.new_page()
        sign_in(page, base, email, password)
        problems += [check(page, f"{base}{prefix}{path}") for path in paths]
        context.close()
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)
