"""Careers in the read-only API: the list the /metiers/ page shows, and each profile with its sourced figures."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from careers.filters import CareerFilter
from careers.models import Career, Certification, FAQEntry, MarketFigure, Mission, PayFigure, Sector, Skill, Source
from core.api import MarkdownHtmlField, PageUrlField
from core.api_views import ReadOnlyApiViewSet


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "url", "published_on", "date_precision", "read_on", "note"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["slug", "name"]


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["slug", "name", "kind"]


class MissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mission
        fields = ["title", "description"]


class CertificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["name", "issuer", "url"]


class FAQEntrySerializer(serializers.ModelSerializer):
    answer_html = MarkdownHtmlField(source="answer")

    class Meta:
        model = FAQEntry
        fields = ["question", "answer", "answer_html"]


class PayFigureSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Voir `sources`.")

    class Meta:
        model = PayFigure
        fields = [
            "kind",
            "experience",
            "country",
            "region",
            "area",
            "currency",
            "amount_low",
            "amount_high",
            "note",
            "source",
        ]


class MarketFigureSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Voir `sources`.")

    class Meta:
        model = MarketFigure
        fields = ["offer_count", "approximate", "observed_on", "platforms", "source"]


class CareerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Career
        fields = ["slug", "title"]


class CareerListSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:career-detail", lookup_field="slug")
    page_url = PageUrlField()
    other_names = serializers.ListField(source="other_names_list", child=serializers.CharField(), read_only=True)
    sectors = SectorSerializer(many=True, read_only=True)
    pay_low = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Salaire annuel brut en France (€), bas de la fourchette."
    )
    pay_high = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Salaire annuel brut en France (€), haut de la fourchette."
    )

    class Meta:
        model = Career
        fields = [
            "slug",
            "title",
            "other_names",
            "summary",
            "sectors",
            "pay_low",
            "pay_high",
            "open_to_career_changers",
            "suited_to_freelance",
            "api_url",
            "page_url",
        ]


class CareerDetailSerializer(CareerListSerializer):
    body_html = MarkdownHtmlField(source="body")
    family = serializers.SerializerMethodField(
        help_text="Le métier plus large, s’il est publié ; ses spécialités : la liste filtrée par ?famille=."
    )
    studies_html = MarkdownHtmlField(source="studies")
    related = CareerRefSerializer(
        source="neighbours.related", many=True, read_only=True, help_text="Les métiers proches publiés."
    )
    skills = SkillSerializer(many=True, read_only=True)
    missions = MissionSerializer(source="lists.missions", many=True, read_only=True)
    certifications = CertificationSerializer(source="lists.certifications", many=True, read_only=True)
    faq = FAQEntrySerializer(source="lists.faq", many=True, read_only=True)
    pay_figures = PayFigureSerializer(many=True, read_only=True)
    market_figures = MarketFigureSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField(help_text="Chaque source citée par un chiffre, une fois.")

    class Meta(CareerListSerializer.Meta):
        fields = [
            *CareerListSerializer.Meta.fields,
            "body",
            "body_html",
            "family",
            "related",
            "studies",
            "studies_html",
            "skills",
            "missions",
            "certifications",
            "faq",
            "pay_figures",
            "market_figures",
            "sources",
            "reviewed_on",
            "updated_at",
        ]

    @extend_schema_field(CareerRefSerializer(allow_null=True))
    def get_family(self, career):
        parent = career.parent
        return CareerRefSerializer(parent).data if parent is not None and parent.is_published else None

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, career):
        cited = {}
        for figure in [*career.pay_figures.all(), *career.market_figures.all()]:
            cited.setdefault(figure.source_id, figure.source)
        return SourceSerializer(cited.values(), many=True).data


@extend_schema_view(
    list=extend_schema(summary="Métiers publiés", description="Les mieux payés d’abord, comme la page /metiers/."),
    retrieve=extend_schema(summary="Fiche métier", description="Avec les chiffres de rémunération et du marché."),
)
class CareerViewSet(ReadOnlyApiViewSet):
    filterset_class = CareerFilter
    list_serializer_class = CareerListSerializer
    detail_serializer_class = CareerDetailSerializer
    content_labels = ("careers", "core")  # the apps its pages show (portal.cache); core: ?q='s synonyms

    def get_queryset(self):
        published = Career.objects.published()
        if self.action == "retrieve":
            # Specialities are left to ?famille= on the list, which keeps the profile to seven queries.
            return published.for_profile_data().with_pay_range()
        return published.for_list()
