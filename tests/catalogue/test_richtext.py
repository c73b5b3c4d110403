"""Stored XSS: producer and staff rich text is cleaned on the way in and out.

The journey an attacker would take: a producer writes a hostile description
in the portal, an officer approves it in the dashboard, shoppers open the
product page.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from catalogue.models import Category, Product, ProductSubmission
from catalogue.richtext import clean_html

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Bánh đa nem <strong>Thổ Hà</strong> làm thủ công.</p>"
    "<script>fetch('/steal?c='+document.cookie)</script>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">Xem thêm</a>'
    '<a href="https://ocop.bacninh.gov.vn/" onclick="alert(3)">Trang OCOP</a>'
    '<p style="position:fixed" onmouseover="alert(4)">Giao hàng toàn tỉnh.</p>'
    '<iframe src="https://evil.example/"></iframe><svg onload=alert(5)></svg>'
    + " ".join(f"từ{n}" for n in range(40))
    + " <em>đoạn cuối</em>"
)


def _assert_harmless(html: str) -> None:
    lowered = html.lower()
    for needle in ("<script", "onerror", "onclick", "onmouseover", "onload", "javascript:"):
        assert needle not in lowered, needle
    assert "<iframe" not in lowered and "<svg" not in lowered and "style=" not in lowered


def _element(html: str, marker: str, end: str = "</div>") -> str:
    """The markup from `marker` to the end of its element (rich text has no divs)."""
    start = html.index(marker)
    return html[start : html.index(end, start)]


def _submit(client, member, product, description=HOSTILE):
    client.force_login(member)
    url = reverse(
        "ocop:portal-product-edit",
        kwargs={"slug": product.producer.slug, "pk": product.pk},
    )
    response = client.post(
        url, {"title_vi": "Bánh đa nem Thổ Hà", "description_vi": description}, follow=True
    )
    assert response.redirect_chain
    # The producer is told that part of the text was removed.
    assert "đã bị loại bỏ" in response.content.decode()
    return ProductSubmission.objects.get()


def test_hostile_description_never_reaches_the_public_page(client, member, staff, ocop_product):
    submission = _submit(client, member, ocop_product)
    _assert_harmless(submission.description_vi)  # cleaned as the producer submits

    client.force_login(staff)
    review = client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "approve"},
    )
    assert review.status_code == 302
    client.logout()
    page = client.get(ocop_product.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    description = _element(html, 'id="product_description"', "</section>")
    _assert_harmless(description)
    assert "<strong>Thổ Hà</strong>" in description
    assert (
        '<a href="https://ocop.bacninh.gov.vn/" rel="noopener noreferrer nofollow">'
        "Trang OCOP</a>" in description
    )


def test_review_page_shows_rendered_and_escaped_whole_text_before_approval(
    client, member, staff, ocop_product
):
    submission = _submit(client, member, ocop_product)
    client.force_login(staff)
    listing = client.get(reverse("ocop:dash:submission-list")).content.decode()
    detail_url = reverse("ocop:dash:submission-detail", kwargs={"pk": submission.pk})
    assert detail_url in listing
    page = client.get(detail_url)
    assert page.status_code == 200
    html = page.content.decode()
    _assert_harmless(_element(html, 'data-testid="rendered-description-vi"'))
    # Rendered as shoppers will see it…
    assert "<strong>Thổ Hà</strong>" in html
    # …and the raw markup, escaped, in the diff against today's text.
    assert "+ &lt;p&gt;Bánh đa nem &lt;strong&gt;Thổ Hà&lt;/strong&gt;" in html
    # The whole text, not the first 25 words.
    assert "từ39" in html and "đoạn cuối" in html
    assert 'value="approve"' in html
    # Nothing is published by looking.
    ocop_product.refresh_from_db()
    assert "từ39" not in (ocop_product.description_vi or "")


def test_review_page_is_staff_only(client, member, ocop_product):
    submission = _submit(client, member, ocop_product)
    url = reverse("ocop:dash:submission-detail", kwargs={"pk": submission.pk})
    assert client.get(url).status_code in (302, 403)  # the producer is not staff
    client.logout()
    assert client.get(url).status_code == 302


def test_every_orm_write_of_a_product_description_is_cleaned(ocop_product):
    """Oscar's dashboard form, Django's admin and demo data all end in Product.save."""
    ocop_product.description = HOSTILE
    ocop_product.description_en = '<p onclick="x">Rice paper</p><script>x</script>'
    ocop_product.save()
    ocop_product.refresh_from_db()
    _assert_harmless(ocop_product.description_vi)
    assert ocop_product.description_en == "<p>Rice paper</p>"


def test_a_row_written_around_save_is_still_rendered_clean(client, ocop_product):
    Product.objects.filter(pk=ocop_product.pk).update(description_vi=HOSTILE, description=HOSTILE)
    html = client.get(ocop_product.get_absolute_url()).content.decode()
    _assert_harmless(_element(html, 'id="product_description"', "</section>"))


def test_category_description_is_cleaned_on_save_and_on_the_page(client, food_category):
    food_category.description_vi = HOSTILE
    food_category.save()
    food_category.refresh_from_db()
    _assert_harmless(food_category.description_vi)
    Category.objects.filter(pk=food_category.pk).update(description_vi=HOSTILE)
    page = client.get(food_category.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    _assert_harmless(_element(html, 'class="rich-text mb-3"'))


def test_migration_cleans_rows_written_before(ocop_product, food_category):
    Product.objects.filter(pk=ocop_product.pk).update(description_vi=HOSTILE)
    Category.objects.filter(pk=food_category.pk).update(description_en=HOSTILE)
    migration = importlib.import_module("catalogue.migrations.0040_clean_rich_text")

    migration.clean_rows(apps, None)

    ocop_product.refresh_from_db()
    food_category.refresh_from_db()
    assert ocop_product.description_vi == clean_html(HOSTILE)
    assert food_category.description_en == clean_html(HOSTILE)


def test_clean_text_is_sent_without_a_warning(client, member, ocop_product):
    client.force_login(member)
    url = reverse(
        "ocop:portal-product-edit", kwargs={"slug": "htx-gom-phu-lang", "pk": ocop_product.pk}
    )
    page = client.post(
        url, {"title_vi": "Bánh", "description_vi": "<p>Giòn <em>thơm</em></p>"}, follow=True
    ).content.decode()
    assert "đã bị loại bỏ" not in page
    assert ProductSubmission.objects.get().description_vi == "<p>Giòn <em>thơm</em></p>"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<a href="mailto:htx@example.vn">Thư</a>', "mailto:htx@example.vn"),
        ('<a href="data:text/html,<script>x</script>">x</a>', "<a rel="),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a rel="),
        ("<h3>Tiêu đề</h3><blockquote>Trích</blockquote>", "<h3>Tiêu đề</h3><blockquote>"),
        ("<p>a &lt;script&gt; b</p>", "&lt;script&gt;"),
    ],
)
def test_allow_list(dirty, clean):
    assert clean in clean_html(dirty)
    assert clean_html(clean_html(dirty)) == clean_html(dirty)


def test_range_and_offer_descriptions_are_cleaned_on_save_and_on_their_pages(client, ocop_product):
    """Oscar shows these with |safe on public pages; staff write them in the dashboard."""
    from oscar.test.factories import ConditionalOfferFactory, RangeFactory

    product_range = RangeFactory(name="Quà Tết", slug="qua-tet", is_public=True)
    product_range.description = HOSTILE
    product_range.save()
    product_range.add_product(ocop_product)
    offer = ConditionalOfferFactory(name="Giảm giá Tết", slug="giam-gia-tet")
    offer.description = HOSTILE
    offer.save()
    offer.condition.range = product_range
    offer.condition.save()
    for url in (
        reverse("catalogue:range", kwargs={"slug": product_range.slug}),
        reverse("offer:detail", kwargs={"slug": offer.slug}),
    ):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        start, end = html.index("Bánh đa nem <strong>"), html.index("đoạn cuối")
        _assert_harmless(html[start:end])  # the whole description is on the page, harmless


def test_migration_cleans_range_and_offer_descriptions_written_before(ocop_product):
    from oscar.test.factories import ConditionalOfferFactory, RangeFactory

    product_range = RangeFactory(name="Quà Tết", slug="qua-tet", is_public=True)
    offer = ConditionalOfferFactory(name="Giảm giá Tết", slug="giam-gia-tet")
    type(product_range).objects.filter(pk=product_range.pk).update(description=HOSTILE)
    type(offer).objects.filter(pk=offer.pk).update(description=HOSTILE)
    migration = importlib.import_module("catalogue.migrations.0041_clean_offer_descriptions")
    migration.clean_rows(apps, None)
    product_range.refresh_from_db()
    offer.refresh_from_db()
    _assert_harmless(product_range.description)
    _assert_harmless(offer.description)
