"""What every endpoint of the read-only API shares: pagination, throttling, errors, common fields.

Each app owns its serializers and viewsets in ``<app>/api.py``; they build on
``portal/api_views.py`` (list and cacheable detail) and the router that puts
them under ``/api/v1/`` is ``portal/api_urls.py``; ``portal/api_schema.py``
completes the OpenAPI schema. This module is imported by DRF's settings, so
it must not import ``rest_framework.views`` (or anything that does) at load time.
"""

from functools import partial

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from core.http import client_ip
from core.markdown import render_markdown
from core.pagination import CappedCountPaginator, FromEitherEndPaginator

PAGE_SIZE = 20  # Same as the HTML lists, so page N of a page and of the API hold the same rows.
MAX_PAGE_SIZE = 100
MAX_PAGE_NUMBER = 1_000_000


class AnonymousThrottle(AnonRateThrottle):
    """Requests per client address (the login throttling's, behind a trusted proxy too), the rate read from
    settings at each request; counted in the default cache, page-cache answers included."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        # Every API client is anonymous (no authentication class), so no user is looked at: the page
        # cache asks this throttle before DRF has wrapped the request (portal.cache).
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiPagination(PageNumberPagination):
    """Strict page-number pagination: a malformed page or size answers 400, a page past the end 404. A view whose
    ``count_limit()`` gives a number counts that many rows at most, ``more_results`` saying there were more."""

    django_paginator_class = FromEitherEndPaginator
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        return self.positive_int(raw, self.page_size_query_param, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw != "":
            self.positive_int(raw, self.page_query_param, MAX_PAGE_NUMBER)
        limit = view.count_limit() if hasattr(view, "count_limit") else None
        if limit is not None:
            self.django_paginator_class = partial(CappedCountPaginator, limit=limit)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {"more_results": self.page.paginator.more_rows, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"].append("more_results")
        response["properties"]["more_results"] = {
            "type": "boolean",
            "description": str(
                _(
                    "Vrai quand une recherche par mots-clés trouve plus de résultats que `count` : seuls les "
                    "`count` premiers sont listés. Ajoutez un mot-clé ou un filtre pour affiner."
                )
            ),
        }
        return response

    @staticmethod
    def positive_int(raw: str, name: str, maximum: int) -> int:
        if raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum)) and 1 <= int(raw) <= maximum:
            return int(raw)
        message = _("Un nombre entier entre 1 et %(max)s est attendu.") % {"max": maximum}
        raise exceptions.ValidationError({name: [message]})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {
            self.page_query_param: (_("Numéro de page, à partir de 1."), MAX_PAGE_NUMBER),
            self.page_size_query_param: (
                _("Résultats par page : %(default)s par défaut, %(max)s au plus.")
                % {"default": self.page_size, "max": self.max_page_size},
                self.max_page_size,
            ),
        }
        for parameter in parameters:
            description, maximum = limits[parameter["name"]]
            parameter["description"] = str(description)
            parameter["schema"].update(minimum=1, maximum=maximum)
        return parameters


def api_exception_handler(exc, context):
    """DRF's answers in one shape: ``detail`` always, ``errors`` by parameter for a 400. Anything else (a bug)
    goes to Django's 500 handler, which answers JSON under /api/."""
    # Imported here: DRF's settings import this module while rest_framework.views is still loading.
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"detail": str(_("Paramètres invalides.")), "errors": errors}
    elif not (isinstance(response.data, dict) and set(response.data) == {"detail"}):
        response.data = {"detail": str(exc)}
    return response


class Gone(exceptions.APIException):
    """410: the content was public and no longer is (an offer that expired or was withdrawn), as its page says."""

    status_code = 410
    default_detail = _("Ce contenu n’est plus publié.")
    default_code = "gone"


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Ce qui ne va pas, en une phrase."))


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Pour chaque paramètre refusé, les raisons du refus."),
    )


@extend_schema_field(OpenApiTypes.STR)
class MarkdownHtmlField(serializers.Field):
    """Staff-written Markdown rendered by the site's one sanitiser: safe to insert as HTML."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Le texte Markdown rendu en HTML nettoyé, comme sur le site."))
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(render_markdown(value))


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The row's public page on the site, as an absolute URL (the canonical one, from DJANGO_SITE_URL)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("La page publique correspondante sur Cap IA."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return settings.SITE_URL + value.get_absolute_url()
