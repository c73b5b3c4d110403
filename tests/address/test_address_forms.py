"""Vietnamese addresses and phone numbers in the account and checkout forms."""

import pytest
from django.utils import translation
from oscar.core.loading import get_class, get_model

from storefront.vietnam import InvalidPhone, normalise_phone

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
UserAddressForm = get_class("address.forms", "UserAddressForm")
ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Nguyễn Thị Hoa",
    "phone_number": "0912 345 678",
    "state": "Bắc Ninh",
    "line4": "Phường Từ Sơn",
    "line1": "12 Lý Thái Tổ",
}


@pytest.fixture
def vietnam(db):
    # Made by a data migration; recreated here after transactional tests flush it.
    return Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={"printable_name": "Việt Nam", "name": "Việt Nam", "is_shipping_country": True},
    )[0]


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912345678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("091.234.5678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("+84 (91) 234-5678", "+84912345678"),
        ("0362 123 456", "+84362123456"),
    ],
)
def test_phone_numbers_are_stored_in_e164(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize(
    "raw", ["", "091234567", "09123456789", "84912345678", "+1 202 555 0100", "0123456789", "abc"]
)
def test_phones_outside_the_vietnamese_shapes_are_refused(raw):
    with pytest.raises(InvalidPhone):
        normalise_phone(raw)


def test_checkout_address_has_vietnamese_fields_and_no_postcode(vietnam):
    form = ShippingAddressForm()
    assert list(form.fields)[:6] == [
        "first_name",
        "phone_number",
        "state",
        "line4",
        "line1",
        "line2",
    ]
    assert "postcode" not in form.fields and "last_name" not in form.fields
    assert "country" not in form.fields  # Vietnam is the only shipping country
    provinces = [value for value, _label in form.fields["state"].choices if value]
    assert len(provinces) == 34 and "Bắc Ninh" in provinces


def test_a_valid_address_saves_with_e164_phone(vietnam, django_user_model):
    user = django_user_model.objects.create_user("hoa", "hoa@example.vn", "pw-123456")
    form = UserAddressForm(user, data=VALID)
    assert form.is_valid(), form.errors
    address = form.save()
    assert address.phone_number.as_e164 == "+84912345678"
    assert (address.state, address.line4, address.country_id) == (
        "Bắc Ninh",
        "Phường Từ Sơn",
        "VN",
    )
    assert "Nguyễn Thị Hoa" in address.summary


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone_number", "12345"),
        ("phone_number", ""),
        ("state", "Atlantis"),
        ("state", ""),
        ("line4", ""),
        ("first_name", ""),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(vietnam, django_user_model, field, value):
    user = django_user_model.objects.create_user("hoa", "hoa@example.vn", "pw-123456")
    form = UserAddressForm(user, data={**VALID, field: value})
    assert not form.is_valid()
    assert field in form.errors
    assert UserAddress.objects.count() == 0


def test_phone_error_is_in_the_users_language(vietnam):
    data = {**VALID, "phone_number": "12345"}
    with translation.override("vi"):
        form = ShippingAddressForm(data=data)
        assert not form.is_valid()
        assert "số điện thoại di động" in form.errors["phone_number"][0]
    with translation.override("en"):
        form = ShippingAddressForm(data=data)
        assert not form.is_valid()
        assert "Vietnamese mobile number" in form.errors["phone_number"][0]


def test_english_labels_for_provinces(vietnam):
    with translation.override("en"):
        labels = dict(ShippingAddressForm().fields["state"].choices)
    assert labels["Bắc Ninh"] == "Bac Ninh"
    assert labels["Thành phố Hồ Chí Minh"] == "Ho Chi Minh City"
