"""Oscar's review pages, for sellable products only.

Oscar loads `catalogue.reviews.views` from our catalogue app first (its class
loader looks in the app named `catalogue`), so these replace its views without
forking the reviews app. Oscar's own views look products up by `is_public`
alone, so a suspended producer's product kept its reviews pages.
"""

from django.shortcuts import get_object_or_404
from oscar.apps.catalogue.reviews import views as oscar_views

from catalogue import selectors
from catalogue.models import Product


class SellableProductMixin:
    """404 unless the product is sellable; the page gets what the product page shows."""

    def dispatch(self, request, *args, **kwargs):
        self.sellable_product = get_object_or_404(Product.objects.public(), pk=kwargs["product_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The review templates extend the product page, whose certificate block reads it.
        context["ocop"] = selectors.product_with_certificates(self.sellable_product)
        return context


class CreateProductReview(SellableProductMixin, oscar_views.CreateProductReview):
    """Write a review of a sellable product."""


class ProductReviewDetail(SellableProductMixin, oscar_views.ProductReviewDetail):
    """One review of a sellable product."""


class AddVoteView(SellableProductMixin, oscar_views.AddVoteView):
    """Vote on a review of a sellable product (a POST; no page of its own)."""


class ProductReviewList(SellableProductMixin, oscar_views.ProductReviewList):
    """The reviews of a sellable product."""
