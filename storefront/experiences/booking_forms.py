"""The product page's booking form: a session, adults and (when priced) children.

It only asks what the shopper wants; whether the session can take them is
Oscar's add-to-basket form's rule (storefront.basket.forms.AddToBasketForm),
which every line goes through, and placement checks again under the
session's row lock.
"""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from storefront.experiences.models import Experience
from storefront.experiences.services import SESSION_OPTION, check_group, line_options


def people_in_basket(basket, product, key: str) -> int:
    """Places this basket already holds in the session named `key` (adults and children)."""
    if basket is None or not basket.id:
        return 0
    return sum(
        line.quantity
        for line in basket.all_lines()
        if line.product_id == product.id and line_options(line).get(SESSION_OPTION) == key
    )


class BookingForm(forms.Form):
    session = forms.CharField(
        label=_("Session"),
        error_messages={"required": _("Choose a session in the calendar.")},
    )
    adults = forms.IntegerField(label=_("Adults"), min_value=0, initial=1)
    children = forms.IntegerField(label=_("Children"), min_value=0, initial=0, required=False)

    def __init__(self, *args, experience: Experience, basket=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.experience, self.basket = experience, basket
        for name in ("adults", "children"):
            field = self.fields[name]
            field.max_value = experience.max_people
            field.validators.append(MaxValueValidator(experience.max_people))
            field.widget.attrs.update(min=0, max=experience.max_people, inputmode="numeric")
        if not experience.has_child_price:
            # Children pay the adult price: everyone is counted as an adult.
            del self.fields["children"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        adults, children = cleaned.get("adults") or 0, cleaned.get("children") or 0
        cleaned["children"] = children
        people = adults + children
        if not people:
            raise forms.ValidationError(_("Choose how many people are coming."), code="people")
        already = people_in_basket(self.basket, self.experience.product, cleaned["session"])
        refusal = check_group(self.experience, people + already)
        if refusal:
            raise forms.ValidationError(refusal, code="group")
        return cleaned

    def tickets(self) -> list[tuple[str, int]]:
        """(ticket, people) for each line to add: adults first, then children."""
        from storefront.experiences.services import ADULT, CHILD

        wanted = [(ADULT, self.cleaned_data["adults"]), (CHILD, self.cleaned_data["children"])]
        return [(ticket, count) for ticket, count in wanted if count]


def booking_total(experience: Experience, *, adults: int, children: int) -> int:
    """What the places cost, in đồng: the price per person × adults + the child price × children."""
    child_price = experience.child_price if experience.has_child_price else None
    price = int(experience.price_per_person)
    return price * adults + int(child_price if child_price is not None else price) * children
