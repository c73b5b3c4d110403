"""Store directory (/shop/stores/) and store managers' pages (/shop/my-store/)."""

from django.urls import path

from storefront.consignment import manager_views as consignment_views
from storefront.partner import manager_views, store_views

directory_patterns = (
    [
        path("", store_views.StoreListView.as_view(), name="list"),
        path("<slug:slug>/", store_views.StoreDetailView.as_view(), name="detail"),
        path("<slug:slug>/choose/", store_views.ChooseStoreView.as_view(), name="choose"),
    ],
    "stores",
)

manager_patterns = (
    [
        path("", manager_views.ManagerHomeView.as_view(), name="home"),
        path("<slug:store>/", manager_views.StockListView.as_view(), name="stock"),
        path(
            "<slug:store>/stock/<int:pk>/",
            manager_views.StockChangeView.as_view(),
            name="stock-change",
        ),
        path("<slug:store>/movements/", manager_views.MovementListView.as_view(), name="movements"),
        path("<slug:store>/import/", manager_views.StockImportView.as_view(), name="import"),
        path("<slug:store>/pickups/", manager_views.PickupOrdersView.as_view(), name="pickups"),
        # Consignment with the producers (storefront/consignment).
        path("<slug:store>/terms/", consignment_views.TermsView.as_view(), name="terms"),
        path(
            "<slug:store>/statements/",
            consignment_views.StatementListView.as_view(),
            name="statements",
        ),
        path(
            "<slug:store>/statements/<int:pk>/",
            consignment_views.StatementDetailView.as_view(),
            name="statement",
        ),
        path(
            "<slug:store>/restock/",
            consignment_views.RestockListView.as_view(),
            name="restock-list",
        ),
        path(
            "<slug:store>/restock/new/",
            consignment_views.RestockCreateView.as_view(),
            name="restock-new",
        ),
        path(
            "<slug:store>/restock/<int:pk>/",
            consignment_views.RestockDetailView.as_view(),
            name="restock",
        ),
    ],
    "mystore",
)
