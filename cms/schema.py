"""schema.org objects for JSON-LD: Organization, Store, Place, Product and articles.

Each function returns a plain dict; `cms_tags.jsonld` serialises it safely
into a `<script type="application/ld+json">`. Prices and availability come
from Oscar's strategy, as on the product page, so search engines see what
checkout charges.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags

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


def product(product, request, *, purchase_info=None, url: str = "") -> dict:
    """A Product with its offer (price, availability) and its OCOP rating.

    The rating is the certificate in force (`ocop_stars` from
    catalogue.selectors, or the newest certificate in force): a schema.org
    Certification with a 1–5 rating, issued by the province or nationally.
    It is not an AggregateRating, which means customer reviews.
    """
    if purchase_info is None and request is not None and hasattr(request, "strategy"):
        purchase_info = request.strategy.fetch_for_product(product)
    image = product.primary_image() if hasattr(product, "primary_image") else None
    image_url = None
    original = getattr(image, "original", None)
    if original:
        image_url = _absolute(request, original.url)
    data = {
        "@context": CONTEXT,
        "@type": "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description or "")[:500],
        "sku": product.upc,
        "url": _absolute(request, url or product.get_absolute_url()),
        "image": image_url,
    }
    producer = getattr(product, "producer", None)
    if producer is not None:
        data["brand"] = {"@type": "Brand", "name": producer.name}
        data["manufacturer"] = {"@type": "Organization", "name": producer.name}
    if purchase_info is not None and purchase_info.price.exists:
        price = purchase_info.price
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        available = purchase_info.availability.is_available_to_buy
        data["offers"] = {
            "@type": "Offer",
            "price": str(int(amount)),
            "priceCurrency": price.currency,
            "availability": f"{CONTEXT}/{'InStock' if available else 'OutOfStock'}",
            "url": data["url"],
            "seller": {"@type": "Organization", "name": settings.OSCAR_SHOP_NAME},
        }
    certificate = _current_certificate(product)
    if certificate is not None:
        data["hasCertification"] = _clean(
            {
                "@type": "Certification",
                "name": f"OCOP {certificate.stars}★",
                "certificationIdentification": certificate.decision_number,
                "issuedBy": {
                    "@type": "GovernmentOrganization",
                    "name": certificate.get_issuing_authority_display(),
                },
                "validFrom": certificate.issue_date.isoformat(),
                "expires": certificate.valid_until.isoformat(),
                "certificationRating": {
                    "@type": "Rating",
                    "ratingValue": certificate.stars,
                    "bestRating": 5,
                    "worstRating": 1,
                },
            }
        )
        data["award"] = f"OCOP {certificate.stars}★"
    return _clean(data)


def _current_certificate(product):
    certificates = getattr(product, "certificates", None)
    if certificates is None:
        return None
    from catalogue.selectors import certificates_in_force

    return certificates_in_force().filter(product=product).order_by("-issue_date", "-id").first()
