"""Routes into AI careers (paths), who teaches them (providers), what they offer (programmes).

Outcome figures follow the spirit of the CIRR standard that honest bootcamps
publish: each figure states its cohort, its definition and its source, so two
programmes can be compared on the same terms.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from careers.models import Career, Source
from core import search
from core.constraints import low_lte_high, not_negative, rate_0_100
from core.geography import Region
from core.models import DataSource, PublishableModel, PublishableQuerySet, TimeStampedModel
from places.models import Commune

# Converts durations to one comparable figure; a month counts as 30 days.
DAYS_PER_MONTH = 30
DAYS_PER_WEEK = 7
PUBLISHED = PublishableModel.Status.PUBLISHED
COMPARE_SLUG = "comparer"  # /formations/comparer/ would hide a programme with this slug.


def format_duration(months=None, weeks=None) -> str:
    """ "12 semaines", "18 mois", "5 ans": whole years read as years."""
    if weeks is not None:
        return ngettext("%(count)s semaine", "%(count)s semaines", weeks) % {"count": weeks}
    if months is None:
        return gettext("non communiqué")
    if months and months % 12 == 0:
        years = months // 12
        return ngettext("%(count)s an", "%(count)s ans", years) % {"count": years}
    return ngettext("%(count)s mois", "%(count)s mois", months) % {"count": months}


class PathQuerySet(PublishableQuerySet):
    def with_programme_summary(self):
        """Annotate, in the same query, what each path's published programmes say: their count, known prices,
        durations in days, CPF and work-study counts, highest RNCP level and ``admission_<value>`` counts."""
        published = Q(programmes__status=PUBLISHED)
        admissions = {
            f"admission_{member.value}": Count("programmes", filter=published & Q(programmes__admission=member))
            for member in Path.Admission
        }
        return self.annotate(
            programme_count=Count("programmes", filter=published),
            price_low=Min("programmes__price", filter=published),
            price_high=Max(Coalesce("programmes__price_high", "programmes__price"), filter=published),
            duration_low=Min("programmes__duration_days", filter=published),
            duration_high=Max("programmes__duration_days", filter=published),
            cpf_count=Count("programmes", filter=published & Q(programmes__cpf_eligible=True)),
            work_study_count=Count("programmes", filter=published & Q(programmes__work_study=True)),
            rncp_high=Max("programmes__rncp_level", filter=published),
            **admissions,
        ).order_by("position", "title")


class Path(PublishableModel):
    """A route into an AI career: after the bac, at university, by a bootcamp…"""

    class Audience(models.TextChoices):
        STUDENT = "student", _("Étudiants et lycéens")
        CAREER_CHANGER = "career_changer", _("Personnes en reconversion")
        BOTH = "both", _("Étudiants et personnes en reconversion")

    class Admission(models.TextChoices):
        PARCOURSUP = "parcoursup", _("Parcoursup")
        MONMASTER = "monmaster", _("MonMaster")
        DIRECT = "direct", _("Candidature directe")
        EMPLOYER = "employer", _("Contrat avec un employeur")

    title = models.CharField(_("intitulé"), max_length=120)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Ordre des colonnes dans le tableau des parcours.")
    )
    audience = models.CharField(_("pour qui"), max_length=16, choices=Audience.choices, default=Audience.BOTH)
    summary = models.TextField(_("résumé"), max_length=600, help_text=_("Deux ou trois phrases, affichées en tête."))
    body = models.TextField(
        _("présentation"), blank=True, help_text=_("Markdown : titres ##, listes, liens. Le HTML est filtré.")
    )
    duration_months_low = models.PositiveSmallIntegerField(
        _("durée typique, de (mois)"),
        null=True,
        blank=True,
        help_text=_("Utilisée seulement quand aucune formation publiée de ce parcours n’indique sa durée."),
    )
    duration_months_high = models.PositiveSmallIntegerField(_("à (mois)"), null=True, blank=True)
    cost_low = models.PositiveIntegerField(
        _("coût total typique, de (€)"),
        null=True,
        blank=True,
        help_text=_("Utilisé seulement quand aucune formation publiée de ce parcours n’indique son prix."),
    )
    cost_high = models.PositiveIntegerField(_("à (€)"), null=True, blank=True)
    cost_note = models.CharField(
        _("précision sur le coût"), max_length=255, blank=True, help_text=_("Par exemple : peu coûteux.")
    )
    funding = models.CharField(
        _("financement"),
        max_length=255,
        blank=True,
        help_text=_("CPF, salaire d’alternant, bourses… Le tableau ajoute ce que disent les formations publiées."),
    )
    level_reached = models.CharField(
        _("niveau atteint"),
        max_length=120,
        blank=True,
        help_text=_("Utilisé quand aucune formation publiée n’indique de niveau RNCP. Par exemple : Bac+5."),
    )
    admission = models.CharField(
        _("admission"), max_length=12, choices=Admission.choices, blank=True, help_text=_("Voie d’entrée principale.")
    )
    admission_note = models.CharField(
        _("précision sur l’admission"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : Parcoursup pour la licence, puis MonMaster pour le master."),
    )
    strengths = models.TextField(_("points forts"), blank=True, help_text=_("Un point par ligne."))
    limits = models.TextField(_("limites"), blank=True, help_text=_("Un point par ligne."))
    search_vector = search.document(title="A")

    objects = PathQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")
        ordering = ["position", "title"]
        permissions = [("publish_path", "Peut publier un parcours")]
        indexes = [
            # /parcours/ shows the published paths in editorial order.
            models.Index(fields=["status", "position"], name="path_status_position_idx"),
            search.SearchIndex(fields=["search_vector"], name="path_search_idx"),
        ]
        constraints = [
            low_lte_high(
                "duration_months",
                "path_duration_low_lte_high",
                _("La durée basse ne peut pas dépasser la durée haute."),
            ),
            low_lte_high("cost", "path_cost_low_lte_high", _("Le coût bas ne peut pas dépasser le coût haut.")),
            not_negative(
                ["duration_months_low", "duration_months_high", "cost_low", "cost_high"],
                "path_figures_not_negative",
                _("Une durée ou un coût ne peut pas être négatif."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:path_detail", kwargs={"slug": self.slug})

    @property
    def own_duration_label(self) -> str:
        """The typical duration staff entered, "" when they gave none."""
        low, high = self.duration_months_low, self.duration_months_high
        if low is None and high is None:
            return ""
        if low is None:
            return gettext("jusqu’à %(duration)s") % {"duration": format_duration(months=high)}
        if high is None:
            return gettext("au moins %(duration)s") % {"duration": format_duration(months=low)}
        if low == high:
            return format_duration(months=low)
        return f"{format_duration(months=low)} – {format_duration(months=high)}"

    @property
    def strengths_list(self) -> list[str]:
        return [line.strip() for line in self.strengths.splitlines() if line.strip()]

    @property
    def limits_list(self) -> list[str]:
        return [line.strip() for line in self.limits.splitlines() if line.strip()]

    @property
    def programme_admissions(self) -> list:
        """Admission routes of the published programmes (needs ``with_programme_summary``)."""
        return [member for member in self.Admission if getattr(self, f"admission_{member.value}", 0)]

    @property
    def rncp_high_label(self) -> str:
        return Programme.RncpLevel(self.rncp_high).label if getattr(self, "rncp_high", None) else ""


class Provider(TimeStampedModel):
    """A school, university or bootcamp organiser. It has no public page of its own."""

    class Kind(models.TextChoices):
        SPECIALISED_SCHOOL = "specialised_school", _("École privée spécialisée (IA, data)")
        UNIVERSITY = "university", _("Université")
        ENGINEERING_SCHOOL = "engineering_school", _("École d’ingénieurs")
        BOOTCAMP = "bootcamp", _("Organisateur de bootcamps")
        TRAINING_BODY = "training_body", _("Organisme de formation")

    name = models.CharField(_("nom"), max_length=160)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("ville du siège"), max_length=120, blank=True)
    website = models.URLField(_("site"), max_length=500, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    # Unique when given, hence NULL rather than "" when not: the importers find a provider by these.
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Quatorze chiffres. L’import du catalogue CPF s’en sert."),
    )
    uai = models.CharField(
        _("code UAI"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Code de l’établissement. L’import ONISEP s’en sert."),
    )
    search_vector = search.document(name="A")

    class Meta:
        verbose_name = _("organisme de formation")
        verbose_name_plural = _("organismes de formation")
        ordering = ["name"]
        indexes = [
            search.SearchIndex(fields=["search_vector"], name="provider_search_idx"),
            # /recherche/'s "Vouliez-vous dire" compares a misspelt word with the providers' names.
            search.TrigramIndex("name", index_name="provider_name_trgm_idx"),
        ]

    def __str__(self):
        return self.name


class City(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Place les formations de cette ville pour la recherche par ville et rayon."),
    )
    search_vector = search.document(name="A")

    class Meta:
        verbose_name = _("ville")
        verbose_name_plural = _("villes")
        ordering = ["name"]
        indexes = [search.SearchIndex(fields=["search_vector"], name="city_search_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.name and self.commune_id is None:
            self.commune = Commune.objects.best_for(self.name)


class ProgrammeQuerySet(PublishableQuerySet):
    def with_placement(self):
        """Annotate ``placement_rate`` and ``placement_months`` from the newest outcome giving them."""
        newest = Outcome.objects.filter(programme=OuterRef("pk"), employed_rate__isnull=False).order_by(
            "-observed_on", "-pk"
        )
        return self.annotate(
            placement_rate=Subquery(newest.values("employed_rate")[:1]),
            placement_months=Subquery(newest.values("employed_within_months")[:1]),
        )

    def for_list(self):
        """What a row of /formations/ shows, cheapest first (unknown prices last)."""
        return (
            self.select_related("provider", "path", "source")
            .prefetch_related("cities")
            .with_placement()
            .order_by(F("price").asc(nulls_last=True), "title", "pk")
        )

    def for_page(self):
        """Everything a programme page or a comparison column shows, in a fixed number of queries."""
        return self.select_related("provider", "path", "source").prefetch_related(
            "cities",
            models.Prefetch("careers", queryset=Career.objects.published().order_by("title")),
            models.Prefetch("outcomes", queryset=Outcome.objects.select_related("source")),
        )

    def leading_to(self, career, per_path: int):
        """The ``per_path`` cheapest programmes naming this career on each path, in path order, each with
        ``path_total`` so the profile links to the rest: a bounded page however many programmes there are."""
        by_price = [F("price").asc(nulls_last=True), F("title").asc(), F("pk").asc()]
        return (
            self.filter(careers=career)
            .select_related("path", "provider")
            .annotate(
                path_rank=Window(RowNumber(), partition_by=F("path"), order_by=by_price),
                path_total=Window(Count("*"), partition_by=F("path")),
            )
            .filter(path_rank__lte=per_path)
            .order_by("path__position", "path__title", "path", *by_price)
        )

    def similar_to(self, programme):
        """Other published programmes on the same path or towards one of the same careers."""
        career_ids = [career.pk for career in programme.careers.all()]
        same_career = Exists(Programme.careers.through.objects.filter(programme=OuterRef("pk"), career__in=career_ids))
        return (
            self.exclude(pk=programme.pk)
            .filter(Q(path=programme.path_id) | same_career)
            .select_related("provider")
            .order_by(F("price").asc(nulls_last=True), "title")
        )


class Programme(PublishableModel):
    """A programme one can enrol in, with what it costs, how long it takes and what it leads to."""

    # Values of the next three vocabularies appear in the query string
    # (?format=distanciel&niveau=bac3), hence French.
    class EntryLevel(models.TextChoices):
        NONE = "aucun", _("Sans diplôme requis")
        BAC = "bac", _("Bac")
        BAC_2 = "bac2", _("Bac+2")
        BAC_3 = "bac3", _("Bac+3")
        BAC_5 = "bac5", _("Bac+5")

    class Format(models.TextChoices):
        ON_SITE = "presentiel", _("Sur place")
        ONLINE = "distanciel", _("À distance")
        HYBRID = "hybride", _("Hybride")

    class Rhythm(models.TextChoices):
        FULL_TIME = "temps-plein", _("Temps plein")
        PART_TIME = "temps-partiel", _("Temps partiel")

    class RncpLevel(models.IntegerChoices):
        LEVEL_3 = 3, _("Niveau 3 (CAP)")
        LEVEL_4 = 4, _("Niveau 4 (bac)")
        LEVEL_5 = 5, _("Niveau 5 (bac+2)")
        LEVEL_6 = 6, _("Niveau 6 (bac+3 ou 4)")
        LEVEL_7 = 7, _("Niveau 7 (bac+5)")
        LEVEL_8 = 8, _("Niveau 8 (doctorat)")

    provider = models.ForeignKey(
        Provider, verbose_name=_("organisme"), on_delete=models.PROTECT, related_name="programmes"
    )
    path = models.ForeignKey(Path, verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="programmes")
    careers = models.ManyToManyField(
        Career,
        verbose_name=_("métiers visés"),
        blank=True,
        related_name="programmes",
        help_text=_("Les fiches métiers listent les formations qui y mènent."),
    )
    title = models.CharField(_("intitulé"), max_length=160)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True)
    summary = models.TextField(_("résumé"), max_length=600, help_text=_("Deux ou trois phrases."))
    body = models.TextField(
        _("présentation"), blank=True, help_text=_("Markdown : titres ##, listes, liens. Le HTML est filtré.")
    )
    url = models.URLField(_("page de la formation"), max_length=500, blank=True)
    entry_level = models.CharField(
        _("niveau d’entrée"),
        max_length=8,
        choices=EntryLevel.choices,
        blank=True,
        help_text=_("Vide : non communiqué."),
    )
    award_title = models.CharField(
        _("diplôme ou titre délivré"), max_length=200, blank=True, help_text=_("L’intitulé officiel, s’il y en a un.")
    )
    rncp_level = models.PositiveSmallIntegerField(
        _("niveau RNCP"),
        choices=RncpLevel.choices,
        null=True,
        blank=True,
        help_text=_("Seulement si le titre est inscrit au RNCP."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"), null=True, blank=True, help_text=_("Renseigner les mois ou les semaines, pas les deux.")
    )
    duration_weeks = models.PositiveSmallIntegerField(_("durée (semaines)"), null=True, blank=True)
    duration_hours = models.PositiveIntegerField(_("volume horaire (heures)"), null=True, blank=True)
    # One comparable figure for filtering and sorting, kept by the database itself.
    duration_days = models.GeneratedField(
        expression=Coalesce(F("duration_weeks") * DAYS_PER_WEEK, F("duration_months") * DAYS_PER_MONTH),
        output_field=models.IntegerField(),
        db_persist=True,
        verbose_name=_("durée en jours (calculée)"),
    )
    price = models.PositiveIntegerField(
        _("prix total (€)"),
        null=True,
        blank=True,
        help_text=_("Vide : non communiqué. 0 : gratuit. Coût total pour l’apprenant, avant financement."),
    )
    cpf_eligible = models.BooleanField(
        _("éligible au CPF"), null=True, blank=True, help_text=_("Vide : non communiqué.")
    )
    work_study = models.BooleanField(
        _("alternance possible"), null=True, blank=True, help_text=_("Vide : non communiqué.")
    )
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, blank=True)
    rhythm = models.CharField(_("rythme"), max_length=14, choices=Rhythm.choices, blank=True)
    cities = models.ManyToManyField(City, verbose_name=_("villes"), blank=True, related_name="programmes")
    admission = models.CharField(_("admission"), max_length=12, choices=Path.Admission.choices, blank=True)
    next_start = models.DateField(_("prochaine rentrée"), null=True, blank=True)
    price_high = models.PositiveIntegerField(
        _("prix le plus haut (€)"),
        null=True,
        blank=True,
        help_text=_(
            "Quand le prix varie selon les sessions : le prix ci-dessus est le plus bas, celui-ci le plus haut."
        ),
    )
    duration_hours_high = models.PositiveIntegerField(
        _("volume horaire le plus haut (heures)"),
        null=True,
        blank=True,
        help_text=_("Quand le volume varie selon les sessions : le volume ci-dessus est le plus bas."),
    )
    rncp_code = models.CharField(_("code RNCP"), max_length=12, blank=True, help_text=_("Par exemple : RNCP35288."))
    region = models.CharField(_("région"), max_length=2, choices=Region.choices, blank=True)
    department = models.CharField(_("département"), max_length=3, blank=True, help_text=_("Son code : 75, 2A, 974."))
    remote_possible = models.BooleanField(
        _("peut se suivre à distance"),
        null=True,
        blank=True,
        help_text=_("Au moins une session à distance. Vide : non communiqué."),
    )
    source = models.ForeignKey(
        DataSource,
        verbose_name=_("source importée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        help_text=_("Vide : saisie par l’équipe. Sinon, le catalogue d’où l’import l’a reprise."),
    )
    source_ref = models.CharField(_("identifiant à la source"), max_length=100, blank=True)
    source_extracted_on = models.DateField(_("extraite le"), null=True, blank=True)
    # What the last import wrote, field by field: a field that differs from it now was edited by staff, and the
    # next import leaves it alone.
    source_values = models.JSONField(_("valeurs importées"), default=dict, blank=True, editable=False)
    # The import run that last found it in its catalogue: what a full run did not stamp, it closes.
    source_run = models.PositiveBigIntegerField(
        _("dernier import qui l’a trouvée"), null=True, blank=True, editable=False
    )
    closed_on = models.DateField(
        _("fermée le"),
        null=True,
        blank=True,
        help_text=_("Le jour où l’import ne l’a plus trouvée dans son catalogue ; elle est alors archivée."),
    )
    search_vector = search.document(title="A", summary="B")

    objects = ProgrammeQuerySet.as_manager()
    # Generated columns are recomputed from the fields; history keeps those.
    history = HistoricalRecords(excluded_fields=["duration_days", "search_vector", "source_values", "source_run"])
    revision_children = ("outcomes",)

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["title"]
        permissions = [("publish_programme", "Peut publier une formation")]
        indexes = [
            # /formations/ sorts published programmes by price (default), duration or next start.
            models.Index(fields=["status", "price"], name="programme_status_price_idx"),
            models.Index(fields=["status", "duration_days"], name="programme_status_duration_idx"),
            models.Index(fields=["status", "next_start"], name="programme_status_start_idx"),
            # The region and département filters of /formations/.
            models.Index(fields=["status", "region"], name="programme_status_region_idx"),
            models.Index(fields=["status", "department"], name="programme_status_dept_idx"),
            search.SearchIndex(fields=["search_vector"], name="programme_search_idx"),
        ]
        constraints = [
            # Each import finds its programmes by their id in the catalogue.
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=Q(source__isnull=False),
                name="programme_source_ref_unique",
                violation_error_message=_("Une autre formation a déjà cet identifiant dans cette source."),
            ),
            low_lte_high(
                "",
                "programme_price_low_lte_high",
                _("Le prix le plus bas ne peut pas dépasser le plus haut."),
                low="price",
                high="price_high",
            ),
            low_lte_high(
                "",
                "programme_hours_low_lte_high",
                _("Le volume horaire le plus bas ne peut pas dépasser le plus haut."),
                low="duration_hours",
                high="duration_hours_high",
            ),
            not_negative(
                ["price_high", "duration_hours_high"],
                "programme_high_figures_not_negative",
                _("Un prix ou une durée ne peut pas être négatif."),
            ),
            not_negative(
                ["price", "duration_months", "duration_weeks", "duration_hours"],
                "programme_price_duration_not_negative",
                _("Un prix ou une durée ne peut pas être négatif."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True) | Q(duration_weeks__isnull=True),
                name="programme_duration_one_unit",
                violation_error_message=_("Indiquez la durée en mois ou en semaines, pas les deux."),
            ),
            models.CheckConstraint(
                condition=~Q(slug=COMPARE_SLUG),
                name="programme_slug_not_reserved",
                violation_error_message=_("« comparer » est réservé à la page de comparaison."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:programme_detail", kwargs={"slug": self.slug})

    @property
    def public_path(self) -> Path | None:
        """The path, if the public may see it: a published programme may sit on a path still in draft."""
        return self.path if self.path.is_published else None

    @property
    def hours_label(self) -> str:
        """ "35 heures", or "de 35 à 70 heures" when the sessions differ; "" when unknown."""
        low, high = self.duration_hours, self.duration_hours_high
        if not low:
            return ""
        if high and high != low:
            return gettext("de %(low)s à %(high)s heures") % {"low": low, "high": high}
        return gettext("%(hours)s heures") % {"hours": low}

    @property
    def place_label(self) -> str:
        """Where the catalogue places it: "Île-de-France (75)", "" when it does not say."""
        region = self.get_region_display() if self.region else ""
        if region and self.department:
            return f"{region} ({self.department})"
        return region or self.department

    @property
    def duration_label(self) -> str:
        hours = self.hours_label
        if not self.has_duration:
            return hours or gettext("non communiqué")
        label = format_duration(self.duration_months, self.duration_weeks)
        return f"{label} ({hours})" if hours else label

    @property
    def has_duration(self) -> bool:
        return self.duration_months is not None or self.duration_weeks is not None

    @cached_property
    def figures(self) -> dict:
        """For each outcome figure, the newest outcome that gives it (uses the prefetched outcomes)."""
        latest = {}
        for outcome in self.outcomes.all():
            for name in Outcome.FIGURES:
                if getattr(outcome, name) is not None:
                    latest.setdefault(name, outcome)
        return latest


class Outcome(TimeStampedModel):
    """What became of the learners, as one report states it, with its source and date."""

    FIGURES = [
        "cohort_size",
        "completion_rate",
        "employed_rate",
        "median_salary",
        "satisfaction_rate",
        "people_trained",
    ]

    programme = models.ForeignKey(
        Programme, verbose_name=_("formation"), on_delete=models.CASCADE, related_name="outcomes"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="training_outcomes"
    )
    observed_on = models.DateField(
        _("date des chiffres"), help_text=_("Si seul le mois est connu, choisir le premier jour du mois.")
    )
    cohort_start = models.DateField(_("cohorte : début"), null=True, blank=True)
    cohort_end = models.DateField(_("cohorte : fin"), null=True, blank=True)
    cohort_size = models.PositiveIntegerField(_("taille de la cohorte"), null=True, blank=True)
    completion_rate = models.PositiveSmallIntegerField(
        _("taux de réussite (%)"), null=True, blank=True, help_text=_("Part des inscrits allés au bout.")
    )
    employed_rate = models.PositiveSmallIntegerField(_("taux d’emploi dans le domaine (%)"), null=True, blank=True)
    employed_within_months = models.PositiveSmallIntegerField(
        _("dans les (mois)"), null=True, blank=True, help_text=_("Délai après la fin de la formation.")
    )
    employed_definition = models.CharField(
        _("définition de l’emploi retenue"),
        max_length=255,
        blank=True,
        help_text=_("Ce que la source compte comme emploi : CDI, CDD de plus de 6 mois, freelance…"),
    )
    median_salary = models.PositiveIntegerField(_("salaire médian à l’embauche (€ brut annuel)"), null=True, blank=True)
    satisfaction_rate = models.PositiveSmallIntegerField(_("taux de satisfaction (%)"), null=True, blank=True)
    satisfaction_measure = models.CharField(
        _("ce que mesure ce taux"),
        max_length=255,
        blank=True,
        help_text=_("La question posée, par exemple : se sentent mieux dans leur nouvelle carrière."),
    )
    people_trained = models.PositiveIntegerField(_("personnes formées au total"), null=True, blank=True)
    people_trained_at_least = models.BooleanField(
        _("au moins"), default=False, help_text=_("Cocher si la source dit « plus de ».")
    )
    note = models.CharField(_("précision"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiffre de résultats")
        verbose_name_plural = _("chiffres de résultats")
        ordering = ["-observed_on", "-pk"]
        indexes = [
            # The placement column of /formations/ reads each programme's newest outcome.
            models.Index(fields=["programme", "-observed_on"], name="outcome_programme_date_idx"),
        ]
        constraints = [
            rate_0_100("completion_rate", "outcome_completion_rate_0_100"),
            rate_0_100("employed_rate", "outcome_employed_rate_0_100"),
            rate_0_100("satisfaction_rate", "outcome_satisfaction_rate_0_100"),
            models.CheckConstraint(
                condition=Q(employed_rate__isnull=True)
                | (Q(employed_within_months__isnull=False) & ~Q(employed_definition="")),
                name="outcome_employed_rate_defined",
                violation_error_message=_(
                    "Un taux d’emploi doit indiquer son délai en mois et la définition de l’emploi retenue."
                ),
            ),
            models.CheckConstraint(
                condition=Q(satisfaction_rate__isnull=True) | ~Q(satisfaction_measure=""),
                name="outcome_satisfaction_measure_given",
                violation_error_message=_("Un taux de satisfaction doit dire ce qu’il mesure."),
            ),
            low_lte_high(
                "cohort",
                "outcome_cohort_start_lte_end",
                _("La cohorte ne peut pas finir avant d’avoir commencé."),
                low="cohort_start",
                high="cohort_end",
            ),
            not_negative(
                ["cohort_size", "employed_within_months", "median_salary", "people_trained"],
                "outcome_figures_not_negative",
                _("Un effectif, un délai ou un salaire ne peut pas être négatif."),
            ),
        ]

    def __str__(self):
        return _("Chiffres de %(date)s") % {"date": f"{self.observed_on:%m/%Y}"}


@dataclass
class PathGroup:
    """Programmes of one path, as the career profile lists them: the first few and how many in all; ``path`` is
    ``None`` for those whose paths are not published (their names are not public)."""

    path: Path | None
    programmes: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.programmes)


def group_by_path(programmes) -> list[PathGroup]:
    """One ``PathGroup`` per published path, in the order given (``leading_to`` orders by path), then one for
    the programmes on paths not published, if any."""
    groups: dict[int | None, PathGroup] = {}
    counted = set()
    for programme in programmes:
        path = programme.public_path
        group = groups.setdefault(path.pk if path else None, PathGroup(path, [], 0))
        group.programmes.append(programme)
        if programme.path_id not in counted:
            counted.add(programme.path_id)
            group.total += programme.path_total
    unnamed = groups.pop(None, None)
    return [*groups.values(), *([unnamed] if unnamed else [])]
