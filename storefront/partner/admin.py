from django.contrib import admin
from oscar.apps.partner.admin import *  # noqa: F403  (the fork re-exports what it does not override)
from oscar.apps.partner.admin import StockRecordAdmin as OscarStockRecordAdmin

from storefront.partner.models import StockRecord


class StockRecordAdmin(OscarStockRecordAdmin):
    """Quantities are shown, never edited: they change on the store's stock pages.

    The model would refuse the write anyway (StockRecord.save); read-only
    fields spare staff a form that cannot be saved.
    """

    readonly_fields = ("num_in_stock", "num_allocated")


admin.site.unregister(StockRecord)
admin.site.register(StockRecord, StockRecordAdmin)
