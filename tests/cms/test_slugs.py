"""Pages created in the Wagtail admin get transliterated ASCII slugs (issue #15):
"Hội chợ sản phẩm OCOP Bắc Ninh năm 2026" → hoi-cho-san-pham-ocop-bac-ninh-nam-2026."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import NewsIndexPage, NewsPage
from cms.slugs import VIETNAMESE_LETTERS, slug_formatters

pytestmark = pytest.mark.django_db

TITLE = "Hội chợ sản phẩm OCOP Bắc Ninh năm 2026"
SLUG = "hoi-cho-san-pham-ocop-bac-ninh-nam-2026"


@pytest.fixture
def editor(client, site_tree):
    user = get_user_model().objects.create_superuser("editor", "editor@ocop.local", "pw-editor-1")
    client.force_login(user)
    return client


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["home"]).get()


def add_page_form(client, parent) -> tuple[str, dict]:
    """The admin's add-page form for a news page under `parent`, as the browser gets it."""
    url = f"/cms-admin/pages/add/cms/newspage/{parent.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField's empty state, which the browser's script writes
    return url, data


def publish_without_slug(client, parent, title: str):
    url, data = add_page_form(client, parent)
    data["title"] = title
    data["slug"] = ""  # left empty, as when the browser's script did not fill it
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def test_publishing_without_a_slug_gives_the_transliterated_title(editor, news_index):
    response = publish_without_slug(editor, news_index, TITLE)

    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(title=TITLE)
    assert page.slug == SLUG
    assert page.live
    assert page.url == f"/tin-tuc/{SLUG}/"
    public = editor.get(page.url)
    assert public.status_code == 200
    assert TITLE in public.content.decode()


def test_d_with_stroke_becomes_d_and_a_taken_slug_gets_a_number(editor, news_index):
    for _ in range(2):
        assert publish_without_slug(editor, news_index, "Đêm hội Đông Hồ").status_code == 302

    slugs = sorted(NewsPage.objects.filter(title="Đêm hội Đông Hồ").values_list("slug", flat=True))
    assert slugs[0] == "dem-hoi-dong-ho"
    assert re.fullmatch(r"dem-hoi-dong-ho-\d", slugs[1])


def test_saving_a_draft_without_a_slug_gives_the_same_slug(editor, news_index):
    url, data = add_page_form(editor, news_index)
    data["title"] = TITLE
    data["slug"] = ""

    assert editor.post(url, data).status_code == 302
    page = NewsPage.objects.get(title=TITLE)
    assert (page.slug, page.live) == (SLUG, False)


def test_a_slug_typed_by_the_editor_is_kept(editor, news_index):
    url, data = add_page_form(editor, news_index)
    data.update({"title": TITLE, "slug": "hoi-cho-2026", "action-publish": "action-publish"})

    assert editor.post(url, data).status_code == 302
    assert NewsPage.objects.get(title=TITLE).slug == "hoi-cho-2026"


def test_a_slug_with_vietnamese_letters_is_refused_and_nothing_is_saved(editor, news_index):
    url, data = add_page_form(editor, news_index)
    data.update({"title": TITLE, "slug": "hội-chợ", "action-publish": "action-publish"})

    response = editor.post(url, data)
    assert response.status_code == 200
    # Django's own message for an ASCII slug, in the admin's language (Vietnamese here).
    assert "slug" in response.content.decode()
    assert response.context["form"].errors["slug"]
    assert not NewsPage.objects.filter(title=TITLE).exists()


def test_pages_made_in_code_without_a_slug_get_it_too(news_index):
    page = NewsPage(title="Tranh Đông Hồ ở Bắc Ninh")
    news_index.add_child(instance=page)

    assert Page.objects.get(pk=page.pk).slug == "tranh-dong-ho-o-bac-ninh"


def test_the_admin_slug_field_carries_a_map_for_every_vietnamese_letter(editor, news_index):
    html = editor.get(f"/cms-admin/pages/add/cms/newspage/{news_index.pk}/").content.decode()

    (attribute,) = re.findall(r'data-w-slug-formatters-value="([^"]+)"', html)
    formatters = json.loads(attribute.replace("&quot;", '"'))
    assert len(VIETNAMESE_LETTERS) == 67  # 12 vowels × 5 tone marks + 6 vowel letters + đ
    mapped = "".join(pattern[0] for pattern, _ in formatters)
    for letter in VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper():
        assert letter in mapped, letter
    # Applied as the browser does (in order, every match), the title becomes ASCII.
    ascii_title = TITLE
    for (pattern, flags), replacement in formatters:
        assert "g" in flags
        ascii_title = re.sub(pattern, replacement, ascii_title)
    assert ascii_title == "Hoi cho san pham OCOP Bac Ninh nam 2026"
    assert [base for _, base in slug_formatters()] == sorted("AEIOUYDaeiouyd")
