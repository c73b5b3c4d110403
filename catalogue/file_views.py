"""Private files (renewal evidence, certificate scans, pictures awaiting approval).

They live in the "private" storage, which has no URL; this view is the only
way out. Staff and the owning producer's members may download; anyone else
gets the same 404 as for a file that does not exist, anonymous visitors the
login page. Always an attachment, typed from the extension we chose after
validating the content, never sniffed, never cached by a shared cache.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from catalogue import services
from catalogue.models import OcopCertificate, ProductSubmission, RenewalEvidence
from catalogue.uploads import content_type_of


def _private_file(kind: str, pk: int):
    """(file, owning producer) of one private file, or 404."""
    if kind == "renewal":
        evidence = get_object_or_404(
            RenewalEvidence.objects.select_related("certificate__product__producer"), pk=pk
        )
        return evidence.file, evidence.certificate.product.producer
    if kind == "certificate":
        certificate = get_object_or_404(
            OcopCertificate.objects.select_related("product__producer"), pk=pk
        )
        return certificate.evidence, certificate.product.producer
    if kind == "submission":
        submission = get_object_or_404(ProductSubmission.objects.select_related("producer"), pk=pk)
        return submission.image, submission.producer
    raise Http404


@login_required
def download_private_file(request, kind: str, pk: int):
    fieldfile, producer = _private_file(kind, pk)
    if not services.can_read_private_file(user=request.user, producer=producer):
        raise Http404
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404
    content_type = content_type_of(fieldfile.name)
    extension = fieldfile.name.rsplit(".", 1)[-1]
    response = FileResponse(
        fieldfile.open("rb"),
        as_attachment=True,
        filename=f"{kind}-{pk}.{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
