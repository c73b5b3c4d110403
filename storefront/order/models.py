"""Orders know how they reach the customer: delivered, or collected at a store."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class Order(AbstractOrder):
    class Fulfilment(models.TextChoices):
        DELIVERY = "delivery", _("Delivery")
        PICKUP = "pickup", _("Pickup at store")

    fulfilment_type = models.CharField(
        _("fulfilment"), max_length=16, choices=Fulfilment.choices, default=Fulfilment.DELIVERY
    )
    # The store that hands over (pickup) or ships (delivery) the order; empty
    # only when a delivery had to be split over several stores (see
    # storefront.order.routing).
    fulfilment_store = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fulfilment_orders",
        verbose_name=_("fulfilment store"),
    )
    # Short and unambiguous (no 0/O, 1/I) so it can be read out at the counter.
    pickup_code = models.CharField(
        _("pickup code"), max_length=8, unique=True, null=True, blank=True
    )
    ready_for_pickup_at = models.DateTimeField(_("ready for pickup at"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)

    @property
    def is_pickup(self) -> bool:
        return self.fulfilment_type == self.Fulfilment.PICKUP


class Line(AbstractLine):
    """Oscar's order line; an experience line describes its session and people in words.

    No field changes (no migration): the order confirmation, account and
    guest order pages, emails and dashboard print `line.description`, which
    for an experience reads "Title — Thứ Ba 15/12/2026, 08:00 · 3 người lớn"
    in the page's language instead of Oscar's raw option values.
    """

    @property
    def description(self):
        from storefront.experiences.wording import line_description

        return line_description(self, self.title) or super().description


from oscar.apps.order.models import *  # noqa: E402, F403  (Oscar's models we do not override)
