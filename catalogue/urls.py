"""OCOP URLs outside Oscar's own apps, included once in storefront/urls.py.

`v/<code>/` is printed in QR codes on labels and shelves: it must stay short
and never change.
"""

from django.urls import include, path

from catalogue import dashboard_views, file_views, portal_views, producer_views

app_name = "ocop"

dashboard_patterns = (
    [
        path("", dashboard_views.OverviewView.as_view(), name="overview"),
        path("targets/", dashboard_views.TargetsView.as_view(), name="targets"),
        path("producers/", dashboard_views.ProducerListView.as_view(), name="producer-list"),
        path(
            "producers/new/", dashboard_views.ProducerCreateView.as_view(), name="producer-create"
        ),
        path(
            "producers/<int:pk>/",
            dashboard_views.ProducerUpdateView.as_view(),
            name="producer-update",
        ),
        path(
            "producers/<int:pk>/status/",
            dashboard_views.ProducerStatusView.as_view(),
            name="producer-status",
        ),
        path(
            "certificates/", dashboard_views.CertificateListView.as_view(), name="certificate-list"
        ),
        path(
            "certificates/new/",
            dashboard_views.CertificateCreateView.as_view(),
            name="certificate-create",
        ),
        path(
            "certificates/<int:pk>/revoke/",
            dashboard_views.CertificateRevokeView.as_view(),
            name="certificate-revoke",
        ),
        path("submissions/", dashboard_views.SubmissionListView.as_view(), name="submission-list"),
        path(
            "submissions/<int:pk>/",
            dashboard_views.SubmissionDetailView.as_view(),
            name="submission-detail",
        ),
        path(
            "submissions/<int:pk>/review/",
            dashboard_views.SubmissionReviewView.as_view(),
            name="submission-review",
        ),
    ],
    "dash",
)

urlpatterns = [
    path("v/<str:code>/", producer_views.verify_product, name="verify"),
    path("v/<str:code>/qr.png", producer_views.verification_qr, {"fmt": "png"}, name="qr-png"),
    path("v/<str:code>/qr.svg", producer_views.verification_qr, {"fmt": "svg"}, name="qr-svg"),
    path("shop/producers/", producer_views.ProducerListView.as_view(), name="producer-list"),
    path("shop/producers/<slug:slug>/", producer_views.producer_detail, name="producer-detail"),
    path("shop/portal/", portal_views.portal_home, name="portal"),
    path("shop/portal/<slug:slug>/", portal_views.portal_producer, name="portal-producer"),
    path(
        "shop/portal/<slug:slug>/products/new/",
        portal_views.portal_edit_product,
        name="portal-product-create",
    ),
    path(
        "shop/portal/<slug:slug>/products/<int:pk>/",
        portal_views.portal_edit_product,
        name="portal-product-edit",
    ),
    path(
        "shop/portal/<slug:slug>/certificates/<int:pk>/renewal/",
        portal_views.portal_renewal,
        name="portal-renewal",
    ),
    path(
        "shop/files/<str:kind>/<int:pk>/",
        file_views.download_private_file,
        name="private-file",
    ),
    path("shop/dashboard/ocop/", include(dashboard_patterns)),
]
