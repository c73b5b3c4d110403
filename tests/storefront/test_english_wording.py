"""English under /en/ says "basket", as the shop's own strings do, never "cart" (#14).

Python's gettext finds Oscar's en_US catalogue for "en" ("Basket" → "Cart",
"Voucher" → "Coupon"); locale/oscar/en/ gives Oscar's own wording back.
"""

import re
from pathlib import Path

import oscar
import pytest
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation

from tests.language_purity import visible_text

pytestmark = pytest.mark.django_db

OSCAR_EN_US = Path(oscar.__file__).parent / "locale" / "en_US" / "LC_MESSAGES" / "django.po"
CART = re.compile(r"\bcarts?\b", re.IGNORECASE)


def test_every_string_oscars_american_catalogue_rewords_keeps_oscars_wording_in_english():
    with OSCAR_EN_US.open("rb") as po:
        reworded = [
            m for m in read_po(po) if m.id and not m.pluralizable and m.string and m.string != m.id
        ]
    assert any(m.id == "Basket" for m in reworded)  # what the catalogue is known to do

    with translation.override("en"):
        changed = [
            m.id
            for m in reworded
            if (translation.pgettext(m.context, m.id) if m.context else translation.gettext(m.id))
            != m.id
        ]

    assert not changed, "Add to locale/oscar/en/LC_MESSAGES/django.po (msgstr = msgid):\n" + (
        "\n".join(changed)
    )


def _english(client, path, **kwargs):
    response = client.get(path, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_the_english_basket_page_says_basket_in_its_title_header_and_buttons(
    client, site_tree, product
):
    with translation.override("en"):
        basket_url = reverse("basket:summary")
        add_url = reverse("basket:add", kwargs={"pk": product.pk})
        product_url = product.get_absolute_url()

    empty = _english(client, basket_url)
    assert re.search(r"<title>\s*Basket\b", empty)
    assert not CART.search(visible_text(empty))

    page = _english(client, product_url)
    assert "Add to basket" in visible_text(page)
    assert '<span class="label">Basket</span>' in page  # the header's link
    assert not CART.search(visible_text(page))

    response = client.post(add_url, {"quantity": 1}, follow=True)
    text = visible_text(response.content.decode())
    assert "has been added to your basket" in text
    assert not CART.search(text), CART.findall(text)

    full = _english(client, basket_url)
    assert re.search(r"<title>\s*Basket\b", full)
    assert not CART.search(visible_text(full))


def test_vietnamese_pages_keep_saying_gio_hang(client, site_tree, product):
    html = _english(client, reverse("basket:summary"))
    assert "Giỏ hàng" in html
