"""Wagtail admin registrations: the choosers for shop records."""

from wagtail import hooks

from cms.viewsets import (
    craft_village_chooser_viewset,
    producer_chooser_viewset,
    product_chooser_viewset,
    store_chooser_viewset,
)


@hooks.register("register_admin_viewset")
def register_choosers():
    return [
        product_chooser_viewset,
        producer_chooser_viewset,
        craft_village_chooser_viewset,
        store_chooser_viewset,
    ]
