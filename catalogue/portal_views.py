"""The producer portal: a producer's users maintain their own listings.

Every lookup is scoped to the signed-in user's memberships, so another
producer's product or certificate is a 404, never a page. Changes become
submissions for staff approval (catalogue.services).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue import selectors, services
from catalogue.forms import RenewalEvidenceForm, SubmissionForm
from catalogue.models import OcopCertificate, Producer, Product, ProductSubmission

StockRecord = get_model("partner", "StockRecord")


def _my_producer(request, slug) -> Producer:
    return get_object_or_404(Producer, slug=slug, memberships__user=request.user)


@login_required
def portal_home(request):
    producers = list(Producer.objects.filter(memberships__user=request.user))
    if not producers:
        raise PermissionDenied
    if len(producers) == 1:
        return redirect("ocop:portal-producer", slug=producers[0].slug)
    return render(request, "catalogue/portal/choose.html", {"producers": producers})


@login_required
def portal_producer(request, slug):
    producer = _my_producer(request, slug)
    products = list(
        Product.objects.filter(producer=producer)
        .prefetch_related("images", "stockrecords__partner")
        .order_by("title")
    )
    return render(
        request,
        "catalogue/portal/home.html",
        {
            "producer": producer,
            "products": products,
            "submissions": ProductSubmission.objects.filter(producer=producer).select_related(
                "product"
            )[:50],
            "certificates": selectors.producer_certificates(producer),
        },
    )


@login_required
def portal_edit_product(request, slug, pk=None):
    producer = _my_producer(request, slug)
    product = get_object_or_404(Product, pk=pk, producer=producer) if pk else None
    initial = {}
    if product is not None:
        initial = {
            "title_vi": product.title_vi,
            "title_en": product.title_en,
            "description_vi": product.description_vi,
            "description_en": product.description_en,
            "category": product.categories.first(),
        }
    form = SubmissionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        product=product,
        product_class=services.default_product_class(),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if not k.startswith("attr_")}
        submission = services.submit_product_change(
            producer=producer,
            user=request.user,
            product=product,
            attributes=form.attribute_values(),
            **fields,
        )
        messages.success(request, _("Sent to the OCOP programme staff for approval."))
        if (submission.description_vi, submission.description_en) != (
            fields.get("description_vi", ""),
            fields.get("description_en", ""),
        ):
            messages.warning(
                request,
                _(
                    "Some of the description's markup is not allowed (scripts, styles, "
                    "unknown tags or links) and was removed; staff see the result."
                ),
            )
        return redirect("ocop:portal-producer", slug=producer.slug)
    return render(
        request,
        "catalogue/portal/edit_product.html",
        {"producer": producer, "product": product, "form": form},
    )


@login_required
def portal_renewal(request, slug, pk):
    producer = _my_producer(request, slug)
    certificate = get_object_or_404(OcopCertificate, pk=pk, product__producer=producer)
    form = RenewalEvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.upload_renewal_evidence(
            certificate=certificate,
            user=request.user,
            file=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Renewal evidence uploaded; staff will record the result."))
        return redirect("ocop:portal-producer", slug=producer.slug)
    return render(
        request,
        "catalogue/portal/renewal.html",
        {"producer": producer, "certificate": certificate, "form": form},
    )
