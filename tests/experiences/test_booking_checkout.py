"""Booking through the checkout's pages: basket wording and limits, experience-only and
mixed baskets, the confirmation page and email (code, QR, .ics)."""

import datetime as dt
from email import message_from_bytes

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from oscar.core.loading import get_model

from storefront.experiences.models import Booking, Session
from tests.checkout.conftest import ADDRESS, priced_product  # noqa: F401  (fixture)

Order = get_model("order", "Order")

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def book_page(client, experience, day, *, adults=3, children=0, time="08:00"):
    """Choose a session and people on the product page's form and add them."""
    response = client.post(
        reverse("experience-book", args=[experience.product_id]),
        {"session": f"{day.isoformat()}T{time}", "adults": adults, "children": children},
    )
    assert response["Location"] == reverse("basket:summary"), client.get(response["Location"])
    return response


def checkout(client, *, method="day", email="lan@example.vn", guest=True, steps=None):
    """From the basket to the placed order's confirmation; returns the preview's page."""
    if guest:
        client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    for step in steps or []:
        step(client)
    payment = client.get(reverse("checkout:payment-method"), follow=True)
    assert payment.status_code == 200
    assert client.post(reverse("checkout:payment-method"), {"method": method}).status_code == 302
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview.get("Location")
    placed = client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "basket_id": preview.context["basket"].id},
    )
    assert placed["Location"] == reverse("checkout:thank-you"), text(placed)[:3000]
    return payment, preview


def test_the_basket_describes_lines_in_words_in_both_languages(client, experience, next_week):
    book_page(client, experience, next_week, adults=3, children=1)
    day = next_week.strftime("%d/%m/%Y")
    vi = text(client.get(reverse("basket:summary")))
    assert "Trải nghiệm làm gốm Phù Lãng — " in vi
    assert f"{day}, 08:00 · 3 người lớn" in vi and f"{day}, 08:00 · 1 trẻ em" in vi
    assert "Thứ " in vi and "Session =" not in vi
    en = text(client.get("/en" + reverse("basket:summary")))
    english_day = next_week.strftime("%a %-d %b %Y")
    assert f"{english_day}, 08:00 · 3 adults" in en and f"{english_day}, 08:00 · 1 child" in en


def _basket_formset(basket, quantities: dict) -> dict:
    lines = list(basket.all_lines())
    data = {
        "form-TOTAL_FORMS": len(lines),
        "form-INITIAL_FORMS": len(lines),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, line in enumerate(lines):
        data[f"form-{index}-id"] = line.id
        data[f"form-{index}-quantity"] = quantities.get(line.id, line.quantity)
    return data


def test_raising_people_in_the_basket_above_the_places_left_is_refused(
    client, experience, next_week
):
    Session.objects.create(
        experience=experience, date=next_week, starts_at=dt.time(8), capacity=6, booked=2
    )
    book_page(client, experience, next_week, adults=2)
    basket = client.get(reverse("basket:summary")).context["basket"]
    [line] = basket.all_lines()
    response = client.post(reverse("basket:summary"), _basket_formset(basket, {line.id: 5}))
    assert "Chỉ còn 4 chỗ" in text(response)
    line.refresh_from_db()
    assert line.quantity == 2
    # Within the places left it is accepted.
    client.post(reverse("basket:summary"), _basket_formset(basket, {line.id: 4}))
    line.refresh_from_db()
    assert line.quantity == 4


def test_adults_and_children_lines_share_the_places_when_changed_in_the_basket(
    client, experience, next_week
):
    book_page(client, experience, next_week, adults=3, children=2)  # 5 of 6 places
    basket = client.get(reverse("basket:summary")).context["basket"]
    adults = next(line for line in basket.all_lines() if line.quantity == 3)
    response = client.post(reverse("basket:summary"), _basket_formset(basket, {adults.id: 5}))
    assert "Chỉ còn 6 chỗ" in text(response)  # 5 adults + 2 children do not fit in 6
    adults.refresh_from_db()
    assert adults.quantity == 3


def test_an_experience_only_basket_pays_on_the_day_and_confirms_each_booking(
    client, experience, next_week, django_capture_on_commit_callbacks
):
    book_page(client, experience, next_week, adults=3, children=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payment, preview = checkout(client, method="day")
    steps = [step.label for step in payment.context["checkout_steps"]]
    assert [str(s) for s in steps] == ["Thanh toán", "Xác nhận"]
    assert "08:00 · 3 người lớn" in text(preview)
    order = Order.objects.get()
    booking = Booking.objects.get(order=order)
    assert (booking.adults, booking.children, booking.session.booked) == (3, 1, 4)
    assert order.total_incl_tax == 1050000 and order.shipping_address is None

    page = client.get(reverse("checkout:thank-you"))
    html = text(page)
    assert booking.code in html and 'aria-label="Mã QR của lượt đặt chỗ' in html
    assert "<svg" in html
    day = next_week.strftime("%d/%m/%Y")
    assert f"{day}, 08:00" in html and "3 người lớn · 1 trẻ em" in html
    assert "Nhà văn hoá thôn Phù Lãng, Quế Võ" in html
    assert experience.map_url.replace("&", "&amp;") in html
    assert "Quần áo gọn gàng" in html and "Huỷ miễn phí đến 48 giờ" in html
    assert "Vui lòng thanh toán tiền mặt cho chủ nhà" in html

    [message] = mail.outbox
    assert booking.code in message.body and f"{day}, 08:00" in message.body
    assert "Nhà văn hoá thôn Phù Lãng" in message.body and experience.map_url in message.body
    assert "Huỷ miễn phí đến 48 giờ" in message.body
    assert f'src="cid:booking-{booking.code}"' in message.alternatives[0][0]
    # multipart/mixed [related [alternative, QR], .ics]: the QR inline, the .ics a file.
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed.get_content_type() == "multipart/mixed"
    related, ics_part = parsed.get_payload()
    assert related.get_content_type() == "multipart/related"
    alternative, qr = related.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    assert (qr.get_content_type(), qr["Content-ID"]) == ("image/png", f"<booking-{booking.code}>")
    assert ics_part.get_content_type() == "text/calendar"
    assert ics_part.get_filename() == f"{order.number}.ics"

    calendar = Calendar.from_ical(ics_part.get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (next_week, 8, 0)
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert event.decoded("dtend") - start == dt.timedelta(minutes=180)
    assert str(event["uid"]).startswith(f"booking-{booking.code}@")
    assert booking.code in str(event["summary"])
    assert str(event["location"]) == "Nhà văn hoá thôn Phù Lãng, Quế Võ"
    assert "Quần áo gọn gàng" in str(event["description"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    raw = ics_part.get_payload(decode=True)
    assert all(len(line) <= 75 for line in raw.splitlines())  # folded as RFC 5545 says


def test_an_experience_can_be_paid_by_card(client, experience, next_week, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    book_page(client, experience, next_week, adults=2)
    # Stripe is only called after commit (not run here): the pages alone are tested.
    checkout(client, method="card")
    order = Order.objects.get()
    assert order.payment.method == "card" and order.status == "Awaiting payment"
    html = text(client.get(reverse("checkout:thank-you")))
    assert Booking.objects.get(order=order).code in html


def _deliver(client):
    client.post(reverse("checkout-fulfilment"), {"choice": "delivery"})
    assert client.post(reverse("checkout:shipping-address"), ADDRESS).status_code == 302
    client.post(reverse("checkout:shipping-method"), {"method_code": "delivery"})


@pytest.mark.parametrize("fulfilment", ["delivery", "pickup"])
def test_a_mixed_basket_delivers_or_hands_over_the_goods_and_books_the_places(
    client,
    experience,
    next_week,
    priced_product,  # noqa: F811  (the checkout's fixture, imported above)
    fulfilment,
):
    client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 2})
    book_page(client, experience, next_week, adults=2)
    store = priced_product.stockrecords.first().partner

    def _pickup(client):
        response = client.post(reverse("checkout-fulfilment"), {"choice": f"pickup:{store.slug}"})
        assert response.status_code == 302

    if fulfilment == "delivery":
        checkout(client, method="cod", steps=[_deliver])
    else:
        checkout(client, method="pickup", steps=[_pickup])
    order = Order.objects.get()
    assert order.fulfilment_type == fulfilment
    goods = order.lines.get(stockrecord__isnull=False)
    assert (goods.quantity, goods.num_allocated) == (2, 2)
    booking = Booking.objects.get(order=order)
    assert (booking.adults, booking.session.booked) == (2, 2)
    html = text(client.get(reverse("checkout:thank-you")))
    assert booking.code in html and "Tranh Đông Hồ" in html
