"""Oscar's own URLs at the root, as in Oscar's documentation, and the benchmark's hello world."""

from django.apps import apps
from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    """The ceiling of this stack (same role as the shop's /bench/hello/)."""
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
