"""A NUL character anywhere in a request is a clear 400, never a database error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/shop/search/?q=%00",
        "/shop/search/?q=b%C3%A1nh%00da",
        "/shop/catalogue/?q=%00&province=%00",
        "/shop/producers/?q=%00",
        "/v/OCOP%00/",
        "/en/shop/search/?q=%00",
        "/?%00=1",
    ],
)
def test_a_nul_in_the_address_is_refused_with_a_page_that_says_why(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 400
    text = response.content.decode()
    if url.startswith("/en/"):
        assert "null character" in text
    else:
        assert "ký tự rỗng" in text


def test_a_nul_in_a_posted_form_is_refused_and_nothing_happens(client, product):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": "1\x00"})
    assert response.status_code == 400
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_ordinary_searches_are_untouched(client, product):
    response = client.get("/shop/search/", {"q": "bánh đa"})
    assert response.status_code == 200
    assert "Bánh đa nem Thổ Hà" in response.content.decode()
