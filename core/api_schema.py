"""What the OpenAPI schema says beyond drf-spectacular's defaults: errors, throttle, ETag, filter limits."""

from django.utils.translation import gettext_lazy as _
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core.api import ErrorSerializer, ValidationErrorSerializer

RETRY_AFTER = {
    "Retry-After": {
        "description": str(_("Secondes à attendre avant de réessayer.")),
        "schema": {"type": "integer", "minimum": 0},
    }
}
ETAG = {
    "ETag": {
        "description": str(_("Empreinte de la réponse, à renvoyer dans If-None-Match.")),
        "schema": {"type": "string"},
    }
}


class ApiAutoSchema(AutoSchema):
    """Every operation documents its error answers, the throttle, and (details) conditional requests."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_retrieve():
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=str(_("ETag d’une réponse déjà reçue : 304 sans corps si rien n’a changé.")),
                )
            )
        return parameters

    def _is_retrieve(self) -> bool:
        return getattr(self.view, "action", None) == "retrieve"

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        media = ["application/json"]
        error = self._get_response_for_code(ErrorSerializer, "404", media, direction)
        if self._is_retrieve():
            responses["200"].setdefault("headers", {}).update(ETAG)
            responses["304"] = {"description": str(_("Inchangé depuis l’ETag envoyé.")), "headers": ETAG}
            responses["404"] = {**error, "description": str(_("Aucun contenu publié à cette adresse."))}
            gone = getattr(self.view, "gone_description", None)
            if gone:
                responses["410"] = {**error, "description": str(gone)}
        else:
            invalid = self._get_response_for_code(ValidationErrorSerializer, "400", media, direction)
            responses["400"] = {**invalid, "description": str(_("Un filtre, une page ou une taille invalide."))}
            responses["404"] = {**error, "description": str(_("Page au-delà de la dernière."))}
        responses["429"] = {
            **error,
            "description": str(_("Trop de requêtes depuis cette adresse.")),
            "headers": RETRY_AFTER,
        }
        return responses


class ApiFilterExtension(DjangoFilterExtension):
    """The FilterSets' own limits (min, max, length) in the schema, so clients see the validation."""

    target_class = "django_filters.rest_framework.DjangoFilterBackend"
    priority = 1  # Wins over drf-spectacular's own extension for the same backend.

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, filters.ModelChoiceFilter):
            # A row named by its slug; the valid slugs are the published rows, hence no enum.
            return [
                build_parameter_type(
                    name=field_name,
                    location=OpenApiParameter.QUERY,
                    description=self._get_field_description(filter_field, None),
                    schema=build_basic_type(OpenApiTypes.STR),
                )
            ]
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        limits = {
            "minimum": filter_field.extra.get("min_value"),
            "maximum": filter_field.extra.get("max_value"),
            "maxLength": filter_field.extra.get("max_length"),
        }
        for parameter in parameters:
            schema = parameter["schema"]
            if isinstance(filter_field, filters.ChoiceFilter) and all(
                isinstance(v, str) for v in schema.get("enum", [])
            ):
                # ?cpf=oui filters a boolean column: the parameter is the word, not the column's type.
                schema.pop("nullable", None)
                schema.pop("title", None)
                schema["type"] = "string"
            schema.update({key: value for key, value in limits.items() if value is not None})
        return parameters
