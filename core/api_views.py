"""The base of every list-and-detail endpoint of the API."""

from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from rest_framework import status, viewsets

DETAIL_MAX_AGE = 300  # Seconds a client may reuse a detail answer before revalidating it with its ETag.


class ReadOnlyApiViewSet(viewsets.ReadOnlyModelViewSet):
    """A list, filtered, and a detail by slug with an ETag and 304s: the body is hashed, not dated, because a
    profile gathers rows (figures, sources) that change on their own."""

    lookup_field = "slug"
    lookup_value_converter = "slug"
    list_serializer_class = None
    detail_serializer_class = None

    def count_limit(self) -> int | None:
        """The most rows the list counts (``ApiPagination``); ``None``: every one."""
        return None

    def get_serializer_class(self):
        return self.detail_serializer_class if self.action == "retrieve" else self.list_serializer_class

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action != "retrieve" or response.status_code != status.HTTP_200_OK:
            return response
        response.render()
        set_response_etag(response)
        patch_cache_control(response, public=True, max_age=DETAIL_MAX_AGE)
        return get_conditional_response(request, etag=response["ETag"], response=response)
