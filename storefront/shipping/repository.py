"""Shipping methods on offer: home delivery, and pickup at every store holding the basket."""

from oscar.apps.shipping import repository

from storefront.order.routing import pickup_stores
from storefront.shipping.methods import HomeDelivery, PickupAtStore


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        return [HomeDelivery(), *(PickupAtStore(store) for store in pickup_stores(basket))]
