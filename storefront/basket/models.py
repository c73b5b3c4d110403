"""Basket fork: discounts land on lines in whole đồng.

Oscar's percentage offers compute each line's discount as price × percent,
which leaves fractions of a đồng on the line (15% of 33.333 ₫ = 4.999,95 ₫);
lines then carry fractional prices into the order. Every offer discount
passes through Line.discount, so rounding there (down, per storefront.money)
keeps every line, basket and order total whole.
"""

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
                )
                .prefetch_related("product__stockrecords")
            )
        return super().all_lines()


class Line(AbstractLine):
    def discount(self, discount_value, affected_quantity, incl_tax=True, offer=None):
        currency = self.price_currency or "VND"
        super().discount(
            round_discount(discount_value, currency), affected_quantity, incl_tax, offer
        )


from oscar.apps.basket.models import *  # noqa: E402, F403  (the rest stays Oscar's)
