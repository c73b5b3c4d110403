"""Public OCOP pages: producer directory, producer page, product verification and QR.

Reads go through catalogue.selectors; permission rules through catalogue.services.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.generic import ListView

from catalogue import qr, selectors, services
from catalogue.forms import ProducerFilterForm


class ProducerListView(ListView):
    template_name = "catalogue/producer_list.html"
    context_object_name = "producers"
    paginate_by = 24

    def get_queryset(self):
        self.filter_form = ProducerFilterForm(self.request.GET or None)
        return selectors.producer_directory(self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        params = self.request.GET.copy()
        params.pop("page", None)
        context["filter_query"] = params.urlencode()
        return context


def producer_detail(request, slug):
    producer = selectors.public_producer(slug)
    if producer is None:
        raise Http404
    return render(
        request,
        "catalogue/producer_detail.html",
        {
            "producer": producer,
            "products": selectors.producer_products(producer),
            "certificates": [
                c for c in selectors.producer_certificates(producer) if c.product.is_public
            ],
        },
    )


def _product_for_code(code):
    product = selectors.verifiable_product(code)
    if product is None or product.producer is None or not product.producer.is_verified:
        raise Http404
    return product


def verify_product(request, code):
    """Public and stable: printed on labels, so it must never move or need a login."""
    product = _product_for_code(code)
    stock = [
        record
        for record in product.stockrecords.all()
        if record.num_in_stock is None or record.net_stock_level > 0
    ]
    return render(
        request,
        "catalogue/verify.html",
        {
            "product": product,
            "ocop": selectors.product_with_certificates(product),
            "stores": stock,
            "can_download_qr": services.can_download_qr(user=request.user, product=product),
        },
    )


def verification_url(request, product) -> str:
    # Always the Vietnamese address (no /en/ prefix): one code per label.
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("ocop:verify", kwargs={"code": product.upc}))


def verification_qr(request, code, fmt):
    product = _product_for_code(code)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_download_qr(user=request.user, product=product):
        raise PermissionDenied
    url = verification_url(request, product)
    if fmt == "svg":
        body, content_type = qr.qr_svg(url), "image/svg+xml"
    else:
        body, content_type = qr.qr_png(url), "image/png"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="qr-{product.upc}.{fmt}"'
    return response
