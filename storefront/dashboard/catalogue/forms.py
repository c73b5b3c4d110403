"""Oscar's product dashboard forms, with the shop's stock and money rules.

Quantities change only through storefront.partner.services (row lock and a
movement record each time), so the product form shows the quantity but does
not save it; stock is changed on the store's stock page. Prices are whole đồng.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403  (the rest stays Oscar's)

from storefront.money import validate_whole_dong


class StockRecordForm(oscar_forms.StockRecordForm):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if "num_in_stock" in self.fields:
            quantity = self.fields["num_in_stock"]
            quantity.disabled = True
            quantity.required = False
            quantity.help_text = _(
                "Change quantities on the store's stock page, so every change is recorded."
            )
        if "price" in self.fields:
            self.fields["price"].validators.append(validate_whole_dong)
