"""The public store directory and the shopper's "my store" choice.

Each store has one public page: its store page in the content tree
(cms.models.StorePage, `/cua-hang/<store>/`), which shows everything about
it and the "make this my store" button. The shop's addresses of the
directory and of a store redirect there permanently in the active language;
they render themselves only for a store (or a directory) that has no live
page, so a store is never without a page.
"""

from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic

from cms.links import site_tree_links, store_page_url
from storefront.partner import selectors
from storefront.partner.models import Partner
from storefront.partner.strategy import forget_store, my_store_id, remember_store


def _store_card(store: Partner, now) -> dict:
    return {
        "store": store,
        "hours": selectors.weekly_hours(store),
        "open_now": selectors.is_open_now(store, now),
        "closures": selectors.upcoming_closures(store),
    }


class StoreListView(generic.TemplateView):
    template_name = "stores/store_list.html"

    def get(self, request, *args, **kwargs):
        directory = site_tree_links(request)["sections"].get("stores")
        if directory:
            return HttpResponsePermanentRedirect(directory)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        ctx["cards"] = [_store_card(store, now) for store in selectors.stores()]
        ctx["my_store_id"] = my_store_id(self.request)
        return ctx


class StoreDetailView(generic.TemplateView):
    template_name = "stores/store_detail.html"

    def get(self, request, *args, **kwargs):
        store = get_object_or_404(Partner.objects.only("pk"), slug=kwargs["slug"])
        page_url = store_page_url(request, store)
        if page_url:
            return HttpResponsePermanentRedirect(page_url)
        self.store = selectors.store_detail(kwargs["slug"])
        if self.store is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(_store_card(self.store, timezone.now()))
        ctx["stock"] = selectors.stock_in_store(self.store)[:200]
        ctx["is_my_store"] = my_store_id(self.request) == self.store.pk
        return ctx


class ChooseStoreView(generic.View):
    """POST: remember (or forget, with `forget`) the shopper's store, say so, then go back."""

    http_method_names = ["post"]

    def post(self, request, slug):
        store = get_object_or_404(Partner, slug=slug)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = store_page_url(request, store) or store.get_absolute_url()
        response = redirect(target)
        if request.POST.get("forget"):
            forget_store(response)
            messages.info(
                request,
                _("%(store)s is no longer your store.") % {"store": store.display_name},
            )
        else:
            remember_store(response, store)
            messages.success(
                request,
                _("%(store)s is now your store: products show its stock first.")
                % {"store": store.display_name},
            )
        return response
