"""Oscar's basket forms, with the places of experiences checked on the way in.

Experiences (OCOP group 6) are booked by the place in a session: the basket
line's `session` and `ticket` options (storefront.experiences). Every way
into the basket goes through AddToBasketForm, so a session in the past,
closed or full, or a group above its limit, is refused here.
"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms
from oscar.apps.basket.forms import *  # noqa: F403  (the rest stays Oscar's)


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def __init__(self, basket, product, *args, companions: int = 0, **kwargs):
        # People the same submission adds in other lines of this session (the
        # booking form's adults, when this line is its children): they count
        # against the session's places as if already in the basket.
        self.companions = companions
        super().__init__(basket, product, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self._check_session(cleaned)
        return cleaned

    def _check_session(self, cleaned) -> None:
        """An experience's places: a session that exists, is open and has room.

        The places are only reserved when the order is placed, under the
        session's row lock (storefront.experiences.services); this says no
        early, in the shopper's language, to what cannot be booked now.
        """
        from storefront.experiences import calendar, services
        from storefront.experiences.models import parse_session_key

        experience = services.experience_of(self.product)
        if experience is None:
            return
        ticket = cleaned.get(services.TICKET_OPTION) or services.ADULT
        if ticket not in (services.ADULT, services.CHILD) or (
            ticket == services.CHILD and not experience.has_child_price
        ):
            raise forms.ValidationError(_("Choose an adult or a child ticket."), code="ticket")
        cleaned[services.TICKET_OPTION] = ticket
        parsed = parse_session_key(cleaned.get(services.SESSION_OPTION) or "")
        found = calendar.slot(experience, *parsed) if parsed else None
        if found is None:
            raise forms.ValidationError(_("Choose a session in the calendar."), code="session")
        people = cleaned["quantity"] + self._already_booked(found.key) + self.companions
        refusal = found.refusal(people) or (
            people > experience.max_people and services.check_group(experience, people)
        )
        if refusal:
            raise forms.ValidationError(refusal, code="places")

    def _already_booked(self, key: str) -> int:
        """People this basket already holds in the same session (adults and children)."""
        from storefront.experiences.services import SESSION_OPTION, line_options

        if not self.basket.id:
            return 0
        return sum(
            line.quantity
            for line in self.basket.all_lines()
            if line.product_id == self.product.id and line_options(line).get(SESSION_OPTION) == key
        )


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    """Oscar's one-click form on product cards, with the same option bounds."""


class QuantityInput(forms.NumberInput):
    """The basket's quantity box with a visible label and its limit in words.

    Oscar renders the box bare (no label: axe's critical "label" rule) and
    shows the limit only as the browser's tooltip for `max`. The label names
    the product for screen readers, as every line has a box of its own; the
    limit is tied to the box with aria-describedby.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.product_title = ""
        self.limit = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        box_id = attrs.get("id") or f"id_{name}"
        attrs["id"] = box_id
        limit = ""
        if self.limit:
            attrs["aria-describedby"] = f"{box_id}_limit"
            limit = format_html(
                '<small class="quantity-limit" id="{}_limit">{}</small>',
                box_id,
                _("Up to %(max)s") % {"max": self.limit},
            )
        label = format_html(
            '<label class="quantity-label" for="{}">{}<span class="sr-only"> ({})</span></label>',
            box_id,
            _("Quantity"),
            self.product_title,
        )
        box = super().render(name, value, attrs, renderer)
        return format_html("{}{}{}", label, box, limit)


class BasketLineForm(oscar_forms.BasketLineForm):
    """Oscar's line form; its quantity box says what it is and how many may be bought."""

    def __init__(self, strategy, *args, **kwargs):
        super().__init__(strategy, *args, **kwargs)
        field = self.fields["quantity"]
        widget = QuantityInput(attrs=field.widget.attrs)
        if self.instance.id:
            widget.product_title = self.instance.product.get_title()
            # Oscar's limit: the units available, capped by the basket's threshold.
            widget.limit = field.widget.attrs.get("max")
        field.widget = widget
