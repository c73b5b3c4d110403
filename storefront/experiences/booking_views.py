"""The shopper's booking actions: add places to the basket, cancel a booking.

Thin: the rules are Oscar's add-to-basket form (storefront.basket.forms) and
storefront.experiences.services; these views only run them and say the
outcome in the shopper's language.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.apps.basket.signals import basket_addition

from catalogue.models import Product
from storefront.basket.forms import AddToBasketForm
from storefront.experiences import booking_emails, services, wording
from storefront.experiences.booking_forms import BookingForm
from storefront.experiences.models import Booking


class _Refused(Exception):
    """A booking submission that adds nothing; the message is for the shopper."""


def _back_to_product(product, data) -> str:
    kept = {key: data[key] for key in ("session", "adults", "children") if data.get(key)}
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{product.get_absolute_url()}{query}#booking"


@require_POST
def book(request, pk: int):
    """Add the chosen places as basket lines: adults, and children when priced; all or none.

    Each line goes through Oscar's add-to-basket form, the rule every add
    follows; the children's line counts the adults' places of the same
    submission, so two lines cannot together take more than the session has.
    """
    product = get_object_or_404(Product, pk=pk)
    experience = services.experience_of(product)
    if experience is None:
        raise Http404
    if request.POST.get("action") == "total":
        # "Show total" without script: the product page works the total out
        # from the choice in its address (and says what is still missing).
        return redirect(_back_to_product(product, request.POST))
    basket = request.basket
    form = BookingForm(request.POST, experience=experience, basket=basket)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back_to_product(product, request.POST))
    session = form.cleaned_data["session"]
    line_forms, companions = [], 0
    for ticket, count in form.tickets():
        line_form = AddToBasketForm(
            basket,
            product,
            {"quantity": count, services.SESSION_OPTION: session, services.TICKET_OPTION: ticket},
            companions=companions,
        )
        if not line_form.is_valid():
            for errors in line_form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(_back_to_product(product, request.POST))
        line_forms.append(line_form)
        companions += count
    with transaction.atomic():
        for line_form in line_forms:
            basket.add_product(
                product, line_form.cleaned_data["quantity"], line_form.cleaned_options()
            )
    basket_addition.send(sender=book, product=product, user=request.user, request=request)
    parsed = services.parse_session_key(session)
    messages.success(
        request,
        _("Added to your basket: %(product)s, %(when)s · %(people)s.")
        % {
            "product": product.get_title(),
            "when": wording.session_label(*parsed),
            "people": wording.people_label(
                adults=form.cleaned_data["adults"], children=form.cleaned_data["children"]
            ),
        },
    )
    return redirect("basket:summary")


def owns_order(request, order) -> bool:
    """The signed-in owner, or for a guest order whoever holds its link's hash."""
    if order.user_id:
        return request.user.is_authenticated and request.user.pk == order.user_id
    return order.check_verification_hash(request.POST.get("hash", ""))


def order_page_url(order, guest_hash: str = "") -> str:
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": guest_hash})


@require_POST
def cancel(request, code: str):
    """The customer cancels a booking within the rule; outside it, the page says why not.

    Anyone but the order's owner gets a 404: the code says nothing about
    whether such a booking exists.
    """
    booking = get_object_or_404(
        Booking.objects.select_related("order", "session__experience__product"), code=code
    )
    order = booking.order
    if not owns_order(request, order):
        raise Http404
    try:
        services.cancel_booking(booking=booking)
    except services.BookingRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(order_page_url(order, request.POST.get("hash", "")))
    outcome = services.settle_cancelled_booking(
        booking=booking, user=request.user if request.user.is_authenticated else None
    )
    booking_emails.send_booking_cancelled(booking=booking, outcome=outcome)
    messages.success(
        request,
        _("Booking %(code)s is cancelled; its places are free for others.")
        % {"code": booking.code},
    )
    return redirect(order_page_url(order, request.POST.get("hash", "")))
