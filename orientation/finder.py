"""The path finder (/orientation/): the paths and programmes that fit a situation, ranked, with reasons.

A GET form whose answer lives in the URL, so it can be shared. The ranking is
plain functions over model rows, tested on fixed inputs; the form only checks
and converts what the visitor typed.

The rule, which the page states: fewest misfits first, then most reasons. Ties
go to what the portal knows more of, never to the editors' column order: for a
path, the one with more published programmes, then the one whose cheapest
programme is cheaper (an unknown price comes after a known one); for a
programme, the cheaper known price. A high-school pupil who gives no diploma is
taken to be preparing the bac, so a programme that asks for more says so.
"""

import math
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from careers.selectors import Career
from core.forms import NumberInput
from core.templatetags.core_tags import money
from training.selectors import DAYS_PER_MONTH, Path, Programme

MAX_BUDGET = 1_000_000
MAX_MONTHS = 120
FINDER_CANDIDATES = 300  # programmes ranked per answer: bounded whatever the catalogue's size
FINDER_SHOWN = 10


def money_text(amount) -> str:
    return money(amount)


class FinderForm(forms.Form):
    class Situation:
        HIGH_SCHOOL = "lyceen"
        STUDENT = "etudiant"
        EMPLOYEE = "salarie"
        JOB_SEEKER = "demandeur"
        CHOICES = [
            (HIGH_SCHOOL, _("Lycéen ou lycéenne")),
            (STUDENT, _("Étudiant ou étudiante")),
            (EMPLOYEE, _("Salarié, je veux changer de métier")),
            (JOB_SEEKER, _("Demandeur ou demandeuse d’emploi")),
        ]
        STUDYING = {HIGH_SCHOOL, STUDENT}

    situation = forms.ChoiceField(label=_("Votre situation"), choices=Situation.CHOICES)
    diplome = forms.ChoiceField(
        label=_("Votre diplôme le plus élevé"),
        choices=[("", _("Non précisé"))] + Programme.EntryLevel.choices,
        required=False,
    )
    budget = forms.IntegerField(
        label=_("Budget maximum (€)"),
        required=False,
        min_value=0,
        max_value=MAX_BUDGET,
        widget=NumberInput(attrs={"step": 500, "inputmode": "numeric"}),
    )
    duree = forms.IntegerField(
        label=_("Durée maximum (mois)"),
        required=False,
        min_value=1,
        max_value=MAX_MONTHS,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
    )
    format = forms.ChoiceField(
        label=_("Format souhaité"), choices=[("", _("Indifférent"))] + Programme.Format.choices, required=False
    )
    cpf = forms.BooleanField(label=_("J’ai besoin d’un financement CPF"), required=False)
    alternance = forms.BooleanField(label=_("Je veux me former en alternance"), required=False)
    metier = forms.ModelChoiceField(
        label=_("Métier visé"),
        queryset=Career.objects.published().order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label=_("Je ne sais pas encore"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("budget", "duree"):
            self.fields[name].error_messages.update(
                invalid=_("Indiquez un nombre entier."),
                min_value=_("Indiquez un nombre positif."),
                max_value=_("Indiquez au plus %(limit_value)s."),
            )


@dataclass
class Match:
    """A path or programme with why it fits and what does not."""

    item: object
    reasons: list[str] = field(default_factory=list)
    misfits: list[str] = field(default_factory=list)

    @property
    def sort_key(self):
        return (len(self.misfits), -len(self.reasons))


def audience_fits(audience, situation) -> bool:
    studying = situation in FinderForm.Situation.STUDYING
    if audience == Path.Audience.BOTH:
        return True
    return (audience == Path.Audience.STUDENT) == studying


def months_of(days) -> int:
    return math.ceil(days / DAYS_PER_MONTH)


def diploma_of(criteria: dict) -> tuple[str, bool]:
    """The visitor's diploma, and whether it was assumed: a high-school pupil is preparing the bac."""
    diploma = criteria.get("diplome")
    if not diploma and criteria.get("situation") == FinderForm.Situation.HIGH_SCHOOL:
        return Programme.EntryLevel.BAC, True
    return diploma or "", False


def judge_path(path: Path, criteria: dict) -> Match:
    """Needs ``with_programme_summary``: the path is judged on its published programmes."""
    match = Match(path)
    situation = criteria["situation"]
    if audience_fits(path.audience, situation):
        match.reasons.append(
            gettext_now("pensé pour votre situation (%(audience)s)") % {"audience": path.get_audience_display()}
        )
    else:
        match.misfits.append(
            gettext_now("pensé pour un autre public (%(audience)s)") % {"audience": path.get_audience_display()}
        )
    budget = criteria.get("budget")
    if budget is not None and path.price_low is not None:
        if path.price_low <= budget:
            match.reasons.append(
                gettext_now("des formations à partir de %(price)s") % {"price": money_text(path.price_low)}
            )
        else:
            match.misfits.append(
                gettext_now("la moins chère dépasse votre budget de %(gap)s")
                % {"gap": money_text(path.price_low - budget)}
            )
    months = criteria.get("duree")
    if months is not None and path.duration_low is not None:
        shortest = months_of(path.duration_low)
        if shortest <= months:
            match.reasons.append(gettext_now("des formations de %(months)s mois ou moins") % {"months": shortest})
        else:
            match.misfits.append(
                gettext_now("la plus courte dure %(gap)s mois de plus que votre maximum") % {"gap": shortest - months}
            )
    if criteria.get("cpf"):
        if path.cpf_count:
            match.reasons.append(gettext_now("des formations éligibles au CPF"))
        else:
            match.misfits.append(gettext_now("aucune formation éligible au CPF"))
    if criteria.get("alternance"):
        if path.work_study_count:
            match.reasons.append(gettext_now("des formations en alternance"))
        else:
            match.misfits.append(gettext_now("aucune formation en alternance"))
    return match


def judge_programme(programme: Programme, criteria: dict) -> Match:
    """Needs ``provider`` and ``path`` loaded and ``leads_to_career`` annotated when a career is aimed at."""
    match = Match(programme)
    if not audience_fits(programme.path.audience, criteria["situation"]):
        match.misfits.append(
            gettext_now("parcours pensé pour un autre public (%(audience)s)")
            % {"audience": programme.path.get_audience_display()}
        )
    career = criteria.get("metier")
    if career is not None:
        if programme.leads_to_career:
            match.reasons.append(gettext_now("mène au métier %(career)s") % {"career": career.title})
        else:
            match.misfits.append(gettext_now("ne vise pas le métier %(career)s") % {"career": career.title})
    budget = criteria.get("budget")
    if budget is not None:
        if programme.price is None:
            match.misfits.append(gettext_now("prix non communiqué"))
        elif programme.price <= budget:
            match.reasons.append(gettext_now("dans votre budget (%(price)s)") % {"price": money_text(programme.price)})
        else:
            match.misfits.append(
                gettext_now("dépasse votre budget de %(gap)s") % {"gap": money_text(programme.price - budget)}
            )
    months = criteria.get("duree")
    if months is not None:
        if programme.duration_days is None:
            match.misfits.append(gettext_now("durée non communiquée"))
        elif months_of(programme.duration_days) <= months:
            match.reasons.append(gettext_now("dure %(duration)s") % {"duration": programme.duration_label})
        else:
            match.misfits.append(
                gettext_now("dure %(gap)s mois de plus que votre maximum")
                % {"gap": months_of(programme.duration_days) - months}
            )
    wanted_format = criteria.get("format")
    if wanted_format:
        if programme.format == wanted_format:
            match.reasons.append(gettext_now("format %(format)s") % {"format": programme.get_format_display().lower()})
        elif programme.format:
            match.misfits.append(gettext_now("format %(format)s") % {"format": programme.get_format_display().lower()})
        else:
            match.misfits.append(gettext_now("format non communiqué"))
    for key, attribute, yes, no, unknown in (
        (
            "cpf",
            "cpf_eligible",
            _("éligible au CPF"),
            _("non éligible au CPF"),
            _("éligibilité au CPF non communiquée"),
        ),
        ("alternance", "work_study", _("possible en alternance"), _("pas d’alternance"), _("alternance non précisée")),
    ):
        if criteria.get(key):
            value = getattr(programme, attribute)
            target = match.reasons if value else match.misfits
            target.append(str(yes if value else (no if value is False else unknown)))
    diploma, assumed = diploma_of(criteria)
    if diploma and programme.entry_level:
        levels = Programme.EntryLevel.values
        if levels.index(programme.entry_level) <= levels.index(diploma):
            match.reasons.append(
                gettext_now("accessible après le bac")
                if assumed
                else gettext_now("accessible avec votre niveau (%(level)s)")
                % {"level": programme.get_entry_level_display()}
            )
        else:
            match.misfits.append(
                gettext_now("demande le niveau %(level)s") % {"level": programme.get_entry_level_display()}
            )
    return match


def rank(matches: list[Match]) -> list[Match]:
    """Fewest misfits first, then most reasons; the order given breaks ties (cheapest first)."""
    return sorted(matches, key=lambda match: match.sort_key)


def rank_paths(matches: list[Match]) -> list[Match]:
    """As ``rank``, ties broken by what is known: more published programmes, then the lower known cheapest price
    (unknown last), then the title; the editors' order of the paths table plays no part."""

    def key(match):
        path = match.item
        return (
            *match.sort_key,
            -path.programme_count,
            path.price_low is None,
            path.price_low or 0,
            path.title,
        )

    return sorted(matches, key=key)


def find(criteria: dict) -> tuple[list[Match], list[Match], int]:
    """Ranked paths, the best programmes, and how many programmes were weighed. Two queries."""
    paths = [judge_path(path, criteria) for path in Path.objects.published().with_programme_summary()]
    programmes = Programme.objects.published().select_related("provider", "path").defer("body")
    career = criteria.get("metier")
    if career is not None:
        leads = Programme.careers.through.objects.filter(programme=OuterRef("pk"), career=career)
        programmes = programmes.annotate(leads_to_career=Exists(leads))
        programmes = programmes.order_by(F("leads_to_career").desc(), F("price").asc(nulls_last=True), "title")
    else:
        programmes = programmes.order_by(F("price").asc(nulls_last=True), "title")
    candidates = list(programmes[:FINDER_CANDIDATES])
    ranked = rank([judge_programme(programme, criteria) for programme in candidates])
    return rank_paths(paths), ranked[:FINDER_SHOWN], len(candidates)
