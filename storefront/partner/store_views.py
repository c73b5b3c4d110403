"""The public store directory and the shopper's "my store" choice."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic

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

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        ctx["cards"] = [_store_card(store, now) for store in selectors.stores()]
        ctx["my_store_id"] = my_store_id(self.request)
        return ctx


class StoreDetailView(generic.TemplateView):
    template_name = "stores/store_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        store = selectors.store_detail(kwargs["slug"])
        if store is None:
            raise Http404
        ctx.update(_store_card(store, timezone.now()))
        ctx["stock"] = selectors.stock_in_store(store)[:200]
        ctx["is_my_store"] = my_store_id(self.request) == store.pk
        return ctx


class ChooseStoreView(generic.View):
    """POST: remember (or forget, with `forget`) the shopper's store, then go back."""

    http_method_names = ["post"]

    def post(self, request, slug):
        store = get_object_or_404(Partner, slug=slug)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = store.get_absolute_url()
        response = redirect(target)
        if request.POST.get("forget"):
            forget_store(response)
        else:
            remember_store(response, store)
        return response
