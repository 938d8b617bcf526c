"""Career profiles, their pay and market figures, and the sources behind them."""

import re
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Max, Min, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import search
from core.constraints import low_lte_high, not_negative
from core.freshness import twelve_months_before
from core.geography import Country, Currency, Region
from core.models import PublishableModel, PublishableQuerySet, TimeStampedModel


class DatePrecision(models.TextChoices):
    DAY = "day", _("Le jour")
    MONTH = "month", _("Le mois")
    YEAR = "year", _("L’année")


class Source(TimeStampedModel):
    """Where a figure comes from. Every figure on the portal points to one."""

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=255)
    publisher = models.CharField(_("éditeur"), max_length=120, help_text=_("Qui publie : Jedha, Malt, Apec…"))
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    published_on = models.DateField(
        _("date de publication"),
        help_text=_("Si seul le mois ou l’année est connu, choisir le premier jour et le dire dans « précision »."),
    )
    date_precision = models.CharField(
        _("précision de la date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
        help_text=_("Ce que la source dit de sa date : le jour, le mois ou seulement l’année."),
    )
    read_on = models.DateField(
        _("lu le"), null=True, blank=True, help_text=_("Le jour où l’équipe a lu la source pour en tirer les chiffres.")
    )
    note = models.CharField(
        _("remarque"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : article promotionnel d’une école ; chiffre cité d’après Malt."),
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]

    def __str__(self):
        return f"{self.publisher} : {self.title}"

    @property
    def date_label(self) -> str:
        """The publication date as precisely as the source gives it: "15 septembre 2025", "octobre 2025", "2025"."""
        formats = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
        return date_format(self.published_on, formats.get(self.date_precision, "F Y"))

    @property
    def updated_label(self) -> str:
        """ "mis à jour le 15 septembre 2025", "mis à jour en octobre 2025", "mis à jour en 2025"."""
        if self.date_precision == DatePrecision.DAY:
            return _("mis à jour le %(date)s") % {"date": self.date_label}
        return _("mis à jour en %(date)s") % {"date": self.date_label}

    @property
    def is_stale(self) -> bool:
        """Published more than 12 months ago: the rule of the "À revoir" queue (``careers.review``), read today."""
        return self.published_on < twelve_months_before(timezone.localdate())


class Sector(models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Compétence technique")
        SOFT = "soft", _("Savoir-être")

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.TECHNICAL)
    search_vector = search.document(name="A")

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["kind", "name"]
        indexes = [search.SearchIndex(fields=["search_vector"], name="skill_search_idx")]

    def __str__(self):
        return self.name


def comma_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def codes_validator(pattern: str, message):
    """Accept a comma-separated list of codes, each matching ``pattern``."""
    return RegexValidator(rf"^\s*({pattern})?(\s*,\s*{pattern})*\s*,?\s*$", message, flags=re.IGNORECASE)


# French annual gross salaries: the figures "best paid" is judged on.
FRENCH_SALARY = Q(
    pay_figures__kind="salary",
    pay_figures__country=Country.FRANCE,
    pay_figures__currency=Currency.EUR,
)


# Pages under /metiers/ that a profile's slug would hide.
RESERVED_SLUGS = {"les-mieux-payes"}


def not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("Cet identifiant est celui d’une page du portail : choisissez-en un autre."))


class CareerQuerySet(PublishableQuerySet):
    def with_pay_range(self):
        """Annotate ``pay_low`` and ``pay_high``, the French annual gross range (a lone end counts as both), and
        ``pay_source_count``, the sources behind it."""
        low = Coalesce("pay_figures__amount_low", "pay_figures__amount_high")
        high = Coalesce("pay_figures__amount_high", "pay_figures__amount_low")
        return self.annotate(
            pay_low=Min(low, filter=FRENCH_SALARY),
            pay_high=Max(high, filter=FRENCH_SALARY),
            pay_source_count=Count("pay_figures__source", filter=FRENCH_SALARY, distinct=True),
        )

    def best_paid(self):
        """Highest French salary first (needs ``with_pay_range``); unknown pay last."""
        return self.order_by(F("pay_high").desc(nulls_last=True), "title", "pk")

    def for_list(self):
        """What a list of careers shows: pay range and sectors, in two queries."""
        return self.with_pay_range().prefetch_related("sectors").best_paid()

    def for_profile(self):
        """What a profile page shows, in a fixed number of queries: the career with its ancestors, its sectors,
        skills, pay and market figures with their sources (``Career.lists`` reads the owned lists in one more,
        ``Career.neighbours`` its published sub-careers and related careers in one more)."""
        return self.select_related("parent__parent__parent").prefetch_related(
            "sectors",
            "skills",
            models.Prefetch("pay_figures", queryset=PayFigure.objects.select_related("source")),
            models.Prefetch("market_figures", queryset=MarketFigure.objects.select_related("source")),
        )

    def for_profile_data(self):
        """What the API's profile serialises: the page's rows but the sub-careers (``?famille=`` lists them)."""
        return self.select_related("parent__parent__parent").prefetch_related(
            "sectors",
            "skills",
            models.Prefetch("pay_figures", queryset=PayFigure.objects.select_related("source")),
            models.Prefetch("market_figures", queryset=MarketFigure.objects.select_related("source")),
        )

    def families(self):
        """Careers that other careers belong to ("Chef de projet Data")."""
        return self.filter(children__isnull=False).distinct().order_by("title")


class Career(PublishableModel):
    title = models.CharField(_("intitulé"), max_length=120)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True, validators=[not_reserved])
    other_names = models.CharField(
        _("autres intitulés"),
        max_length=255,
        blank=True,
        help_text=_("Séparés par des virgules : AI Project Manager, AI Product Manager."),
    )
    summary = models.TextField(
        _("résumé"), max_length=600, help_text=_("Deux ou trois phrases, affichées dans les listes.")
    )
    body = models.TextField(
        _("présentation"), blank=True, help_text=_("Markdown : titres ##, listes, liens. Le HTML est filtré.")
    )
    # Deleting a family keeps its specialities: they only lose their parent.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("famille"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "Le métier plus large dont celui-ci est une spécialité (le Chef de projet IA est un Chef de projet Data)."
        ),
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs"), blank=True, related_name="careers")
    skills = models.ManyToManyField(Skill, verbose_name=_("compétences"), blank=True, related_name="careers")
    open_to_career_changers = models.BooleanField(
        _("ouvert aux reconversions"), default=False, help_text=_("Cocher si la source le dit.")
    )
    suited_to_freelance = models.BooleanField(
        _("se prête au freelance"), default=False, help_text=_("Cocher si la source le dit.")
    )
    reviewed_on = models.DateField(
        _("relu le"), null=True, blank=True, help_text=_("Date de la dernière vérification de la fiche.")
    )
    studies = models.TextField(
        _("études"),
        blank=True,
        help_text=_(
            "Les études et le niveau qui mènent d’habitude au métier (bac+5, master, école d’ingénieurs…). Markdown."
        ),
    )
    # Symmetrical: a career is related to the careers that name it.
    related = models.ManyToManyField(
        "self",
        verbose_name=_("métiers proches"),
        blank=True,
        help_text=_("Les métiers voisins vers lesquels on passe souvent, ou avec lesquels on travaille."),
    )
    # What importers look for: job offers by ROME code and keyword, programmes by ROME code, formacode and keyword.
    rome_codes = models.CharField(
        _("codes ROME"),
        max_length=120,
        blank=True,
        validators=[codes_validator(r"[A-N][0-9]{4}", _("Un code ROME s’écrit comme M1405."))],
        help_text=_("Séparés par des virgules : M1405, M1811. Servent à trouver les offres et les formations."),
    )
    formacodes = models.CharField(
        _("formacodes"),
        max_length=120,
        blank=True,
        validators=[codes_validator(r"[0-9]{5}", _("Un formacode s’écrit avec cinq chiffres, comme 31026."))],
        help_text=_("Séparés par des virgules. Servent à trouver les formations du catalogue CPF."),
    )
    search_keywords = models.CharField(
        _("mots-clés de recherche"),
        max_length=500,
        blank=True,
        help_text=_("Séparés par des virgules : data scientist, science des données. Servent aux imports."),
    )
    search_vector = search.document(title="A", other_names="A", summary="B")

    objects = CareerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])
    revision_children = ("missions", "pay_figures", "market_figures", "certifications", "faq_entries")
    review_date_field = "reviewed_on"

    class Meta:
        verbose_name = _("métier")
        verbose_name_plural = _("métiers")
        ordering = ["title"]
        permissions = [("publish_career", "Peut publier un métier")]
        indexes = [
            # /metiers/ lists published careers; title breaks pay ties.
            models.Index(fields=["status", "title"], name="career_status_title_idx"),
            search.SearchIndex(fields=["search_vector"], name="career_search_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:detail", kwargs={"slug": self.slug})

    @property
    def other_names_list(self) -> list[str]:
        return comma_list(self.other_names)

    @property
    def rome_code_list(self) -> list[str]:
        return [code.upper() for code in comma_list(self.rome_codes)]

    @property
    def formacode_list(self) -> list[str]:
        return comma_list(self.formacodes)

    @property
    def keyword_list(self) -> list[str]:
        return comma_list(self.search_keywords)

    @cached_property
    def lists(self) -> "OwnedLists":
        """Missions, certifications and answered questions, in one query: a UNION of the three tables, whose
        rows share one shape (kind, id, position and three texts), each kind in its order."""
        shape = ("kind", "pk", "position", "first", "second", "third")
        missions = Mission.objects.filter(career=self).annotate(
            kind=Value(0), first=F("title"), second=F("description"), third=Value("")
        )
        certifications = Certification.objects.filter(career=self).annotate(
            kind=Value(1), first=F("name"), second=F("issuer"), third=F("url")
        )
        faq = (
            FAQEntry.objects.answered()
            .filter(career=self)
            .annotate(kind=Value(2), first=F("question"), second=F("answer"), third=Value(""))
        )
        rows = (
            missions.order_by()
            .values_list(*shape)
            .union(certifications.order_by().values_list(*shape), faq.order_by().values_list(*shape), all=True)
            .order_by("kind", "position", "pk")
        )
        lists = OwnedLists([], [], [])
        build = [
            lambda pk, position, a, b, c: Mission(pk=pk, career=self, position=position, title=a, description=b),
            lambda pk, position, a, b, c: Certification(pk=pk, career=self, position=position, name=a, issuer=b, url=c),
            lambda pk, position, a, b, c: FAQEntry(pk=pk, career=self, position=position, question=a, answer=b),
        ]
        for kind, *values in rows:
            (lists.missions, lists.certifications, lists.faq)[kind].append(build[kind](*values))
        return lists

    @cached_property
    def neighbours(self) -> "Neighbours":
        """Published sub-careers and related careers, by title, in one query; a sub-career is listed as such only."""
        rows = (
            Career.objects.published()
            .filter(Q(parent=self) | Q(related=self))
            .exclude(pk=self.pk)
            .distinct()
            .order_by("title", "pk")
        )
        neighbours = Neighbours([], [])
        for career in rows:
            (neighbours.children if career.parent_id == self.pk else neighbours.related).append(career)
        return neighbours

    def ancestors(self) -> list["Career"]:
        """The published families above this career, broadest first (an unpublished one never named), from the
        parents ``for_profile`` joined."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen and len(seen) <= 3:
            if node.is_published:
                chain.insert(0, node)
            seen.add(node.pk)
            node = node.parent
        return chain


@dataclass(frozen=True)
class OwnedLists:
    """The rows a career owns and its profile lists in full (``Career.lists``)."""

    missions: list
    certifications: list
    faq: list


@dataclass(frozen=True)
class Neighbours:
    """The published careers a profile links to besides its families (``Career.neighbours``)."""

    children: list
    related: list


class Mission(models.Model):
    # Owned row, edited inline with its career: deleted with it (the admin lists it first).
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="missions")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("mission"), max_length=160)
    description = models.TextField(_("détail"), blank=True)
    search_vector = search.document(title="A", description="B")

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["position", "id"]
        indexes = [search.SearchIndex(fields=["search_vector"], name="mission_search_idx")]

    def __str__(self):
        return self.title


class Certification(models.Model):
    # Owned row, edited inline with its career: deleted with it (the admin lists it first).
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="certifications")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    name = models.CharField(_("certification"), max_length=160)
    issuer = models.CharField(_("organisme"), max_length=120, blank=True)
    url = models.URLField(_("adresse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class FAQEntryQuerySet(models.QuerySet):
    def answered(self):
        """Questions with an answer: the only ones shown to the public."""
        return self.exclude(answer="")


class FAQEntry(models.Model):
    # Owned row, edited inline with its career: deleted with it (the admin lists it first).
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="faq_entries")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    question = models.CharField(_("question"), max_length=255)
    answer = models.TextField(
        _("réponse"),
        blank=True,
        help_text=_("Markdown. Tant que la réponse est vide, la question n’est pas affichée."),
    )

    objects = FAQEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("question fréquente")
        verbose_name_plural = _("questions fréquentes")
        ordering = ["position", "id"]

    def __str__(self):
        return self.question


class PayFigure(TimeStampedModel):
    """One sourced pay figure: a range, an "up to", or a single average."""

    class Kind(models.TextChoices):
        SALARY = "salary", _("Salaire annuel brut")
        DAY_RATE = "day_rate", _("Tarif journalier (TJM) en freelance")
        BONUS = "bonus", _("Prime annuelle")

    class Experience(models.TextChoices):
        JUNIOR = "junior", _("Junior")
        CONFIRMED = "confirmed", _("Confirmé")
        SENIOR = "senior", _("Senior / expert")
        ALL = "all", _("Tous niveaux")

    # Owned row, edited inline with its career: deleted with it (the admin lists it first).
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="pay_figures")
    kind = models.CharField(_("nature"), max_length=12, choices=Kind.choices, default=Kind.SALARY)
    experience = models.CharField(_("expérience"), max_length=12, choices=Experience.choices, default=Experience.ALL)
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices, default=Country.FRANCE)
    region = models.CharField(
        _("région"), max_length=2, choices=Region.choices, blank=True, help_text=_("Pour un chiffre régional français.")
    )
    area = models.CharField(_("zone précise"), max_length=120, blank=True, help_text=_("Par exemple : Silicon Valley."))
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    amount_low = models.PositiveIntegerField(_("montant bas"), null=True, blank=True)
    amount_high = models.PositiveIntegerField(
        _("montant haut"), null=True, blank=True, help_text=_("Seul, il se lit « jusqu’à ».")
    )
    note = models.CharField(
        _("précision"), max_length=255, blank=True, help_text=_("Par exemple : moyenne, tous domaines confondus.")
    )
    # A figure never loses its source: deleting a source still cited is refused.
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="pay_figures")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiffre de rémunération")
        verbose_name_plural = _("chiffres de rémunération")
        ordering = ["kind", "country", "amount_low", "amount_high"]
        constraints = [
            low_lte_high(
                "amount", "pay_figure_low_lte_high", _("Le montant bas ne peut pas dépasser le montant haut.")
            ),
            models.CheckConstraint(
                condition=Q(amount_low__isnull=False) | Q(amount_high__isnull=False),
                name="pay_figure_has_amount",
                violation_error_message=_("Indiquez au moins un montant."),
            ),
            not_negative(
                ["amount_low", "amount_high"],
                "pay_figure_amounts_not_negative",
                _("Un montant ne peut pas être négatif."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_experience_display()} · {self.place_label}"

    @property
    def place_label(self) -> str:
        if self.area:
            return f"{self.area} ({self.get_country_display()})"
        if self.region:
            return self.get_region_display()
        return self.get_country_display()

    @property
    def is_single_value(self) -> bool:
        return self.amount_low is not None and self.amount_low == self.amount_high

    @property
    def is_french_salary(self) -> bool:
        return self.kind == self.Kind.SALARY and self.country == Country.FRANCE and self.currency == Currency.EUR


class MarketFigure(TimeStampedModel):
    """How many offers were seen for a career, when and where."""

    # Owned row, edited inline with its career: deleted with it (the admin lists it first).
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="market_figures")
    offer_count = models.PositiveIntegerField(_("nombre d’offres"))
    approximate = models.BooleanField(_("ordre de grandeur"), default=True, help_text=_("Affiché « environ »."))
    observed_on = models.DateField(_("relevé le"))
    platforms = models.CharField(_("plateformes"), max_length=255, help_text=_("Par exemple : LinkedIn, Apec, Indeed."))
    # A figure never loses its source: deleting a source still cited is refused.
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="market_figures"
    )

    class Meta:
        verbose_name = _("chiffre du marché")
        verbose_name_plural = _("chiffres du marché")
        ordering = ["-observed_on"]

    def __str__(self):
        return f"{self.offer_count} offres ({self.observed_on:%m/%Y})"
