"""Request guards that every URL passes, whatever view answers it."""

from django.http import HttpRequest, HttpResponse
from django.template import loader


class RefuseNulCharactersMiddleware:
    """Answer 400 to a request whose address or form fields hold a NUL character.

    PostgreSQL cannot store or compare a string with NUL in it, so `?q=%00`
    reached the database and failed there with a 500 on any page that reads
    its query string. No real input contains one (files may: uploads are not
    looked at), so refusing the request here, with a page that says why,
    covers every view, Oscar's and Wagtail's included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            template = loader.get_template("errors/bad_characters.html")
            return HttpResponse(template.render({}, request), status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        if _fields_have_nul(request.GET):
            return True
        return (
            request.method == "POST"
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
            and _fields_have_nul(request.POST)
        )


def _fields_have_nul(fields) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in fields.lists()
    )
