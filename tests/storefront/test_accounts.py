"""Each account's language is remembered, so emails reach people in their language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from storefront.accounts import in_language_of, language_for
from storefront.models import AccountPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(django_user_model):
    return django_user_model.objects.create_user("lan", "lan@example.vn", "pw-123456")


def test_new_accounts_and_guests_get_vietnamese(shopper):
    assert language_for(shopper) == "vi"
    assert language_for(None) == "vi"


def test_browsing_in_english_is_remembered_for_the_account(client, shopper, site_tree):
    client.force_login(shopper)
    client.get("/en/shop/basket/")
    assert language_for(shopper) == "en"
    client.get("/shop/basket/")
    assert language_for(shopper) == "vi"


def test_the_preference_is_written_once_not_on_every_request(client, shopper, site_tree):
    client.force_login(shopper)
    url = "/en/shop/basket/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries if "storefront_accountpreference" in q["sql"]]


def test_anonymous_browsing_stores_nothing(client, site_tree):
    client.get("/en/")
    assert AccountPreference.objects.count() == 0


def test_emails_render_in_the_accounts_language_whoever_sends_them(shopper):
    AccountPreference.objects.create(user=shopper, language="en")
    with translation.override("vi"), in_language_of(shopper) as language:
        assert language == "en"
        assert translation.gettext("Full name") == "Full name"
    with translation.override("en"), in_language_of(shopper.__class__()) as language:
        assert language == "vi"  # an unsaved account has no preference yet
        assert translation.gettext("Full name") == "Họ và tên"
    with in_language_of(None, fallback="en") as language:
        assert language == "en"


def test_order_emails_follow_the_account_then_the_order(shopper):
    from types import SimpleNamespace

    from storefront.accounts import language_for_order

    guest_order = SimpleNamespace(user_id=None, payment=SimpleNamespace(language="en"))
    assert language_for_order(guest_order) == "en"
    member_order = SimpleNamespace(user_id=shopper.pk, payment=SimpleNamespace(language="vi"))
    assert language_for_order(member_order) == "vi"  # no preference stored yet
    AccountPreference.objects.create(user=shopper, language="en")
    assert language_for_order(member_order) == "en"


def test_ready_for_pickup_email_is_in_the_customers_language(shopper):
    from types import SimpleNamespace

    from storefront.order.services import ready_for_pickup_email

    AccountPreference.objects.create(user=shopper, language="en")
    order = SimpleNamespace(
        user_id=shopper.pk,
        email=shopper.email,
        number="100042",
        pickup_code="AB12CD",
        fulfilment_store=None,
    )
    with translation.override("vi"):
        message = ready_for_pickup_email(order)
    assert message.subject == "Your order 100042 is ready for pickup"
