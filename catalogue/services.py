"""Writes for producers, OCOP certificates and producer submissions.

Every rule that must hold whoever writes (dashboard, portal, demo data,
management commands) lives here; views and forms call these functions.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue import selectors
from catalogue.models import (
    LegalForm,
    OcopCertificate,
    Producer,
    ProducerMembership,
    Product,
    ProductSubmission,
    ProgrammeTargets,
    RenewalEvidence,
)
from catalogue.richtext import clean_html
from catalogue.uploads import clean_evidence, random_image_name, reencode_image
from storefront.mail import queue_email

ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")

logger = logging.getLogger(__name__)


# --- producers ---------------------------------------------------------------


def set_producer_status(*, producer: Producer, status: str) -> Producer:
    """Verify or suspend a producer. Suspension hides its products at once
    (the listings filter on status); verification shows them again."""
    if status not in Producer.Status.values:
        raise ValueError(status)
    producer.status = status
    producer.save(update_fields=["status"])  # a save, so search hears of it (storefront.apps)
    return producer


def is_member(*, user, producer: Producer | None) -> bool:
    if producer is None or not user.is_authenticated:
        return False
    return ProducerMembership.objects.filter(user=user, producer=producer).exists()


def can_download_qr(*, user, product: Product) -> bool:
    """Staff, and members of the product's own producer."""
    return user.is_staff or is_member(user=user, producer=product.producer)


def can_read_private_file(*, user, producer: Producer | None) -> bool:
    """Evidence, certificate scans, pending pictures: active staff and the producer's members."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or is_member(user=user, producer=producer)


# --- certificates --------------------------------------------------------------


@transaction.atomic
def record_certificate(*, certificate: OcopCertificate) -> OcopCertificate:
    """Validate and save a new certificate; a re-rating keeps the older ones.

    The product row is locked so two officers recording the same decision at
    once cannot both pass the duplicate check.
    """
    Product.objects.select_for_update().filter(pk=certificate.product_id).first()
    certificate.full_clean()
    if certificate.evidence and not certificate.evidence._committed:
        # Stored as validated bytes under a random private name (EXIF stripped).
        certificate.evidence = clean_evidence(certificate.evidence)
    certificate.save()
    return certificate


def revoke_certificate(*, certificate: OcopCertificate, on: date | None = None) -> None:
    """Revoke now: the badge disappears from every page on the next request."""
    certificate.revoked = True
    certificate.revoked_on = on or timezone.localdate()
    certificate.save(update_fields=["revoked", "revoked_on"])


def upload_renewal_evidence(
    *, certificate: OcopCertificate, user, file, note: str = ""
) -> RenewalEvidence:
    """A producer's evidence for re-evaluation; staff then record a new certificate.

    The file is validated by content (ValidationError otherwise), images are
    re-encoded without EXIF, and it is stored privately under a random name.
    """
    if not is_member(user=user, producer=certificate.product.producer):
        raise PermissionDenied
    evidence = RenewalEvidence(
        certificate=certificate, file=clean_evidence(file), note=note, uploaded_by=user
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@dataclass
class ExpiryNotices:
    producers_emailed: list[str] = field(default_factory=list)
    expiring: list[OcopCertificate] = field(default_factory=list)


def send_expiry_notices(*, today: date) -> ExpiryNotices:
    """Email each producer once when a certificate has 30 days or fewer left,
    and email staff, once a day, the list of every certificate expiring within 30 days.

    Idempotent per certificate (`expiry_notice_sent_on`, set with the email
    recorded in the outbox): a missed daily run is caught up by the next
    one, and a re-run sends nothing twice. The worker sends the emails; one
    certificate that fails is logged and the others go on.
    """
    result = ExpiryNotices(expiring=list(selectors.expiring_certificates(today=today)))
    for certificate in result.expiring:
        if certificate.expiry_notice_sent_on:
            continue
        producer = certificate.product.producer
        try:
            with transaction.atomic():
                if _producer_recipients(producer):
                    queue_email(
                        key=f"certificate-expiry:{certificate.pk}:{certificate.expiry_date}",
                        kind="certificate_expiry",
                        certificate_id=certificate.pk,
                    )
                    result.producers_emailed.append(producer.name)
                OcopCertificate.objects.filter(pk=certificate.pk).update(
                    expiry_notice_sent_on=today
                )
        except Exception:  # one certificate's fault never stops the others
            logger.exception("Certificate %s: expiry notice not queued", certificate.pk)
    if result.expiring and _staff_recipients():
        queue_email(
            key=f"certificates-expiring:{today.isoformat()}",
            kind="certificates_expiring",
            certificate_ids=[c.pk for c in result.expiring],
        )
    return result


def build_expiry_notice(*, certificate_id: int) -> EmailMessage | None:
    """The outbox's builder: the producer's notice, in Vietnamese (producers are
    Vietnamese businesses)."""
    certificate = OcopCertificate.objects.select_related("product__producer").get(pk=certificate_id)
    recipients = _producer_recipients(certificate.product.producer)
    if not recipients:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("OCOP certificate for %(product)s expires on %(date)s") % {
            "product": certificate.product.title,
            "date": certificate.expiry_date.strftime("%d/%m/%Y"),
        }
        body = _(
            "The OCOP certificate %(number)s (%(stars)s★) for %(product)s is valid "
            "until %(until)s. Apply for re-evaluation and upload the evidence in "
            "the producer portal before then, or the product loses its OCOP "
            "recognition."
        ) % {
            "number": certificate.decision_number,
            "stars": certificate.stars,
            "product": certificate.product.title,
            "until": certificate.valid_until.strftime("%d/%m/%Y"),
        }
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def build_expiry_list(*, certificate_ids: list[int]) -> EmailMessage | None:
    """The outbox's builder: staff's list of certificates expiring within 30 days
    (Vietnamese: staff are the province's officers)."""
    staff = _staff_recipients()
    certificates = list(
        OcopCertificate.objects.filter(pk__in=certificate_ids)
        .select_related("product__producer")
        .order_by("expiry_date", "pk")
    )
    if not staff or not certificates:
        return None
    lines = [
        f"{c.expiry_date:%d/%m/%Y}  {c.stars}★  {c.decision_number}  "
        f"{c.product.title}  ({c.product.producer or '-'})"
        for c in certificates
    ]
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(count)s OCOP certificates expire within 30 days") % {
            "count": len(certificates)
        }
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, staff)


def _staff_recipients() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _producer_recipients(producer: Producer | None) -> list[str]:
    if producer is None:
        return []
    emails = {producer.email} if producer.email else set()
    emails.update(
        producer.members.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    return sorted(emails)


# --- producer submissions -------------------------------------------------------


def default_product_class():
    """The class of products producers propose (the first one, "Sản phẩm OCOP" in the demo)."""
    return ProductClass.objects.order_by("pk").first()


@transaction.atomic
def submit_product_change(
    *,
    producer: Producer,
    user,
    product: Product | None,
    title_vi: str,
    title_en: str = "",
    description_vi: str = "",
    description_en: str = "",
    category=None,
    image=None,
    attributes: dict | None = None,
) -> ProductSubmission:
    """Queue a producer's edit (or new product, when `product` is None) for staff.

    The live product is not touched. Refused unless `user` belongs to
    `producer` and `product` is that producer's. Descriptions are cleaned
    through the rich-text allow-list now, so staff review exactly what would
    be published; the picture is re-encoded and kept private until approval.
    """
    if not is_member(user=user, producer=producer):
        raise PermissionDenied
    if product is not None and product.producer_id != producer.pk:
        raise PermissionDenied
    submission = ProductSubmission(
        producer=producer,
        product=product,
        submitted_by=user,
        title_vi=title_vi,
        title_en=title_en,
        description_vi=clean_html(description_vi),
        description_en=clean_html(description_en),
        category=category,
        attributes=attributes or {},
    )
    if image:
        submission.image = reencode_image(image, name=random_image_name())
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def approve_submission(*, submission: ProductSubmission, by) -> Product:
    """Publish a submission: update (or create) the product it describes."""
    submission = ProductSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != ProductSubmission.State.PENDING:
        raise ValueError("submission already reviewed")
    product = submission.product
    if product is None:
        product = Product(
            producer=submission.producer,
            product_class=default_product_class(),
            is_public=submission.producer.is_verified,
        )
    product.title_vi = submission.title_vi
    product.title = submission.title_vi
    product.title_en = submission.title_en or None
    product.description_vi = submission.description_vi
    product.description = submission.description_vi
    product.description_en = submission.description_en or None
    product.save()
    if submission.attributes:
        known = {a.code for a in product.get_product_class().attributes.all()}
        for code, value in submission.attributes.items():
            if code in known:  # an attribute removed since the submission is skipped
                setattr(product.attr, code, value)
        product.attr.save()
    if submission.category_id:
        ProductCategory.objects.filter(product=product).delete()
        ProductCategory.objects.create(product=product, category_id=submission.category_id)
    if submission.image:
        # The approved picture becomes the first one shown.
        ProductImage.objects.filter(product=product).update(display_order=F("display_order") + 1)
        # Copied out of private storage under a new random name: only now,
        # approved, is the picture public (ProductImage's pre_save hook
        # re-encodes it, as every stored picture).
        suffix = PurePath(submission.image.name).suffix
        with submission.image.open("rb") as source:
            picture = ContentFile(source.read(), name=f"{random_image_name()}{suffix}")
            ProductImage.objects.create(
                product=product,
                original=picture,
                caption=submission.title_vi,
                display_order=0,
            )
    submission.product = product
    submission.state = ProductSubmission.State.APPROVED
    submission.reviewed_by = by
    submission.date_reviewed = timezone.now()
    submission.save()
    return product


def reject_submission(*, submission: ProductSubmission, by, note: str) -> None:
    if submission.state != ProductSubmission.State.PENDING:
        raise ValueError("submission already reviewed")
    submission.state = ProductSubmission.State.REJECTED
    submission.staff_note = note
    submission.reviewed_by = by
    submission.date_reviewed = timezone.now()
    submission.save()


@dataclass(frozen=True)
class Measure:
    """One figure of the programme overview against its target."""

    label: str
    value: int
    target: int
    unit: str = ""

    @property
    def met(self) -> bool:
        return self.value >= self.target


def programme_progress(today: date | None = None) -> list[Measure]:
    """The province's targets and where the programme stands today.

    Counts follow the certificate rules: a product counts at its current
    rating in force; only verified enterprises and cooperatives count for the
    producer target (the programme's aim is to formalise household producers).
    """
    targets = ProgrammeTargets.current()
    rated = selectors.with_current_rating(Product.objects.filter(is_public=True)).values_list(
        "ocop_stars", flat=True
    )
    ratings = list(rated)
    certified = sum(1 for stars in ratings if stars and stars >= 3)
    share = round(100 * certified / len(ratings)) if ratings else 0
    formal = Producer.objects.filter(
        status=Producer.Status.VERIFIED,
        legal_form__in=[LegalForm.ENTERPRISE, LegalForm.COOPERATIVE],
    ).count()
    stores = get_model("partner", "Partner").objects.count()
    return [
        Measure(_("5★ products"), sum(1 for s in ratings if s == 5), targets.five_star_products),
        Measure(
            _("Verified enterprises and cooperatives"),
            formal,
            targets.enterprises_and_cooperatives,
        ),
        Measure(_("OCOP stores"), stores, targets.stores),
        Measure(
            _("Products with a valid 3★+ certificate"), share, targets.certified_share, unit="%"
        ),
    ]
