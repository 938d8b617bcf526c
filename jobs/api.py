"""Employers and open job offers in the read-only API, filtered exactly as the /offres/ board is."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from careers.api import CareerRefSerializer
from core import search
from core.api import Gone, MarkdownHtmlField, PageUrlField
from core.api_views import ReadOnlyApiViewSet
from jobs.filters import JobOfferFilter
from jobs.models import Employer, JobOffer
from places.api import DistanceField


class EmployerSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()
    description_html = MarkdownHtmlField(source="description")
    open_offer_count = serializers.IntegerField(read_only=True, help_text="Offres ouvertes de cet employeur.")

    class Meta:
        model = Employer
        fields = [
            "slug",
            "name",
            "sector",
            "city",
            "website",
            "description",
            "description_html",
            "open_offer_count",
            "page_url",
        ]


class EmployerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = ["slug", "name"]


class ProvenanceSerializer(serializers.Serializer):
    """Where an imported offer was read: the source, the offer's id there, when it was read."""

    source = serializers.CharField(source="data_source.name")
    publisher = serializers.CharField(source="data_source.publisher")
    id = serializers.CharField(source="external_id")
    url = serializers.URLField(source="source_url")
    read_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField(source="source_created_at")
    updated_at = serializers.DateTimeField(source="source_updated_at", allow_null=True)


class OfferListSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:offer-detail", lookup_field="slug")
    page_url = PageUrlField()
    employer = EmployerRefSerializer(read_only=True)
    career = serializers.SerializerMethodField(help_text="Le métier de l’offre, s’il est publié.")
    imported_from = serializers.SerializerMethodField(
        help_text="Offre importée : sa source, son identifiant là-bas, sa date de lecture."
    )
    distance_km = DistanceField()

    class Meta:
        model = JobOffer
        fields = [
            "slug",
            "title",
            "employer",
            "career",
            "contract",
            "experience",
            "city",
            "region",
            "distance_km",
            "remote",
            "salary_low",
            "salary_high",
            "day_rate_low",
            "day_rate_high",
            "published_at",
            "expires_at",
            "source",
            "imported_from",
            "api_url",
            "page_url",
        ]

    @extend_schema_field(ProvenanceSerializer(allow_null=True))
    def get_imported_from(self, offer):
        return ProvenanceSerializer(offer).data if offer.data_source_id is not None else None

    @extend_schema_field(CareerRefSerializer(allow_null=True))
    def get_career(self, offer):
        career = offer.career
        return CareerRefSerializer(career).data if career is not None and career.is_published else None


class OfferDetailSerializer(OfferListSerializer):
    description_html = MarkdownHtmlField(source="description")

    class Meta(OfferListSerializer.Meta):
        fields = [
            *OfferListSerializer.Meta.fields,
            "description",
            "description_html",
            "apply_url",
            "apply_email",
            "source_url",
            "salary_label",
            "working_time",
            "experience_label",
            "postcode",
            "insee_code",
            "latitude",
            "longitude",
        ]


@extend_schema_view(
    list=extend_schema(summary="Employeurs", description="Par ordre alphabétique, avec leur nombre d’offres ouvertes.")
)
class EmployerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = EmployerSerializer
    content_labels = ("jobs",)  # the apps its pages show (portal.cache)

    def get_queryset(self):
        return Employer.objects.with_open_offer_count().order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Offres ouvertes", description="Les plus récentes d’abord, comme la page /offres/."),
    retrieve=extend_schema(
        summary="Offre ouverte",
        description="Une offre expirée ou archivée répond 410, comme sa page ; une offre jamais publiée, 404.",
    ),
)
class OfferViewSet(ReadOnlyApiViewSet):
    filterset_class = JobOfferFilter
    list_serializer_class = OfferListSerializer
    detail_serializer_class = OfferDetailSerializer
    content_labels = ("jobs", "careers", "core")  # the apps its pages show (portal.cache); core: synonyms
    gone_description = _("L’offre a expiré ou a été retirée : elle n’est plus ouverte.")

    def get_object(self):
        """An offer the public could see once (expired, archived) is gone, not unknown: 410, as its page."""
        try:
            return super().get_object()
        except Http404:
            slug = self.kwargs[self.lookup_field]
            if JobOffer.objects.visible_to(AnonymousUser()).filter(slug=slug).exists():
                raise Gone(_("Cette offre n’est plus ouverte : elle a expiré ou a été retirée.")) from None
            raise

    def count_limit(self):
        """A search counts its offers as the board does, up to ``search.COUNT_LIMIT``: a common word
        matches most of them."""
        return search.COUNT_LIMIT if self.request.query_params.get("q", "").strip() else None

    def get_queryset(self):
        offers = JobOffer.objects.open()
        if self.action == "retrieve":
            return offers.select_related("employer", "career", "data_source")
        return offers.for_list().select_related("data_source").newest()
