"""A product page in the page cache shows the places left as they are after every booking."""

import pytest
from django.test import Client

from storefront import pagecache
from tests.experiences.conftest import place, to_preview

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.expire_pages()


def _anonymous_page(url) -> tuple[str, str]:
    response = Client().get(url)
    assert response.status_code == 200
    return response["X-Page-Cache"], response.content.decode()


def test_booking_and_cancelling_retire_the_cached_places(
    client, experience, next_week, django_capture_on_commit_callbacks
):
    url = experience.product.get_absolute_url()
    _anonymous_page(url)
    outcome, page = _anonymous_page(url)
    assert outcome == "hit" and "Còn 6 chỗ" in page and "Còn 2 chỗ" not in page

    with django_capture_on_commit_callbacks(execute=True):
        place(client, to_preview(client, experience, next_week, people=4))

    outcome, page = _anonymous_page(url)
    assert outcome == "miss" and "Còn 2 chỗ" in page

    from storefront.experiences.models import Booking
    from storefront.experiences.services import release_order_places

    with django_capture_on_commit_callbacks(execute=True):
        release_order_places(order=Booking.objects.get().order)
    outcome, page = _anonymous_page(url)
    assert outcome == "miss" and "Còn 2 chỗ" not in page
