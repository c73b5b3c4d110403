"""Shipping methods on offer: home delivery, and pickup at every store holding the basket."""

from oscar.apps.shipping import repository

from storefront.order.routing import pickup_store_selling, pickup_stores
from storefront.shipping.methods import HomeDelivery, PickupAtStore


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        return [HomeDelivery(), *(PickupAtStore(store) for store in pickup_stores(basket))]

    def get_pickup_method(self, basket, *, slug: str):
        """The method for the pickup store the shopper chose, whatever its stock now.

        None when that store no longer sells every line. Stock is checked by
        the allocation under lock (storefront.order.utils), not here.
        """
        store = pickup_store_selling(basket, slug=slug)
        if store is None:
            return None
        methods = [PickupAtStore(store)]
        if basket.has_shipping_discounts:
            methods = self.apply_shipping_offers(basket, methods)
        return methods[0]
