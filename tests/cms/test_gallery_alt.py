"""A craft village's gallery pictures are described in the page's language (#14).

Images are shared by every language and described once, in Vietnamese; each
language's page holds its own alt text per picture. An English page never reads
a picture out in Vietnamese: an alt text it did not translate gives way to the
English page's title and the picture's place in the gallery.
"""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection

from storefront.demo.images import render_product_image
from tests.cms.conftest import translate

pytestmark = pytest.mark.django_db

DESCRIPTION_VI = "Gốm sành Phù Lãng (minh họa)"
ALT_VI = "Chum gốm men da lươn bên lò"
ALT_EN = "A stoneware jar with eel-skin glaze beside the kiln"


@pytest.fixture
def picture(db):
    # Made by Wagtail's migrations; a transactional test elsewhere may have flushed it.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return WagtailImage.objects.create(
        title="Chum gốm",
        description=DESCRIPTION_VI,
        collection=collection,
        file=ImageFile(
            BytesIO(render_product_image(seed="jar", group=4, motif="vase")), name="chum.jpg"
        ),
    )


def _gallery(picture, alt: str) -> list[dict]:
    return [{"type": "image", "value": {"image": picture.pk, "decorative": False, "alt_text": alt}}]


def _publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def pages(village_page, en_locale, picture):
    village_page.gallery = _gallery(picture, ALT_VI)
    vi = _publish(village_page)
    en = translate(vi, en_locale, "phu-lang-pottery-village")
    en.title = "Phù Lãng pottery village"
    return vi, _publish(en)


def _alts(client, page) -> str:
    html = client.get(page.url).content.decode()
    start = html.index('class="gallery-grid"')
    return html[start : html.index("</ul>", start)]


def test_each_language_reads_the_alt_text_written_on_its_own_page(client, pages, picture):
    vi, en = pages
    en.gallery = _gallery(picture, ALT_EN)
    en = _publish(en)

    assert f'alt="{ALT_VI}"' in _alts(client, vi)
    english = _alts(client, en)
    assert f'alt="{ALT_EN}"' in english
    assert ALT_VI not in english and DESCRIPTION_VI not in english


def test_an_alt_text_copied_from_the_vietnamese_page_gives_way_to_the_english_title(client, pages):
    _vi, en = pages  # translated as Wagtail copies it: the Vietnamese alt text with it

    english = _alts(client, en)

    assert 'alt="Phù Lãng pottery village – picture 1 of 1"' in english
    assert ALT_VI not in english


@pytest.mark.parametrize("alt", ["", DESCRIPTION_VI])
def test_an_english_picture_without_its_own_alt_text_is_not_read_in_vietnamese(
    client, pages, picture, alt
):
    _vi, en = pages
    en.gallery = _gallery(picture, alt)
    en = _publish(en)

    english = _alts(client, en)

    assert 'alt="Phù Lãng pottery village – picture 1 of 1"' in english
    assert DESCRIPTION_VI not in english


def test_a_vietnamese_picture_without_alt_text_is_read_with_the_images_description(
    client, village_page, picture
):
    village_page.gallery = _gallery(picture, "")
    vi = _publish(village_page)

    assert f'alt="{DESCRIPTION_VI}"' in _alts(client, vi)


def test_a_decorative_picture_stays_silent_in_both_languages(client, pages, picture):
    vi, en = pages
    for page in (vi, en):
        page.gallery = [
            {"type": "image", "value": {"image": picture.pk, "decorative": True, "alt_text": ""}}
        ]
        page = _publish(page)
        assert 'alt=""' in _alts(client, page)
