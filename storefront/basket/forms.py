"""Oscar's add-to-basket forms, with bounds on the booking options of experiences.

Experiences (OCOP group 6) are booked for a date and a number of people
(product options `booking-date` and `people`, storefront.demo.steps). Oscar's
option fields accept any integer and any date, so a basket could hold −1
people or a trip in the past. Every way into the basket goes through these
forms, so the bounds live here.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms
from oscar.apps.basket.forms import *  # noqa: F403  (the rest stays Oscar's)

MAX_PEOPLE = 50
BOOKING_HORIZON_DAYS = 365


def _not_in_the_past(day) -> None:
    today = timezone.localdate()
    if day < today:
        raise forms.ValidationError(_("Choose today or a later date."), code="past")
    if (day - today).days > BOOKING_HORIZON_DAYS:
        raise forms.ValidationError(
            _("Bookings open at most a year ahead; choose an earlier date."), code="too_far"
        )


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def _add_option_field(self, product, option):
        super()._add_option_field(product, option)
        field = self.fields[option.code]
        if option.code == "people":
            field.min_value, field.max_value = 1, MAX_PEOPLE
            field.widget.attrs.update(min=1, max=MAX_PEOPLE)
            field.validators += [MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)]
            field.help_text = _("From 1 to %(max)d people.") % {"max": MAX_PEOPLE}
        elif isinstance(field, forms.DateField):
            field.validators.append(_not_in_the_past)


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    """Oscar's one-click form on product cards, with the same option bounds."""
