"""Thin fork of Oscar's catalogue: only the models we change are declared here.

Custom models must be declared before the star-import of Oscar's models, or
Django sees two models with the same name.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet
from wagtail.search import index

from catalogue.richtext import clean_html
from catalogue.uploads import RandomName, private_storage, validate_evidence_file
from storefront.text import fold, nfc, vocabulary_words


class CraftVillage(models.Model):
    """A craft village (làng nghề) that producers belong to.

    Lives in the catalogue so producers and products can point at it; the
    Wagtail craft village page (cms) points at this record, which is how a
    product links to its village page and the page lists the village's
    producers without anyone keeping two lists.
    """

    name = models.CharField(_("name"), max_length=128)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    crafts = models.CharField(_("crafts"), max_length=255, blank=True)
    commune = models.CharField(_("commune/ward"), max_length=128, blank=True)
    province = models.CharField(_("province"), max_length=64, default="Bắc Ninh")

    class Meta:
        ordering = ["name"]
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")

    def __str__(self) -> str:
        return self.name


# Score band (inclusive) of each star level.
STAR_BANDS = {1: (0, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}
VALIDITY_MONTHS = 36
EXPIRING_DAYS = 30
# Only 3★ and above are recognised OCOP products and get the badge.
OCOP_MIN_STARS = 3


class LegalForm(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    HOUSEHOLD = "household", _("Household business")


class ProductGroup(models.IntegerChoices):
    """The six current OCOP product groups (Decisions 919/QĐ-TTg 2022, 148/QĐ-TTg 2023)."""

    FOOD = 1, _("Food")
    BEVERAGES = 2, _("Beverages")
    HERBAL = 3, _("Medicinal herbs and herbal products")
    HANDICRAFTS = 4, _("Handicrafts")
    ORNAMENTAL = 5, _("Ornamental plants and animals")
    TOURISM = 6, _("Community tourism and tourist-spot services")


class Producer(models.Model):
    """A registered OCOP producer ("chủ thể OCOP").

    Only a verified producer's products are shown to the public; suspending a
    producer hides its products everywhere at once (see
    catalogue.selectors.browsable_products).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    tax_code = models.CharField(
        _("registration/tax code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[0-9]{10}(-[0-9]{3})?$|^[0-9A-Z]{6,14}$", _("Enter a valid code."))
        ],
        help_text=_("Tax code (10 digits, or 10-3 for a branch) or household business number."),
    )
    province = models.CharField(_("province"), max_length=64, default="Bắc Ninh")
    commune = models.CharField(_("commune/ward"), max_length=128)
    # Districts were abolished on 1 July 2025; older certificates still print one.
    old_district = models.CharField(
        _("district (as on older certificates)"), max_length=128, blank=True
    )
    address = models.CharField(_("address"), max_length=255)
    contact_person = models.CharField(_("contact person"), max_length=128)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="producers/logos/", blank=True)
    craft_village = models.ForeignKey(
        CraftVillage,
        verbose_name=_("craft village"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="producers",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ProducerMembership",
        related_name="producers",
        verbose_name=_("members"),
    )
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ocop:producer-detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    def clean(self):
        for field in ("name", "address", "description_vi", "description_en", "commune"):
            value = getattr(self, field, None)
            if isinstance(value, str):
                setattr(self, field, nfc(value))
        super().clean()


class ProducerMembership(models.Model):
    """A user who may maintain a producer's listings in the producer portal."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_memberships"
    )

    class Meta:
        verbose_name = _("producer member")
        verbose_name_plural = _("producer members")
        constraints = [
            models.UniqueConstraint(fields=["producer", "user"], name="unique_producer_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.producer}"


class ProductQuerySet(OscarProductQuerySet):
    """Oscar's product queries, with the shop's one rule of what the public may see and buy.

    A product is sellable when it is published (`is_public`) and its producer
    is verified; a product without a producer, or whose producer is pending or
    suspended, is neither listed, shown nor sold. Oscar calls `public()` and
    `browsable()` from its own pages (ranges, offers, recently viewed, alerts,
    children), our listings and search start from them, and the strategy
    (storefront.partner.strategy) asks `Product.is_sellable` before offering
    anything for sale, so basket and checkout obey the same rule.
    """

    def public(self):
        return self.filter(is_public=True, producer__status=Producer.Status.VERIFIED)

    def browsable(self):
        # Every page that lists browsable products asks the strategy, and so
        # `is_sellable`, of each: the producer comes on the join the filter
        # already makes, not in a query per product (recently viewed, ranges).
        return self.public().filter(parent=None).select_related("producer")


class Product(index.Indexed, AbstractProduct):
    # Accent-folded copy of the searchable text ("banh da nem"), so the
    # search box matches with or without diacritics on SQLite and PostgreSQL
    # alike, without database extensions.
    search_text = models.TextField(_("Search text"), blank=True, editable=False)

    # For a search server (settings.OCOP_PRODUCT_SEARCH_BACKEND), through
    # Wagtail's search framework. The database search reads search_text itself,
    # so without a server no index is written on every save.
    search_fields = [index.SearchField("search_text")]
    search_auto_update = bool(settings.OCOP_PRODUCT_SEARCH_BACKEND)

    class Meta(AbstractProduct.Meta):
        # Title order with a tie-break: a store's stock page (partner.selectors.
        # store_stock) walks this index and stops at its page instead of
        # sorting every stock record of the store on each view.
        indexes = [models.Index(fields=["title", "id"], name="product_title_id")]

    # Nullable in the database only so Oscar's own fixtures and factories keep
    # working; every form that creates products (portal, demo data) sets it,
    # and a product with an unverified producer is never shown to the public.
    producer = models.ForeignKey(
        Producer,
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
    )

    objects = ProductQuerySet.as_manager()

    @property
    def is_sellable(self) -> bool:
        """The rule of ProductQuerySet.public(), for one product already loaded.

        A variant (child product) carries its parent's producer (see save()),
        so the same test holds for it.
        """
        producer = self.producer
        return self.is_public and producer is not None and producer.is_verified

    def clean(self):
        for field in ("title", "title_vi", "title_en", "description_vi", "description_en"):
            value = getattr(self, field, None)
            if isinstance(value, str):
                setattr(self, field, nfc(value))
        if self.is_public and self.producer_id and not self.producer.is_verified:
            raise ValidationError(
                {"is_public": _("Only a verified producer's products can be published.")}
            )
        super().clean()

    @property
    def ocop_badge_stars(self) -> int | None:
        """Stars of the OCOP badge (3★+ in force), from `selectors.with_current_rating`.

        None on products loaded without that annotation: templates then show
        no badge rather than paying one query per card.
        """
        stars = getattr(self, "ocop_stars", None)
        return stars if stars and stars >= OCOP_MIN_STARS else None

    @property
    def ocop_valid_until(self) -> date | None:
        expiry = getattr(self, "ocop_expiry", None)
        return expiry - timedelta(days=1) if expiry else None

    def save(self, *args, **kwargs):
        # A variant is made by its parent's producer; carrying it keeps
        # `public()` and `is_sellable` one rule for variants too.
        if self.parent_id and not self.producer_id:
            self.producer_id = self.parent.producer_id
        # Every ORM write of a description passes here (dashboard, portal
        # approval, demo data, admin); templates clean again on output.
        for field in ("description", "description_vi", "description_en"):
            value = getattr(self, field, None)
            if value:
                setattr(self, field, clean_html(value))
        self.search_text = fold(
            " ".join(
                filter(
                    None,
                    [
                        getattr(self, "title_vi", None) or self.title,
                        getattr(self, "title_en", None),
                        self.upc,
                    ],
                )
            )
        )
        super().save(*args, **kwargs)
        SearchWord.add_words(vocabulary_words(self.search_text))


# The cached search vocabulary (SearchWord.vocabulary); a day at most, and
# dropped whenever a product save or a rebuild may have changed it.
VOCABULARY_CACHE_KEY = "search:vocabulary"
VOCABULARY_SECONDS = 24 * 60 * 60


class SearchWord(models.Model):
    """A word that occurs in some product's folded search text.

    A mistyped query word ("nen") is compared with this vocabulary of a few
    hundred to a few thousand distinct words rather than with the text of
    every product; the known words it is close to ("nem") are then matched
    exactly, like any search word (storefront.search.typo_corrections).
    Words only accumulate as products are saved: a word no product uses any
    more costs one condition that matches nothing, and `rebuild()` (after bulk
    loads that bypass `Product.save`) drops them.
    """

    word = models.CharField(_("word"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word

    @classmethod
    def add_words(cls, words) -> None:
        if words:
            cls.objects.bulk_create(
                [cls(word=word) for word in sorted(words)], ignore_conflicts=True
            )
            cls.forget_vocabulary()

    @classmethod
    def vocabulary(cls) -> dict[str, list[str]]:
        """Every known word, grouped by first letter: from the cache, or read and cached now.

        Kept whole in the cache (Redis in production; tens of kilobytes for a
        few thousand words) so a typo search reads one key instead of the
        table; grouped by first letter because a correction keeps the first
        letter (see storefront.search.typo_corrections).
        """
        groups = cache.get(VOCABULARY_CACHE_KEY)
        if groups is None:
            groups = {}
            for word in cls.objects.order_by("word").values_list("word", flat=True):
                groups.setdefault(word[0], []).append(word)
            cache.set(VOCABULARY_CACHE_KEY, groups, VOCABULARY_SECONDS)
        return groups

    @classmethod
    def forget_vocabulary(cls) -> None:
        """Drop the cached vocabulary: now, and again once the change is committed.

        The second time covers a search that read the table between the two
        and cached it as it was before the transaction committed.
        """
        cache.delete(VOCABULARY_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(VOCABULARY_CACHE_KEY))

    @classmethod
    def rebuild(cls) -> int:
        """Make the vocabulary exactly the words of today's products; returns its size."""
        words: set[str] = set()
        texts = Product.objects.values_list("search_text", flat=True)
        for text in texts.iterator(chunk_size=2000):
            words |= vocabulary_words(text or "")
        stale = sorted(set(cls.objects.values_list("word", flat=True)) - words)
        with transaction.atomic():
            # In slices: SQLite bounds the number of parameters in one query.
            for start in range(0, len(stale), 500):
                cls.objects.filter(word__in=stale[start : start + 500]).delete()
            cls.add_words(words)
            cls.forget_vocabulary()  # also when only stale words went
        return len(words)


class OcopCertificate(models.Model):
    """One OCOP rating decision for a product; a re-rating adds a new one.

    Dates: `expiry_date` is the first day the certificate is no longer valid
    (issue date + 36 months unless the decision says otherwise), so the last
    valid day shown to shoppers is the day before. State is computed from
    today's date on every read, never stored, so the badge disappears on the
    expiry day without any job running.
    """

    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRING = "expiring", _("Expiring soon")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        NOT_YET_VALID = "not_yet_valid", _("Not yet in force")

    class Authority(models.TextChoices):
        PROVINCE = "province", _("Provincial People's Committee")
        NATIONAL = "national", _("Prime Minister (national)")

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="certificates"
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), choices=[(n, f"{n}★") for n in range(1, 6)]
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    product_group = models.PositiveSmallIntegerField(
        _("product group"), choices=ProductGroup.choices
    )
    sub_group = models.CharField(_("sub-group"), max_length=128, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    issuing_authority = models.CharField(
        _("issuing authority"), max_length=16, choices=Authority.choices
    )
    issue_date = models.DateField(_("issue date"))
    expiry_date = models.DateField(
        _("expiry date"),
        blank=True,
        help_text=_("Leave empty for the usual 36 months after the issue date."),
    )
    evidence = models.FileField(
        _("scanned certificate"),
        upload_to=RandomName("certificates"),
        storage=private_storage,
        blank=True,
        validators=[validate_evidence_file],
        help_text=_("PDF, JPEG, PNG or WebP, at most 10 MB."),
    )
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    # Set by the daily notice command so a producer is told once, even if a
    # run is missed and the next one catches up.
    expiry_notice_sent_on = models.DateField(null=True, blank=True, editable=False)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        # A product's latest certificates first: the current rating
        # (catalogue.selectors.with_current_rating, rated_at) reads one row
        # per product from it instead of sorting the product's certificates.
        indexes = [
            models.Index(
                fields=["product", "-issue_date", "-id"], name="certificate_product_latest"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "decision_number"],
                name="unique_certificate_decision_per_product",
                violation_error_message=_(
                    "This product already has a certificate with this decision number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="certificate_stars_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="certificate_score_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(expiry_date__gt=models.F("issue_date")),
                name="certificate_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.stars}★)"

    def save(self, *args, **kwargs):
        if self.expiry_date is None and self.issue_date:
            self.expiry_date = default_expiry(self.issue_date)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.decision_number:
            # "123/qđ-ubnd " and "123/QĐ-UBND" are one decision; upper-casing in
            # Python folds Đ too, which SQLite's case-insensitive match does not.
            self.decision_number = nfc(" ".join(self.decision_number.split())).upper()
        if self.expiry_date is None and self.issue_date:
            self.expiry_date = default_expiry(self.issue_date)
        if self.stars in STAR_BANDS and self.score is not None:
            low, high = STAR_BANDS[self.stars]
            if not low <= self.score <= high:
                errors["score"] = _(
                    "A %(stars)s★ rating needs a score from %(low)s to %(high)s."
                ) % {"stars": self.stars, "low": low, "high": high}
        if self.issue_date and self.expiry_date and self.expiry_date <= self.issue_date:
            errors["expiry_date"] = _("The expiry date must be after the issue date.")
        if self.stars and self.issuing_authority:
            expected = self.Authority.NATIONAL if self.stars == 5 else self.Authority.PROVINCE
            if self.issuing_authority != expected:
                errors["issuing_authority"] = _(
                    "5★ is recognised nationally; 1–4★ by the province."
                )
        if self.decision_date and self.issue_date and self.decision_date > self.issue_date:
            errors["decision_date"] = _("The decision date cannot be after the issue date.")
        if self.product_id and self.decision_number:
            duplicate = OcopCertificate.objects.filter(
                product_id=self.product_id, decision_number=self.decision_number
            ).exclude(pk=self.pk)
            if duplicate.exists():
                errors["decision_number"] = _(
                    "This product already has a certificate with this decision number."
                )
        if errors:
            raise ValidationError(errors)

    def state_on(self, day: date) -> str:
        if self.revoked:
            return self.State.REVOKED
        if day < self.issue_date:
            return self.State.NOT_YET_VALID
        if day >= self.expiry_date:
            return self.State.EXPIRED
        if (self.expiry_date - day).days <= EXPIRING_DAYS:
            return self.State.EXPIRING
        return self.State.VALID

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    def get_state_display(self) -> str:
        return self.State(self.state).label

    @property
    def is_in_force(self) -> bool:
        """Valid today (including the last 30 days before expiry)."""
        return self.state in (self.State.VALID, self.State.EXPIRING)

    @property
    def is_ocop(self) -> bool:
        return self.is_in_force and self.stars >= OCOP_MIN_STARS

    @property
    def valid_until(self) -> date:
        """The last day the certificate is valid."""
        return self.expiry_date - timedelta(days=1)

    @property
    def days_left(self) -> int:
        return (self.expiry_date - timezone.localdate()).days


def default_expiry(issue_date: date) -> date:
    """Issue date + 36 months; a 29 February issue expires on 28 February."""
    months = issue_date.month - 1 + VALIDITY_MONTHS
    year, month = issue_date.year + months // 12, months % 12 + 1
    day = min(issue_date.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


class ProductSubmission(models.Model):
    """A producer's proposed change to a listing, or a proposed new product.

    The live product is untouched until staff approve (catalogue.services.
    approve_submission), so the public keeps seeing the approved version.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="submissions")
    # Empty for a proposed new product; set on approval.
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
    )
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Private until approved: approval copies it into public storage.
    image = models.ImageField(
        _("new image"), upload_to=RandomName("submissions"), storage=private_storage, blank=True
    )
    # Proposed values of the product class's attributes, by attribute code.
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    staff_note = models.TextField(_("note from staff"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_created = models.DateTimeField(_("submitted"), auto_now_add=True)
    date_reviewed = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-date_created", "-id"]
        verbose_name = _("product submission")
        verbose_name_plural = _("product submissions")

    def __str__(self) -> str:
        return self.title_vi


class RenewalEvidence(models.Model):
    """Evidence a producer uploads for re-evaluation of an expiring certificate.

    Staff read it and record the new certificate; it never changes a
    certificate by itself.
    """

    certificate = models.ForeignKey(
        OcopCertificate, on_delete=models.CASCADE, related_name="renewal_evidence"
    )
    file = models.FileField(
        _("file"),
        upload_to=RandomName("renewals"),
        storage=private_storage,
        validators=[validate_evidence_file],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date_created"]
        verbose_name = _("renewal evidence")
        verbose_name_plural = _("renewal evidence")

    def __str__(self) -> str:
        return f"{self.certificate} — {self.file.name}"


class ProgrammeTargets(models.Model):
    """The province's OCOP targets the programme overview measures progress against.

    One row, edited by programme staff (dashboard → OCOP programme → Targets);
    the defaults are Bắc Ninh's published aims.
    """

    five_star_products = models.PositiveIntegerField(_("5★ products"), default=3)
    enterprises_and_cooperatives = models.PositiveIntegerField(
        _("verified enterprises and cooperatives"), default=10
    )
    stores = models.PositiveIntegerField(_("OCOP stores"), default=8)
    certified_share = models.PositiveSmallIntegerField(
        _("share of products with a valid 3★+ certificate (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme targets")
        verbose_name_plural = _("programme targets")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "ProgrammeTargets":
        return cls.objects.get_or_create(pk=1)[0]


from oscar.apps.catalogue.models import *  # noqa: E402, F403
