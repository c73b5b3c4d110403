"""Form pages reach staff; untranslated pages fall back clearly."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from cms.models import CraftVillageIndexPage, FormField, FormPage

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_page(site_tree):
    page = FormPage(
        title="Liên hệ",
        slug="lien-he",
        to_address="staff@ocop.local",
        from_address="shop@ocop.local",
        subject="Liên hệ",
    )
    page.form_fields = [
        FormField(sort_order=0, label="Họ và tên", field_type="singleline", required=True),
        FormField(sort_order=1, label="Nội dung", field_type="multiline", required=True),
    ]
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_contact_form_emails_staff_and_keeps_the_submission(client, contact_page):
    response = client.post(contact_page.url, {"ho_va_ten": "Nguyễn Văn A", "noi_dung": "Xin chào"})

    assert response.status_code == 200
    assert 'data-testid="form-thanks"' in response.content.decode()
    (email,) = mail.outbox
    assert email.to == ["staff@ocop.local"]
    assert "Nguyễn Văn A" in email.body
    assert FormSubmission.objects.filter(page=contact_page).count() == 1


def test_form_with_missing_required_field_is_shown_again(client, contact_page):
    response = client.post(contact_page.url, {"ho_va_ten": ""})

    assert 'data-testid="form-thanks"' not in response.content.decode()
    assert not mail.outbox
    assert not FormSubmission.objects.exists()


def test_english_index_lists_untranslated_pages_in_vietnamese(client, village_page, en_locale):
    index_en = CraftVillageIndexPage.objects.get(locale=en_locale)

    html = client.get(index_en.url).content.decode()
    assert village_page.title in html
    assert "Vietnamese only" in html


def test_page_without_translation_says_so(client, village_page):
    html = client.get(village_page.url).content.decode()

    assert 'data-testid="translation-missing"' in html


def test_language_switch_keeps_the_reader_on_the_page(client, village_page, en_locale):
    english = translate(village_page, en_locale, "phu-lang-pottery-village")

    html = client.get(village_page.url).content.decode()
    assert f'href="{english.url}"' in html
    assert 'data-testid="translation-missing"' not in html
