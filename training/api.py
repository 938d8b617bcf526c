"""Paths and programmes in the read-only API, with what the /parcours/ and /formations/ pages show."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from careers.api import CareerRefSerializer, SourceSerializer
from core.api import ApiPagination, MarkdownHtmlField, PageUrlField
from core.api_views import ReadOnlyApiViewSet
from core.models import DataSource
from places.api import DistanceField
from training.filters import ProgrammeFilter
from training.models import City, Outcome, Path, Programme, Provider


class PathSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()
    body_html = MarkdownHtmlField(source="body")
    strengths = serializers.ListField(source="strengths_list", child=serializers.CharField(), read_only=True)
    limits = serializers.ListField(source="limits_list", child=serializers.CharField(), read_only=True)
    programme_count = serializers.IntegerField(read_only=True, help_text="Formations publiées de ce parcours.")
    price_low = serializers.IntegerField(read_only=True, allow_null=True, help_text="Prix connu le plus bas (€).")
    price_high = serializers.IntegerField(read_only=True, allow_null=True, help_text="Prix connu le plus haut (€).")
    duration_low_days = serializers.IntegerField(source="duration_low", read_only=True, allow_null=True)
    duration_high_days = serializers.IntegerField(source="duration_high", read_only=True, allow_null=True)
    cpf_count = serializers.IntegerField(read_only=True, help_text="Formations publiées éligibles au CPF.")
    work_study_count = serializers.IntegerField(read_only=True, help_text="Formations publiées en alternance.")
    rncp_level_high = serializers.IntegerField(
        source="rncp_high", read_only=True, allow_null=True, help_text="Niveau RNCP le plus haut (3 à 8)."
    )

    class Meta:
        model = Path
        fields = [
            "slug",
            "title",
            "position",
            "audience",
            "summary",
            "body",
            "body_html",
            "duration_months_low",
            "duration_months_high",
            "cost_low",
            "cost_high",
            "cost_note",
            "funding",
            "level_reached",
            "admission",
            "admission_note",
            "strengths",
            "limits",
            "programme_count",
            "price_low",
            "price_high",
            "duration_low_days",
            "duration_high_days",
            "cpf_count",
            "work_study_count",
            "rncp_level_high",
            "page_url",
        ]


class ProviderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provider
        fields = ["slug", "name", "kind", "city", "website"]


class PathRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Path
        fields = ["slug", "title"]


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["slug", "name"]


class OutcomeSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Voir `sources`.")

    class Meta:
        model = Outcome
        fields = [
            "observed_on",
            "cohort_start",
            "cohort_end",
            "cohort_size",
            "completion_rate",
            "employed_rate",
            "employed_within_months",
            "employed_definition",
            "median_salary",
            "satisfaction_rate",
            "satisfaction_measure",
            "people_trained",
            "people_trained_at_least",
            "note",
            "source",
        ]


class DataSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataSource
        fields = ["key", "name", "publisher", "url", "licence", "licence_url"]


class ProgrammeListSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:programme-detail", lookup_field="slug")
    page_url = PageUrlField()
    provider = ProviderSerializer(read_only=True)
    path = PathRefSerializer(
        source="public_path", read_only=True, allow_null=True, help_text="Le parcours de la formation, s’il est publié."
    )
    cities = CitySerializer(many=True, read_only=True)
    distance_km = DistanceField()
    duration_days = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Durée convertie en jours (un mois = 30), vide si inconnue."
    )
    placement_rate = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Taux d’emploi (%) du relevé le plus récent qui le donne."
    )
    placement_months = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Délai (mois) de ce taux d’emploi."
    )
    price_high = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Prix le plus haut (€) quand il varie selon les sessions ; `price` est alors le plus bas.",
    )
    source = DataSourceSerializer(
        read_only=True, allow_null=True, help_text="Le catalogue d’où elle est importée ; vide : saisie par l’équipe."
    )
    source_ref = serializers.CharField(read_only=True, help_text="Son identifiant dans ce catalogue.")
    source_extracted_on = serializers.DateField(read_only=True, allow_null=True, help_text="Date d’extraction.")

    class Meta:
        model = Programme
        fields = [
            "slug",
            "title",
            "summary",
            "provider",
            "path",
            "entry_level",
            "award_title",
            "rncp_level",
            "duration_months",
            "duration_weeks",
            "duration_hours",
            "duration_hours_high",
            "duration_days",
            "price",
            "price_high",
            "cpf_eligible",
            "work_study",
            "format",
            "rhythm",
            "cities",
            "distance_km",
            "admission",
            "next_start",
            "placement_rate",
            "placement_months",
            "rncp_code",
            "region",
            "department",
            "remote_possible",
            "source",
            "source_ref",
            "source_extracted_on",
            "url",
            "api_url",
            "page_url",
        ]


class ProgrammeDetailSerializer(ProgrammeListSerializer):
    body_html = MarkdownHtmlField(source="body")
    careers = CareerRefSerializer(many=True, read_only=True, help_text="Métiers visés (publiés).")
    outcomes = OutcomeSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField()

    class Meta(ProgrammeListSerializer.Meta):
        fields = [
            *ProgrammeListSerializer.Meta.fields,
            "body",
            "body_html",
            "careers",
            "outcomes",
            "sources",
            "updated_at",
        ]

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, programme):
        cited = {outcome.source_id: outcome.source for outcome in programme.outcomes.all()}
        return SourceSerializer(cited.values(), many=True).data


@extend_schema_view(list=extend_schema(summary="Parcours publiés", description="Dans l’ordre de la page /parcours/."))
class PathViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PathSerializer
    content_labels = ("training",)  # the apps its pages show (portal.cache)

    def get_queryset(self):
        return Path.objects.published().with_programme_summary()


class ProgrammePagination(ApiPagination):
    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["unpriced_left_out"] = {
            "type": "integer",
            "nullable": True,
            "description": "Formations répondant aux autres filtres que `prix_max` a écartées faute de prix "
            "communiqué (`sans_prix=true` les inclut) ; vide sans prix maximum.",
        }
        return response


@extend_schema_view(
    list=extend_schema(summary="Formations publiées", description="Les moins chères d’abord, comme /formations/."),
    retrieve=extend_schema(summary="Fiche formation", description="Avec les chiffres de résultats et leurs sources."),
)
class ProgrammeViewSet(ReadOnlyApiViewSet):
    filterset_class = ProgrammeFilter
    pagination_class = ProgrammePagination
    list_serializer_class = ProgrammeListSerializer
    detail_serializer_class = ProgrammeDetailSerializer
    content_labels = ("training", "careers", "core")  # the apps its pages show (portal.cache); core: synonyms

    def get_queryset(self):
        published = Programme.objects.published()
        if self.action == "retrieve":
            return published.for_page().with_placement()
        return published.for_list()

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        filterset = self.filterset_class(request.GET or None, queryset=self.get_queryset(), request=request)
        # Programmes the maximum price left out for want of a price (null when no maximum applies).
        response.data["unpriced_left_out"] = filterset.unpriced_left_out()
        return response
