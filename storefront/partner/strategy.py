"""Which store's stock a shopper sees and buys from.

The shopper may pick "my store" (stores directory or product page); the choice
is kept in a cookie for a year so it survives signing out and new sessions.
With a store chosen, listings and the product page show that store's stock,
and fall back to the best-stocked store when it has none (delivery still
works). Without a choice the shop sells from the store with the most free
units of the product. The store an order is finally fulfilled from is decided
at placement (storefront.order.routing).
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from oscar.apps.partner import availability, prices
from oscar.apps.partner.strategy import *  # noqa: F403  (Oscar's strategy building blocks)
from oscar.apps.partner.strategy import NoTax, PurchaseInfo, StockRequired, Structured
from oscar.apps.partner.strategy import Selector as OscarSelector

MY_STORE_COOKIE = "ocop_store"
MY_STORE_MAX_AGE = 365 * 24 * 3600


def _stores_by_id() -> dict:
    from storefront.partner.models import Partner

    return {store.pk: store for store in Partner.objects.only("pk", "name", "code", "slug")}


def my_store(request):
    """The store the shopper chose, or None; looked up once per request."""
    if request is None:
        return None
    if not hasattr(request, "_ocop_my_store"):
        from storefront.partner.models import Partner

        slug = request.COOKIES.get(MY_STORE_COOKIE, "")
        request._ocop_my_store = Partner.objects.filter(slug=slug).first() if slug else None
    return request._ocop_my_store


def my_store_id(request) -> int | None:
    store = my_store(request)
    return store.pk if store else None


def remember_store(response, store) -> None:
    # Imported here so this cookie's rule stays within these two functions.
    from django.conf import settings

    # Secure exactly when the session cookie is (production: HTTPS only).
    response.set_cookie(
        MY_STORE_COOKIE,
        store.slug,
        max_age=MY_STORE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )


def forget_store(response) -> None:
    response.delete_cookie(MY_STORE_COOKIE, samesite="Lax")


class StoreAvailability(availability.StockRequired):
    """Oscar's stock rule, with a message that names the store."""

    def __init__(self, num_available, *, store_name: str, at_my_store: bool, my_store_name=""):
        super().__init__(num_available)
        self.store_name, self.at_my_store, self.my_store_name = (
            store_name,
            at_my_store,
            my_store_name,
        )

    @property
    def message(self) -> str:
        if self.num_available <= 0:
            return _("Out of stock")
        if self.at_my_store:
            return _("%(count)d left at %(store)s") % {
                "count": self.num_available,
                "store": self.store_name,
            }
        if self.my_store_name:
            return _("Out of stock at %(store)s; %(count)d available from other stores") % {
                "store": self.my_store_name,
                "count": self.num_available,
            }
        return _("In stock (%d available)") % self.num_available


class BookedBySession(availability.Base):
    """An experience: sold by the place in a session, not from a store's shelf.

    Without a session (product pages, cards) it is offered whenever it may be
    sold; a basket line names its session, and then only the places left in
    it (and the group limit) may be bought. Order placement checks again under
    the session's row lock (storefront.experiences.services).
    """

    # Its price is for one person: cards and pages say so ("300.000 ₫ / người").
    per_person = True

    def __init__(self, *, sellable: bool, slot=None, max_people: int | None = None, refusal=""):
        self.sellable, self.slot, self.max_people, self.refusal = (
            sellable,
            slot,
            max_people,
            refusal,
        )

    @property
    def code(self) -> str:
        return "available" if self.is_available_to_buy else "unavailable"

    @property
    def message(self) -> str:
        if not self.sellable:
            return _("Unavailable")
        if self.refusal:
            return self.refusal
        if self.slot is None:
            return _("Book a session")
        return _("%(count)d places left in this session") % {"count": self.slot.places_left}

    @property
    def is_available_to_buy(self) -> bool:
        if not self.sellable or self.refusal:
            return False
        return self.slot is None or self.slot.bookable

    def is_purchase_permitted(self, quantity):
        if not self.sellable:
            return False, _("This experience cannot be booked.")
        if self.refusal:
            return False, self.refusal
        if self.slot is None:
            return True, ""
        reason = self.slot.refusal(quantity)
        if reason:
            return False, reason
        if self.max_people and quantity > self.max_people:
            return False, _("At most %(count)d people can book together.") % {
                "count": self.max_people
            }
        return True, ""


class StoreStrategy(StockRequired, NoTax, Structured):
    def __init__(self, request=None, store_id: int | None = None):
        super().__init__(request)
        self.store_id = store_id
        self._stores = None

    def store_name(self, store_id: int) -> str:
        if self._stores is None:
            self._stores = _stores_by_id()
        store = self._stores.get(store_id)
        return store.display_name if store else ""

    def select_stockrecord(self, product):
        # .all() so stock records prefetched by listings cost no query.
        records = list(product.stockrecords.all())
        if not records:
            return None
        if self.store_id:
            for record in records:
                if record.partner_id == self.store_id and record.net_stock_level > 0:
                    return record
        return max(records, key=lambda r: (r.net_stock_level, -r.partner_id))

    def fetch_for_product(self, product, stockrecord=None):
        experience = experience_of(product)
        if experience is None:
            return super().fetch_for_product(product, stockrecord)
        return PurchaseInfo(
            price=_experience_price(experience.price_per_person),
            availability=BookedBySession(sellable=product.is_sellable),
            stockrecord=None,
        )

    def fetch_for_line(self, line, stockrecord=None):
        experience = experience_of(line.product)
        if experience is None:
            return super().fetch_for_line(line, stockrecord)
        # Imported here: the experiences app reads the strategy's module too.
        from storefront.experiences import calendar
        from storefront.experiences.models import parse_session_key
        from storefront.experiences.services import (
            CHILD,
            SESSION_OPTION,
            TICKET_OPTION,
            line_options,
        )

        options = line_options(line)
        child = options.get(TICKET_OPTION) == CHILD and experience.has_child_price
        parsed = parse_session_key(options.get(SESSION_OPTION, ""))
        found = calendar.slot(experience, *parsed) if parsed else None
        return PurchaseInfo(
            price=_experience_price(
                experience.child_price if child else experience.price_per_person
            ),
            availability=BookedBySession(
                sellable=line.product.is_sellable,
                slot=found,
                max_people=experience.max_people,
                refusal="" if found else _("This session no longer exists; choose another one."),
            ),
            stockrecord=None,
        )

    def availability_policy(self, product, stockrecord):
        # The shop's one rule of what may be sold (catalogue.models.ProductQuerySet):
        # Oscar's basket, checkout and order placement all ask this policy, so
        # a suspended producer's product cannot be bought by any path.
        if not stockrecord or not product.is_sellable:
            return availability.Unavailable()
        if not product.get_product_class().track_stock:
            return availability.Available()
        at_mine = bool(self.store_id) and stockrecord.partner_id == self.store_id
        return StoreAvailability(
            stockrecord.net_stock_level,
            store_name=self.store_name(stockrecord.partner_id),
            at_my_store=at_mine,
            my_store_name=self.store_name(self.store_id) if self.store_id and not at_mine else "",
        )


def _experience_price(amount) -> prices.FixedPrice:
    return prices.FixedPrice(currency="VND", excl_tax=amount, tax=Decimal("0"))


def experience_of(product):
    from storefront.experiences.services import experience_of as of

    return of(product)


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return StoreStrategy(request, store_id=my_store_id(request))
