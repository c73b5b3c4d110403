"""Accounts under attack: lockout, request limits, secret emails, registration, logout.

Every test goes through the page a visitor uses (Django's test client on the
real URL). Addresses are set per request with REMOTE_ADDR.
"""

import re
import time
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.apps.communication.models import Email

from cms.models import FormField, FormPage
from storefront.partner.models import Partner
from storefront.partner.strategy import MY_STORE_COOKIE

pytestmark = pytest.mark.django_db

EMAIL = "lan@example.vn"
PASSWORD = "Gốm-Phù-Lãng-trên-bến-47"
LOGIN_URL = "/shop/accounts/login/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its commit (the emails) as the request ends."""

    def post(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


@pytest.fixture
def shopper(django_user_model):
    return django_user_model.objects.create_user("lan", EMAIL, PASSWORD)


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Every request of a test counts in the same window of django-ratelimit.

    Its windows are fixed slices of the clock (a minute for "60/m"): a test's
    60 searches that straddled a slice boundary started a fresh count, and the
    61st passed (seen in CI). The window now ends an hour after the test starts.
    """
    end = int(time.time()) + 3600
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: end)


def from_address(address: str, **kwargs) -> Client:
    return Client(REMOTE_ADDR=address, **kwargs)


def login(client: Client, email: str, password: str, path: str = LOGIN_URL):
    return client.post(
        path, {"login-username": email, "login-password": password, "login_submit": "1"}
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Login lockout ----------------------------------------------------------------


def test_five_wrong_passwords_lock_that_account_from_that_address(shopper, site_tree):
    attacker = from_address("203.0.113.7")
    for _ in range(4):
        assert login(attacker, EMAIL, "wrong-password").status_code == 200
    assert login(attacker, EMAIL, "wrong-password").status_code == 429  # the fifth locks

    response = login(attacker, EMAIL, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert 'data-testid="too-many-requests"' in page
    assert "Quá nhiều lần đăng nhập không thành công" in page
    assert reverse("password-reset") in page
    assert not signed_in(attacker)


def test_the_owner_signing_in_from_elsewhere_is_not_locked_out(shopper, site_tree):
    attacker = from_address("203.0.113.7")
    for _ in range(6):
        login(attacker, EMAIL, "wrong-password")

    owner = from_address("198.51.100.20")
    response = login(owner, EMAIL, PASSWORD)

    assert response.status_code == 302
    assert signed_in(owner)


def test_the_lockout_page_is_in_english_under_en(shopper, site_tree):
    attacker = from_address("203.0.113.7")
    for _ in range(5):
        login(attacker, EMAIL, "wrong-password", path="/en" + LOGIN_URL)

    response = login(attacker, EMAIL, PASSWORD, path="/en" + LOGIN_URL)

    assert response.status_code == 429
    assert "Too many unsuccessful sign-ins" in response.content.decode()


def test_one_address_trying_many_accounts_is_locked(django_user_model, shopper, site_tree):
    sprayer = from_address("203.0.113.8")
    for number in range(30):
        login(sprayer, f"khach{number}@example.vn", "matkhau123")

    assert login(sprayer, EMAIL, PASSWORD).status_code == 429
    assert login(from_address("198.51.100.20"), EMAIL, PASSWORD).status_code == 302


def test_a_locked_out_attempt_hashes_no_password(shopper, site_tree, monkeypatch):
    attacker = from_address("203.0.113.7")
    for _ in range(5):
        login(attacker, EMAIL, "wrong-password")
    hashed = []
    for method in ("encode", "verify"):
        original = getattr(MD5PasswordHasher, method)
        monkeypatch.setattr(
            MD5PasswordHasher,
            method,
            lambda self, *args, _original=original: hashed.append(1) or _original(self, *args),
        )

    for _ in range(20):
        assert login(attacker, EMAIL, "another-guess").status_code == 429
    assert hashed == []
    assert login(from_address("198.51.100.20"), EMAIL, PASSWORD).status_code == 302
    assert hashed  # the check above is not vacuous: a normal sign-in does hash


def test_a_successful_sign_in_forgets_only_that_accounts_failures(shopper, site_tree):
    client = from_address("203.0.113.9")
    for _ in range(4):
        login(client, EMAIL, "wrong-password")
    login(client, "someone@example.vn", "wrong-password")

    assert login(client, EMAIL, PASSWORD).status_code == 302
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["someone@example.vn"]


def test_failed_sign_ins_never_store_the_password_typed(shopper, site_tree):
    login(from_address("203.0.113.7"), EMAIL, "Bí-mật-sai-99")

    (attempt,) = AccessAttempt.objects.all()
    assert "Bí-mật-sai-99" not in attempt.post_data
    assert "login-password=****" in attempt.post_data


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/cms-admin/login/", ("username", "password")),
        ("/django-admin/login/", ("username", "password")),
    ],
)
def test_the_admin_sign_ins_are_locked_out_too(django_user_model, site_tree, path, fields):
    django_user_model.objects.create_superuser("bientap", "bt@ocop.local", PASSWORD)
    attacker = from_address("203.0.113.7")
    user_field, password_field = fields
    for _ in range(5):
        attacker.post(path, {user_field: "bientap", password_field: "wrong"})

    response = attacker.post(path, {user_field: "bientap", password_field: PASSWORD})

    assert response.status_code == 429
    assert 'data-testid="too-many-requests"' in response.content.decode()
    assert not signed_in(attacker)


# --- Request limits -------------------------------------------------------------


def test_password_reset_is_limited_per_address_and_per_email(shopper, site_tree):
    url = reverse("password-reset")
    first = from_address("203.0.113.7")
    for _ in range(5):
        assert first.post(url, {"email": EMAIL}).status_code == 302
    assert len(mail.outbox) == 5

    response = first.post(url, {"email": "other@example.vn"})
    assert response.status_code == 429
    assert "Vui lòng chờ vài phút" in response.content.decode()

    # The same address from elsewhere: per-email limit; another email from elsewhere: fine.
    second = from_address("198.51.100.20")
    assert second.post(url, {"email": EMAIL.upper()}).status_code == 429
    assert second.post(url, {"email": "other@example.vn"}).status_code == 302
    assert len(mail.outbox) == 5


def test_registration_is_limited_per_address(site_tree):
    client = from_address("203.0.113.7")
    url = reverse("customer:register")
    for number in range(10):
        response = client.post(url, _registration(f"moi{number}@example.vn"))
        assert response.status_code == 302
    response = client.post(url, _registration("moi-qua-han@example.vn"))

    assert response.status_code == 429
    assert not get_user_model().objects.filter(email="moi-qua-han@example.vn").exists()
    # The sign-in page's registration form counts against the same limit.
    response = client.post(LOGIN_URL, _registration("khac@example.vn", prefix="registration-"))
    assert response.status_code == 429
    assert from_address("198.51.100.20").post(url, _registration("x@example.vn")).status_code == 302


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
        FormField(sort_order=0, label="Nội dung", field_type="multiline", required=True)
    ]
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_contact_form_is_limited_per_address(contact_page):
    client = from_address("203.0.113.7")
    for _ in range(5):
        assert client.post(contact_page.url, {"noi_dung": "Xin chào"}).status_code == 200
    assert len(mail.outbox) == 5

    response = client.post(contact_page.url, {"noi_dung": "Thêm một lần"})

    assert response.status_code == 429
    assert len(mail.outbox) == 5
    assert client.get(contact_page.url).status_code == 200  # reading the page is not limited
    other = from_address("198.51.100.20")
    assert other.post(contact_page.url, {"noi_dung": "Xin chào"}).status_code == 200


def test_search_is_limited_per_address_generously(site_tree):
    client = from_address("203.0.113.7")
    for _ in range(60):
        assert client.get("/shop/search/", {"q": "banh"}).status_code == 200

    response = client.get("/en/shop/search/", {"q": "banh"})

    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert response["Retry-After"]
    assert from_address("198.51.100.20").get("/shop/search/", {"q": "banh"}).status_code == 200


def test_stripe_webhook_is_limited_per_address_with_a_json_answer(db):
    client = from_address("203.0.113.7")
    url = reverse("payment:stripe-webhook")
    for _ in range(300):
        assert client.post(url, "{}", content_type="application/json").status_code == 400

    response = client.post(url, "{}", content_type="application/json")

    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    other = from_address("198.51.100.20")
    assert other.post(url, "{}", content_type="application/json").status_code == 400


# --- Emails with secret links are never stored -------------------------------------


def test_password_reset_link_is_emailed_but_never_stored(shopper, site_tree):
    response = from_address("203.0.113.7").post(reverse("password-reset"), {"email": EMAIL})

    assert response.status_code == 302
    (sent,) = mail.outbox
    link = re.search(r"/password-reset/confirm/\S+/", sent.body).group(0)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    stored = list(Email.objects.values_list("subject", "body_text", "body_html"))
    assert not [row for row in stored if any(token in (text or "") for text in row)]
    assert not [row for row in stored if any(link in (text or "") for text in row)]


def test_dashboard_password_reset_is_not_stored_either(shopper, site_tree, django_user_model):
    staff = django_user_model.objects.create_superuser("admin", "admin@ocop.local", PASSWORD)
    client = Client()
    client.force_login(staff)

    response = client.post(reverse("dashboard:user-password-reset", kwargs={"pk": shopper.pk}))

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/password-reset/confirm/" in mail.outbox[0].body
    assert not Email.objects.filter(body_text__contains="/password-reset/confirm/").exists()


def test_other_account_emails_keep_their_history(shopper, site_tree):
    client = Client()
    client.force_login(shopper)
    new_password = "Nón-lá-làng-Chuông-2027"

    response = client.post(
        reverse("customer:change-password"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 302
    assert Email.objects.filter(user=shopper).count() == 1


# --- Registration does not tell who has an account ---------------------------------


def _registration(email: str, password: str = PASSWORD, prefix: str = "") -> dict:
    data = {f"{prefix}email": email, f"{prefix}password1": password, f"{prefix}password2": password}
    if prefix:
        data["registration_submit"] = "1"
    return data


def _visible(response) -> str:
    """The page as a visitor sees it, without the per-request tokens."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'nonce="[^"]+"', "", page)


@pytest.mark.parametrize("path", ["/shop/accounts/register/", LOGIN_URL])
def test_registering_an_existing_address_looks_exactly_like_a_new_one(
    shopper, site_tree, committed, path
):
    prefix = "registration-" if path == LOGIN_URL else ""
    existing = committed(
        from_address("203.0.113.7"),
        path,
        _registration(EMAIL, "Khác-hẳn-mật-khẩu-55", prefix),
        follow=True,
    )
    new = committed(
        from_address("203.0.113.8"),
        path,
        _registration("moi@example.vn", "Khác-hẳn-mật-khẩu-55", prefix),
        follow=True,
    )

    assert existing.redirect_chain == new.redirect_chain
    assert existing.status_code == new.status_code == 200
    assert _visible(existing) == _visible(new)
    assert "Hãy mở liên kết trong email" in _visible(new)
    shopper.refresh_from_db()
    assert shopper.check_password(PASSWORD)  # nothing changed for the owner
    owner_email, new_email = mail.outbox
    assert owner_email.to == [EMAIL] and "Ai đó vừa" in owner_email.body
    assert reverse("password-reset") in owner_email.body
    assert new_email.to == ["moi@example.vn"] and "/shop/accounts/confirm/" in new_email.body
    assert not Email.objects.exists()


def test_a_new_account_waits_for_its_confirmation(site_tree, committed):
    visitor = from_address("203.0.113.7")
    committed(visitor, "/shop/accounts/register/", _registration("moi@example.vn"))
    account = get_user_model().objects.get(email="moi@example.vn")
    assert not account.is_active and not signed_in(visitor)
    # Until confirmed, signing in fails with the same words as a wrong password.
    unconfirmed = login(visitor, "moi@example.vn", PASSWORD).content.decode()
    wrong = login(visitor, "nobody@example.vn", PASSWORD).content.decode()
    assert _errors(unconfirmed) == _errors(wrong) != []

    link = re.search(r"https?://\S+/shop/accounts/confirm/\S+/", mail.outbox[0].body).group(0)
    assert visitor.get(link).status_code == 200  # opening the link changes nothing
    account.refresh_from_db()
    assert not account.is_active
    refused = visitor.post(link, {"password": "not-the-one-chosen"})
    assert refused.status_code == 200
    account.refresh_from_db()
    assert not account.is_active

    response = visitor.post(link, {"password": PASSWORD})

    assert response.status_code == 302
    account.refresh_from_db()
    assert account.is_active and signed_in(visitor)
    again = Client().get(link)
    assert 'data-testid="confirm-link-invalid"' in again.content.decode()


def test_registering_a_pending_address_again_replaces_its_password_and_link(site_tree, committed):
    visitor = from_address("203.0.113.7")
    committed(visitor, "/shop/accounts/register/", _registration("moi@example.vn"))
    committed(
        visitor, "/shop/accounts/register/", _registration("moi@example.vn", "Mật-khẩu-mới-hẳn-88")
    )
    first, second = (
        re.search(r"https?://\S+/shop/accounts/confirm/\S+/", sent.body).group(0)
        for sent in mail.outbox
    )

    assert get_user_model().objects.filter(email="moi@example.vn").count() == 1
    assert 'data-testid="confirm-link-invalid"' in visitor.get(first).content.decode()
    assert visitor.post(second, {"password": PASSWORD}).status_code == 200  # old password
    assert visitor.post(second, {"password": "Mật-khẩu-mới-hẳn-88"}).status_code == 302


def _errors(page: str) -> list[str]:
    return re.findall(r'class="alert alert-danger[^"]*"[^>]*>(.*?)</div>', page, re.S)


def test_sign_in_error_is_the_same_for_unknown_and_known_addresses(shopper, site_tree):
    known = login(from_address("203.0.113.7"), EMAIL, "wrong-password").content.decode()
    unknown = login(from_address("203.0.113.8"), "ai@example.vn", "wrong-password").content.decode()
    assert _errors(known) == _errors(unknown) != []


def test_password_reset_page_answers_the_same_for_unknown_addresses(shopper, site_tree):
    known = from_address("203.0.113.7").post(
        reverse("password-reset"), {"email": EMAIL}, follow=True
    )
    unknown = from_address("203.0.113.8").post(
        reverse("password-reset"), {"email": "ai@example.vn"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert _visible(known) == _visible(unknown)
    assert len(mail.outbox) == 1


# --- Password strength --------------------------------------------------------------

WEAK_PASSWORDS = [
    "matkhau123",
    "bacninh2026",
    "ocop12345",
    "Mật khẩu 2026!",
    "anhyeuem2020",
    "iloveyou99",
    "Hanoi@2024",
    "quehuong88",
    "vietnam1975",
    "saigon2026hanoi",
    "password123",
    "12345678",
]


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_weak_passwords_are_refused_on_the_registration_page(site_tree, weak):
    response = from_address("203.0.113.7").post(
        "/shop/accounts/register/", _registration("moi@example.vn", weak)
    )

    assert response.status_code == 200
    assert "alert alert-danger" in response.content.decode()
    assert not get_user_model().objects.filter(email="moi@example.vn").exists()


@pytest.mark.parametrize("weak", WEAK_PASSWORDS)
def test_weak_passwords_are_refused_on_the_change_password_page(shopper, site_tree, weak):
    client = Client()
    client.force_login(shopper)

    response = client.post(
        reverse("customer:change-password"),
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )

    assert response.status_code == 200
    shopper.refresh_from_db()
    assert shopper.check_password(PASSWORD)


def test_the_refusal_names_the_guessable_words_in_vietnamese(shopper, site_tree):
    client = Client()
    client.force_login(shopper)
    response = client.post(
        reverse("customer:change-password"),
        {
            "old_password": PASSWORD,
            "new_password1": "Bắc-Ninh-2026",
            "new_password2": "Bắc-Ninh-2026",
        },
    )
    assert "quá dễ đoán" in response.content.decode()
    assert "bacninh" in response.content.decode()


def test_a_strong_vietnamese_passphrase_is_accepted(site_tree):
    response = from_address("203.0.113.7").post(
        "/shop/accounts/register/", _registration("moi@example.vn", "Gốm Bát Tràng men lam 1957")
    )
    assert response.status_code == 302


# --- Sign-out by POST only ------------------------------------------------------------


def test_sign_out_by_get_only_asks(shopper, site_tree):
    client = Client()
    client.force_login(shopper)

    response = client.get(reverse("customer:logout"))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert signed_in(client)


def test_sign_out_without_csrf_token_is_refused(shopper, site_tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)

    assert client.post(reverse("customer:logout")).status_code == 403
    assert signed_in(client)


def test_the_headers_sign_out_button_signs_out(shopper, site_tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)
    page = client.get(reverse("customer:summary"), follow=True).content.decode()
    form = re.search(
        r'<form class="logout-form" method="post" action="([^"]+)">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
        page,
    )
    assert form, "the header has a sign-out form"

    response = client.post(form.group(1), {"csrfmiddlewaretoken": form.group(2)})

    assert response.status_code == 302
    assert not signed_in(client)


@pytest.mark.parametrize("url_name", ["dashboard:logout", "wagtailadmin_logout", "admin:logout"])
def test_admin_sign_outs_refuse_get(django_user_model, site_tree, url_name):
    staff = django_user_model.objects.create_superuser("admin", "admin@ocop.local", PASSWORD)
    client = Client()
    client.force_login(staff)
    session_key = client.session.session_key

    assert client.get(reverse(url_name)).status_code == 405
    # (Wagtail drops the session cookie from any answer; the session itself must live on.)
    assert SessionStore(session_key).get("_auth_user_id") == str(staff.pk)


# --- The my-store cookie ---------------------------------------------------------------


@pytest.mark.parametrize("secure", [True, False])
def test_my_store_cookie_is_secure_with_secure_sessions(settings, site_tree, secure):
    settings.SESSION_COOKIE_SECURE = secure
    store = Partner.objects.create(name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh")

    response = Client().post(reverse("stores:choose", kwargs={"slug": store.slug}))

    cookie = response.cookies[MY_STORE_COOKIE]
    assert bool(cookie["secure"]) is secure
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


# --- Settings --------------------------------------------------------------------------


def test_manage_py_check_passes_with_and_without_a_shared_cache():
    """django-ratelimit's cache checks: Redis here; a first run (SQLite, no Redis) too."""
    import os
    import subprocess
    import sys

    from django.conf import settings
    from django.core.management import call_command

    call_command("check")  # this run's settings (Redis in CI)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "storefront.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- The checkout's sign-in ----------------------------------------------------------------


def _with_basket(address: str, product) -> Client:
    client = from_address(address)
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    return client


def _checkout_sign_in(client, password):
    return client.post(
        reverse("checkout:index"),
        {"username": EMAIL, "password": password, "options": "existing"},
    )


def test_signing_in_at_checkout_works_and_is_locked_out_like_the_sign_in_page(
    shopper, site_tree, product
):
    attacker = _with_basket("203.0.113.7", product)
    for _ in range(4):
        assert _checkout_sign_in(attacker, "wrong-password").status_code == 200
    assert _checkout_sign_in(attacker, "wrong-password").status_code == 429
    assert _checkout_sign_in(attacker, PASSWORD).status_code == 429
    assert not signed_in(attacker)

    owner = _with_basket("198.51.100.20", product)
    assert _checkout_sign_in(owner, PASSWORD).status_code == 302
    assert signed_in(owner)


@pytest.mark.parametrize("option", ["anonymous", "new"])
def test_the_checkout_does_not_tell_which_emails_have_accounts(shopper, site_tree, product, option):
    answers = []
    for address, email in (("203.0.113.7", EMAIL), ("203.0.113.8", "moi@example.vn")):
        client = _with_basket(address, product)
        response = client.post(reverse("checkout:index"), {"username": email, "options": option})
        answers.append((response.status_code, response["Location"].replace(quote(email), "…")))

    assert answers[0] == answers[1]
    assert answers[0][0] == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_registrations_of_one_new_address_at_once_make_one_account(site_tree):
    import threading

    from django.db import connections

    barrier = threading.Barrier(10)
    statuses = []

    def register(number):
        try:
            client = from_address(f"203.0.113.{number + 10}")
            barrier.wait()
            statuses.append(
                client.post(
                    "/shop/accounts/register/", _registration("cung@example.vn")
                ).status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 10
    assert get_user_model().objects.filter(email="cung@example.vn").count() == 1
