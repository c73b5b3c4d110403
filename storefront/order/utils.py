"""Order placement: route the basket to a store and reserve its stock under row locks.

Oscar's OrderCreator checks availability without a lock and then adds to
`num_allocated` unconditionally, which oversells (Oscar #4524). Here every
line's stock record is locked (in stock-record order, as Oscar already sorts
them) and refused when it no longer holds enough; the refusal raises
UnableToPlaceOrder inside the order's transaction, so the whole order rolls
back and the checkout shows the message naming the product.

Such a refusal is `OrderRefused`: an ordinary answer to a shopper (someone
else bought the last unit), which the checkout logs as one INFO line, not as
an error with tracebacks.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder

from storefront.experiences import services as experiences
from storefront.order import routing
from storefront.order.models import Line, Order
from storefront.partner import services
from storefront.partner.strategy import my_store_id
from storefront.shipping.methods import store_of

OrderNumberGenerator = oscar_utils.OrderNumberGenerator
OrderDispatcher = oscar_utils.OrderDispatcher

PICKUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PICKUP_CODE_LENGTH = 6


def new_pickup_code() -> str:
    """Six characters from 32 (10⁹ codes); retried on the rare clash."""
    while True:
        code = "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))
        if not Order.objects.filter(pickup_code=code).exists():
            return code


class OrderRefused(UnableToPlaceOrder):
    """The basket cannot become an order as it is (sold out, not sold at the store).

    The message is for the shopper; nothing was written.
    """


class OrderCreator(oscar_utils.OrderCreator):
    def place_order(self, basket, total, shipping_method, shipping_charge, **kwargs):
        store = store_of(shipping_method)
        if store is not None:
            route = routing.route_pickup(basket, store)
            kwargs.setdefault("fulfilment_type", Order.Fulfilment.PICKUP)
            kwargs.setdefault("pickup_code", new_pickup_code())
        else:
            request = kwargs.get("request")
            route = routing.route_delivery(basket, my_store_id(request) if request else None)
            kwargs.setdefault("fulfilment_type", Order.Fulfilment.DELIVERY)
        for line in routing.goods_lines(basket):
            record = route.stockrecords.get(line.pk)
            if record is None:
                raise OrderRefused(
                    _("Sorry, “%(product)s” is not sold at %(store)s.")
                    % {
                        "product": line.product.get_title(),
                        "store": store.display_name if store else _("any store"),
                    }
                )
            # In memory only: Oscar copies the partner and stock record of
            # each order line from here.
            line.stockrecord = record
        kwargs.setdefault("fulfilment_store", route.store)
        kwargs["order_number"] = kwargs.get("order_number") or OrderNumberGenerator().order_number(
            basket
        )
        self._order_number = kwargs["order_number"]
        self._hand_goods_only_to_allocation(basket)
        has_experiences = any(
            experiences.experience_of(line.product) for line in basket.all_lines()
        )
        with transaction.atomic():
            try:
                order = super().place_order(
                    basket, total, shipping_method, shipping_charge, **kwargs
                )
            finally:
                # Every line again, as loaded (no query): the narrowing was for Oscar's loop.
                basket._lines = self._narrow[3]
            # Places in experience sessions, under the sessions' row locks; a
            # refusal rolls back the order with its stock allocations. A
            # basket of goods only (known before placement) costs no query here.
            if not has_experiences:
                return order
            try:
                experiences.reserve_for_order(order, language=(get_language() or "vi")[:2])
            except experiences.BookingRefused as error:
                raise OrderRefused(str(error)) from error
        return order

    def _hand_goods_only_to_allocation(self, basket) -> None:
        """Let Oscar's allocation loop see only the lines with stock records.

        Oscar creates the order lines from `basket.all_lines()`, then allocates
        stock over `sorted(basket.all_lines(), key=stockrecord_id)`: an
        experience line's empty stock record cannot be compared, so two
        experience lines (adults and children) or an experience with goods
        raised TypeError. Once the last order line is made (create_line_models),
        the basket's cached lines are narrowed to its goods for that loop;
        experiences allocate nothing there anyway (update_stock_records).
        """
        lines = list(basket.all_lines())
        self._narrow = (
            basket,
            lines[-1].pk if lines else None,
            routing.goods_lines(basket),
            basket.all_lines(),
        )

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        line = self._create_line_models(order, basket_line, extra_line_fields)
        narrow = getattr(self, "_narrow", None)
        if narrow and basket_line.pk == narrow[1]:
            basket, _last, goods, _every = narrow
            basket._lines = goods
        return line

    def _create_line_models(self, order, basket_line, extra_line_fields=None):
        if basket_line.stockrecord_id or experiences.experience_of(basket_line.product) is None:
            return super().create_line_models(order, basket_line, extra_line_fields)
        # An experience line has no stock record (Oscar requires one): its
        # host stands where a line's partner would, and it allocates no stock.
        product = basket_line.product
        order_line = Line._default_manager.create(
            order=order,
            partner=None,
            partner_name=product.producer.name if product.producer_id else "",
            partner_sku=product.upc or "",
            stockrecord=None,
            product=product,
            title=product.get_title(),
            upc=product.upc,
            quantity=basket_line.quantity,
            line_price_excl_tax=basket_line.line_price_excl_tax_incl_discounts,
            line_price_incl_tax=basket_line.line_price_incl_tax_incl_discounts,
            line_price_before_discounts_excl_tax=basket_line.line_price_excl_tax,
            line_price_before_discounts_incl_tax=basket_line.line_price_incl_tax,
            unit_price_incl_tax=basket_line.unit_price_incl_tax,
            unit_price_excl_tax=basket_line.unit_price_excl_tax,
            tax_code=basket_line.tax_code,
            num_allocated=0,
            **{"status": settings.OSCAR_INITIAL_LINE_STATUS, **(extra_line_fields or {})},
        )
        self.create_line_price_models(order, order_line, basket_line)
        self.create_line_attributes(order, order_line, basket_line)
        self.create_line_discount_models(order, order_line, basket_line)
        self.create_additional_line_models(order, order_line, basket_line)
        return order_line

    def update_stock_records(self, line):
        if line.stockrecord_id is None or not line.product.get_product_class().track_stock:
            return
        try:
            services.allocate_stock(
                stockrecord=line.stockrecord,
                quantity=line.quantity,
                order_number=self._order_number,
            )
        except services.OutOfStock as error:
            raise OrderRefused(str(error)) from error
