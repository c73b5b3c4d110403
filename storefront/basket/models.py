"""Basket fork: discounts land on lines in whole đồng.

Oscar's percentage offers compute each line's discount as price × percent,
which leaves fractions of a đồng on the line (15% of 33.333 ₫ = 4.999,95 ₫);
lines then carry fractional prices into the order. Every offer discount
passes through Line.discount, so rounding there (down, per storefront.money)
keeps every line, basket and order total whole.
"""

import zlib

from django.db import models
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from storefront.money import round_discount


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's lines, with what the strategy reads of each product loaded once.

        The strategy asks `Product.is_sellable` (the producer), the product
        class (does it track stock) and the product's stock records (which
        store sells it) of every line: without these, a query or more per line
        on every basket and checkout page. Stock levels read here only inform
        the page; placing the order re-reads them under row locks
        (storefront.partner.services).
        """
        if self.id is not None and self._lines is None:
            self._lines = (
                super()
                .all_lines()
                .select_related(
                    "product__producer",
                    "product__parent__producer",
                    "product__product_class",
                    "product__parent__product_class",
                    "product__experience",
                )
                .prefetch_related("product__stockrecords", "attributes__option")
            )
        return super().all_lines()

    def add_product(self, product, quantity=1, options=None):
        """Oscar's add, and for an experience a line without a stock record.

        An experience is sold by the place in a session, from no store
        (storefront.experiences); Oscar insists every line has a stock record,
        so its lines are made here, priced by the strategy from the line's
        options (adult or child ticket).
        """
        from storefront.experiences.services import experience_of

        if experience_of(product) is None:
            return super().add_product(product, quantity, options)
        options = options or []
        if not self.id:
            self.save()
        # The line's price depends on its options: ask the strategy as the basket will.
        probe = Line(basket=self, product=product)
        probe._option_values = {o["option"].code: o["value"] for o in options}
        info = self.strategy.fetch_for_line(probe)
        line, created = self.lines.get_or_create(
            line_reference=_experience_line_reference(product, options),
            product=product,
            stockrecord=None,
            defaults={
                "quantity": max(0, quantity),
                "price_excl_tax": info.price.excl_tax,
                "price_incl_tax": info.price.incl_tax,
                "price_currency": info.price.currency,
                "tax_code": info.price.tax_code,
            },
        )
        if created:
            for option in options:
                line.attributes.create(option=option["option"], value=option["value"])
        else:
            line.quantity = max(0, line.quantity + quantity)
            line.save()
        self.reset_offer_applications()
        return line, created

    add_product.alters_data = True
    add = add_product

    def is_quantity_allowed(self, qty, line=None):
        """Oscar's check of a line's new quantity; an experience line's session decides.

        Oscar sums the lines sharing the line's stock record and answers a
        refusal with stock wording; experience lines have no stock record, so
        it would sum every experience in the basket. Here the lines of the
        same session (adults and children share its places) are summed, and
        the strategy's BookedBySession says why not ("Only 4 places are left
        in this session"). `qty` is the change to the line, as Oscar's basket
        form passes it.
        """
        from storefront.experiences.services import experience_of

        if line is None or line.stockrecord_id or experience_of(line.product) is None:
            return super().is_quantity_allowed(qty, line)
        allowed, reason = super().is_quantity_allowed(qty)  # the basket's size limit
        if not allowed:
            return allowed, reason
        wanted = self.people_in_session(line) + qty
        return line.purchase_info.availability.is_purchase_permitted(wanted)

    def people_in_session(self, line) -> int:
        """People the basket holds in `line`'s session, over all its lines (this one included)."""
        from storefront.experiences.services import SESSION_OPTION, line_options

        key = line_options(line).get(SESSION_OPTION)
        return sum(
            other.quantity
            for other in self.all_lines()
            if other.product_id == line.product_id
            and line_options(other).get(SESSION_OPTION) == key
        )


def _experience_line_reference(product, options) -> str:
    # One line per session and ticket type; Oscar's reference needs a stock record.
    values = sorted((o["option"].code, str(o["value"])) for o in options)
    return f"{product.id}_x_{zlib.crc32(repr(values).encode('utf8'))}"


class Line(AbstractLine):
    # Empty for experiences, which are sold by the session and from no store
    # (Basket.add_product); every other line names the stock that fulfils it.
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.CASCADE,
        related_name="basket_lines",
        null=True,
        blank=True,
    )

    @property
    def description(self):
        """An experience line reads "Title — Thứ Ba 15/12/2026, 08:00 · 3 người lớn".

        Oscar's description lists the raw option values ("Buổi trải nghiệm /
        Session = '2026-12-15T08:00'"); every page showing a line uses this.
        """
        from storefront.experiences.wording import line_description

        return line_description(self, self.product.get_title()) or super().description

    def discount(self, discount_value, affected_quantity, incl_tax=True, offer=None):
        currency = self.price_currency or "VND"
        super().discount(
            round_discount(discount_value, currency), affected_quantity, incl_tax, offer
        )


from oscar.apps.basket.models import *  # noqa: E402, F403  (the rest stays Oscar's)
