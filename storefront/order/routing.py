"""Which store fulfils an order.

Rule (README, "Stores and inventory"):

- Pickup: the store the shopper chose; every line must be stocked there.
- Delivery: one store ships the whole basket when one can. The shopper's "my
  store" if it has every line in the quantity asked; otherwise, among the
  stores that have every line, the one with the most free units of the
  basket's products (so the busiest shelves empty last; ties go to the oldest
  store). When no single store can fill the basket, each line comes from the
  store with the most free units of that product and the order has no single
  fulfilment store.

The choice is read without locks; allocation then locks the chosen rows and
refuses the order if they no longer hold enough (storefront.partner.services).
"""

from collections import defaultdict
from dataclasses import dataclass

from storefront.partner.models import Partner, StockRecord


@dataclass
class Routing:
    store: Partner | None
    # basket line pk -> stock record that fulfils it
    stockrecords: dict[int, StockRecord]


def goods_lines(basket) -> list:
    """The lines a store fulfils: all but experiences, which are sold by the session."""
    from storefront.experiences.services import experience_of

    return [line for line in basket.all_lines() if experience_of(line.product) is None]


def _needs(basket) -> dict[int, int]:
    needs: dict[int, int] = defaultdict(int)
    for line in goods_lines(basket):
        needs[line.product_id] += line.quantity
    return needs


def _records_by_store(product_ids) -> dict[int, dict[int, StockRecord]]:
    by_store: dict[int, dict[int, StockRecord]] = defaultdict(dict)
    for record in StockRecord.objects.filter(product_id__in=product_ids).select_related(
        "partner", "product__product_class", "product__parent__product_class"
    ):
        by_store[record.partner_id][record.product_id] = record
    return by_store


def _tracks_stock(record: StockRecord) -> bool:
    return record.product.get_product_class().track_stock


def stores_holding(needs: dict[int, int], by_store) -> list[int]:
    """Store ids whose free stock covers every product in `needs`."""
    holding = []
    for store_id, records in by_store.items():
        if all(
            product_id in records
            and (
                not _tracks_stock(records[product_id]) or records[product_id].net_stock_level >= qty
            )
            for product_id, qty in needs.items()
        ):
            holding.append(store_id)
    return holding


def pickup_stores(basket) -> list[Partner]:
    """Pickup points that hold every line of the basket, nearest-name first."""
    needs = _needs(basket)
    if not needs:
        return []
    by_store = _records_by_store(needs)
    ids = stores_holding(needs, by_store)
    return list(
        Partner.objects.filter(pk__in=ids, is_pickup_point=True)
        .prefetch_related("opening_hours", "closures")
        .order_by("name")
    )


def pickup_store_selling(basket, *, slug: str) -> Partner | None:
    """The pickup point `slug` when it sells every line of the basket, else None.

    Deliberately blind to how many units are left: the shopper's choice of
    store must still resolve when its shelf empties between the checkout's
    checks and "Place order", so that placement reaches the allocation, which
    decides under the row lock and refuses with a clear message. (A choice
    that vanished there used to leave the order without a shipping method: a
    500.) `pickup_stores` is the stock-aware list offered to the shopper.
    """
    needs = _needs(basket)
    store = Partner.objects.filter(slug=slug, is_pickup_point=True).first() if needs else None
    if store is None:
        return None
    selling = set(
        StockRecord.objects.filter(partner=store, product_id__in=needs).values_list(
            "product_id", flat=True
        )
    )
    return store if selling >= set(needs) else None


def route_pickup(basket, store: Partner) -> Routing:
    lines = goods_lines(basket)
    # Only the basket's products: the store's whole shelf is tens of thousands of rows.
    records = {
        r.product_id: r
        for r in StockRecord.objects.filter(
            partner=store, product_id__in={line.product_id for line in lines}
        )
    }
    return Routing(
        store=store,
        stockrecords={
            line.pk: records[line.product_id] for line in lines if line.product_id in records
        },
    )


def route_delivery(basket, preferred_store_id: int | None = None) -> Routing:
    needs = _needs(basket)
    by_store = _records_by_store(needs)
    holding = stores_holding(needs, by_store)
    if holding:
        if preferred_store_id in holding:
            store_id = preferred_store_id
        else:
            store_id = max(
                holding,
                key=lambda sid: (
                    sum(by_store[sid][pid].net_stock_level for pid in needs),
                    -sid,
                ),
            )
        records = by_store[store_id]
        store = next(iter(records.values())).partner
        return Routing(
            store=store,
            stockrecords={line.pk: records[line.product_id] for line in goods_lines(basket)},
        )
    chosen = {}
    for line in goods_lines(basket):
        candidates = [
            recs[line.product_id] for recs in by_store.values() if line.product_id in recs
        ]
        if candidates:
            chosen[line.pk] = max(candidates, key=lambda r: (r.net_stock_level, -r.partner_id))
    return Routing(store=None, stockrecords=chosen)
