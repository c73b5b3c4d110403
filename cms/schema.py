"""schema.org objects for JSON-LD: Organization, Store, Place, Product, TouristTrip, articles.

Each function returns a plain dict; `cms_tags.jsonld` serialises it safely
into a `<script type="application/ld+json">`. Prices and availability come
from Oscar's strategy, as on the product page, so search engines see what
checkout charges.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags

from catalogue.selectors import product_with_certificates

CONTEXT = "https://schema.org"
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def _image_url(request, image, spec: str = "fill-1200x630") -> str | None:
    if image is None:
        return None
    return _absolute(request, image.get_rendition(spec).url)


def organization(request) -> dict:
    home = request.build_absolute_uri("/") if request is not None else "/"
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": settings.OSCAR_SHOP_NAME,
        "url": home,
        "logo": _absolute(request, static("img/logo.svg")),
        "areaServed": {"@type": "AdministrativeArea", "name": "Bắc Ninh, Việt Nam"},
    }


def _geo(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}


def _postal_address(address: str) -> dict | None:
    if not address:
        return None
    return {"@type": "PostalAddress", "streetAddress": address, "addressCountry": "VN"}


def _clean(data: dict) -> dict:
    """Drop empty values: validators flag empty strings and nulls."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def place(page, request) -> dict:
    village = page.craft_village
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Place",
            "name": page.title,
            "description": page.search_description or page.intro,
            "url": page.get_full_url(request),
            "image": _image_url(request, page.image),
            "address": _postal_address(page.address)
            or _postal_address(", ".join(filter(None, [village.commune, village.province]))),
            "geo": _geo(page.latitude, page.longitude),
        }
    )


def tourist_attraction(page, request) -> dict:
    data = place_like(page, request)
    data["@type"] = "TouristAttraction"
    return data


def place_like(page, request) -> dict:
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Place",
            "name": page.title,
            "description": page.search_description or page.intro,
            "url": page.get_full_url(request),
            "image": _image_url(request, page.image),
            "address": _postal_address(page.address),
            "geo": _geo(page.latitude, page.longitude),
        }
    )


def opening_hours_specification(hours: list[dict]) -> list[dict]:
    """Turn the stores selector's opening hours into schema.org specifications.

    Accepts entries with `weekday` (0 = Monday) or `day` (a name), and
    `opens`/`closes` as times or "HH:MM" strings; closed days are left out.
    """
    specs = []
    for entry in hours:
        if entry.get("closed"):
            continue
        day = entry.get("day")
        if day is None and entry.get("weekday") is not None:
            day = DAYS[int(entry["weekday"])]
        opens, closes = entry.get("opens"), entry.get("closes")
        if not (day and opens and closes):
            continue
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"{CONTEXT}/{day}",
                "opens": str(opens)[:5],
                "closes": str(closes)[:5],
            }
        )
    return specs


def store(page, details, request) -> dict:
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Store",
            "name": details.name,
            "description": page.search_description or page.intro,
            "url": page.get_full_url(request),
            "image": _image_url(request, page.image),
            "telephone": details.phone,
            "address": _postal_address(details.address),
            "geo": _geo(details.latitude, details.longitude),
            "openingHoursSpecification": opening_hours_specification(details.opening_hours),
            "parentOrganization": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
        }
    )


def news_article(page, request) -> dict:
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": page.title,
            "description": page.search_description or page.intro,
            "datePublished": page.date.isoformat(),
            "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
            "url": page.get_full_url(request),
            "image": _image_url(request, page.image),
            "publisher": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
        }
    )


# The certificate argument of `product` when the caller has not read it.
_LOOK_UP = object()


def offer(*, price: int, currency: str, available: bool, url: str, **extra) -> dict:
    """One schema.org Offer: a price in whole units of `currency` (đồng) and its availability.

    `extra` adds properties as they are, e.g. for one session of an experience
    (`availabilityStarts`, `inventoryLevel`, `validThrough`).
    """
    return _clean(
        {
            "@type": "Offer",
            "price": str(int(price)),
            "priceCurrency": currency,
            "availability": f"{CONTEXT}/{'InStock' if available else 'OutOfStock'}",
            "url": url,
            "seller": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
            **extra,
        }
    )


def strategy_offer(purchase_info, *, url: str) -> dict | None:
    """The Offer of what the product page sells, from Oscar's strategy purchase info.

    The same `purchase_info` the page shows (price incl. tax when known,
    availability to buy), so search engines see what checkout charges.
    """
    if purchase_info is None or not purchase_info.price.exists:
        return None
    price = purchase_info.price
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return offer(
        price=int(amount),
        currency=price.currency,
        available=purchase_info.availability.is_available_to_buy,
        url=url,
    )


def certification(certificate) -> dict:
    """An OCOP certificate as a schema.org Certification.

    Certification (schema.org, with `hasCertification`) is made for exactly
    this: an official statement about a product by an authority, with its
    identifier (the decision number), a rating (the stars, out of 5), the
    issuing body, and the dates it is valid. It is not an AggregateRating,
    which means customer reviews, nor a bare additionalProperty, which would
    lose the issuer and the dates. `expires` is the first day it is no longer
    valid (`expiry_date`; the page shows the day before as "valid until").
    """
    return _clean(
        {
            "@type": "Certification",
            "name": f"OCOP {certificate.stars}★",
            "certificationIdentification": certificate.decision_number,
            "certificationStatus": f"{CONTEXT}/CertificationActive",
            "issuedBy": {
                "@type": "GovernmentOrganization",
                "name": certificate.get_issuing_authority_display(),
            },
            "validFrom": certificate.issue_date.isoformat(),
            "expires": certificate.expiry_date.isoformat(),
            "certificationRating": {
                "@type": "Rating",
                "ratingValue": certificate.stars,
                "bestRating": 5,
                "worstRating": 1,
            },
        }
    )


def product(
    product,
    request,
    *,
    purchase_info=None,
    certificate=_LOOK_UP,
    experience: bool = False,
    offers: list[dict] | None = None,
    url: str = "",
) -> dict:
    """A product page's JSON-LD: a Product, or a TouristTrip for an experience.

    Product: name, description, image, code, brand and manufacturer (the
    producer), one Offer (price in whole đồng and availability from Oscar's
    strategy, as the page shows) and the OCOP certificate in force
    (`hasCertification`). `certificate` is the one the page shows (3★+ in
    force) or None; when not given it is read here.

    TouristTrip (an OCOP group 6 experience): the producer is its `provider`
    (the host); the certificate is `subjectOf`, since schema.org defines
    `hasCertification` on products, organisations, services, places and
    people but not on trips, while a Certification is a CreativeWork any
    Thing may be the subject of. `offers` replaces the single strategy offer,
    e.g. with one Offer per upcoming session (see `offer`).
    """
    if purchase_info is None and not offers and request is not None:
        strategy = getattr(request, "strategy", None)
        if strategy is not None:
            # As Oscar's purchase_info_for_product tag, which the page uses.
            fetch = strategy.fetch_for_parent if product.is_parent else strategy.fetch_for_product
            purchase_info = fetch(product)
    image = product.primary_image() if hasattr(product, "primary_image") else None
    image_url = None
    original = getattr(image, "original", None)
    if original:
        image_url = _absolute(request, original.url)
    page_url = _absolute(request, url or product.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "TouristTrip" if experience else "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description or "")[:500],
        "url": page_url,
        "image": image_url,
    }
    producer = getattr(product, "producer", None)
    if experience:
        if producer is not None:
            data["provider"] = {"@type": "Organization", "name": producer.name}
    else:
        data["sku"] = product.upc
        if producer is not None:
            data["brand"] = {"@type": "Brand", "name": producer.name}
            data["manufacturer"] = {"@type": "Organization", "name": producer.name}
    if offers:
        data["offers"] = list(offers)
    else:
        data["offers"] = strategy_offer(purchase_info, url=page_url)
    if certificate is _LOOK_UP:
        certificate = _current_certificate(product)
    if certificate is not None:
        if experience:
            data["subjectOf"] = certification(certificate)
        else:
            data["hasCertification"] = certification(certificate)
            data["award"] = f"OCOP {certificate.stars}★"
    return _clean(data)


def _current_certificate(product):
    """The certificate the product page shows: the latest in force, if it is 3★ or more."""
    return product_with_certificates(product)["badge"]
