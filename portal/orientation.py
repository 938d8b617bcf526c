"""The path finder (/orientation/) and the reconversion cost simulator (/orientation/cout/).

Both are GET forms whose answer lives in the URL, so it can be shared. The
arithmetic and the ranking are plain functions over model rows, tested on
fixed inputs; the forms only check and convert what the visitor typed.
"""

import math
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from careers.models import Career, PayFigure
from portal.forms import NumberInput
from portal.geography import Country, Currency
from portal.templatetags.portal_tags import money
from training.models import DAYS_PER_MONTH, Path, Programme

MAX_BUDGET = 1_000_000
MAX_MONTHS = 120
MAX_MONTHLY_PAY = 100_000
MAX_CPF = 100_000
FINDER_CANDIDATES = 300  # programmes ranked per answer: bounded whatever the catalogue's size
FINDER_SHOWN = 10
DEFAULT_BILLABLE_DAYS = 200
DEFAULT_NET_SHARE = 75


def money_text(amount) -> str:
    return money(amount)


# ---------------------------------------------------------------- path finder


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
    diploma = criteria.get("diplome")
    if diploma and programme.entry_level:
        levels = Programme.EntryLevel.values
        if levels.index(programme.entry_level) <= levels.index(diploma):
            match.reasons.append(
                gettext_now("accessible avec votre niveau (%(level)s)") % {"level": programme.get_entry_level_display()}
            )
        else:
            match.misfits.append(
                gettext_now("demande le niveau %(level)s") % {"level": programme.get_entry_level_display()}
            )
    return match


def rank(matches: list[Match]) -> list[Match]:
    """Fewest misfits first, then most reasons; the order given breaks ties (cheapest first)."""
    return sorted(matches, key=lambda match: match.sort_key)


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
    return rank(paths), ranked[:FINDER_SHOWN], len(candidates)


# ------------------------------------------------------------ cost simulator


class SimulatorForm(forms.Form):
    formation = forms.ModelChoiceField(
        label=_("Formation envisagée"),
        queryset=Programme.objects.published().select_related("provider").order_by("title"),
        to_field_name="slug",
        empty_label=_("Choisissez une formation"),
        error_messages={
            "required": _("Choisissez la formation envisagée."),
            "invalid_choice": _("Cette formation n’existe pas ou n’est plus publiée."),
        },
    )
    metier = forms.ModelChoiceField(
        label=_("Métier visé"),
        queryset=Career.objects.published().order_by("title"),
        to_field_name="slug",
        empty_label=_("Choisissez un métier"),
        error_messages={
            "required": _("Choisissez le métier visé."),
            "invalid_choice": _("Ce métier n’existe pas ou n’est plus publié."),
        },
    )
    cpf = forms.IntegerField(
        label=_("Montant disponible sur votre CPF (€)"),
        min_value=0,
        max_value=MAX_CPF,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        initial=0,
        help_text=_("Le solde affiché sur moncompteformation.gouv.fr."),
    )
    salaire = forms.IntegerField(
        label=_("Votre salaire net mensuel actuel (€)"),
        min_value=0,
        max_value=MAX_MONTHLY_PAY,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("0 si vous n’êtes pas salarié en ce moment."),
    )
    rythme = forms.ChoiceField(
        label=_("Rythme suivi"),
        choices=[("", _("Celui de la formation"))] + Programme.Rhythm.choices,
        required=False,
        help_text=_("À préciser quand la formation ne l’indique pas."),
    )
    jours = forms.IntegerField(
        label=_("Jours facturés par an en freelance"),
        min_value=1,
        max_value=260,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        initial=DEFAULT_BILLABLE_DAYS,
        help_text=_("Hypothèse de calcul, à ajuster : jours réellement facturés à un client dans l’année."),
    )
    net = forms.IntegerField(
        label=_("Part du brut perçue en net (%)"),
        min_value=50,
        max_value=100,
        initial=DEFAULT_NET_SHARE,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Hypothèse de calcul, à ajuster : ce qui reste du salaire brut après cotisations."),
    )

    def __init__(self, data=None, *args, **kwargs):
        # Unfilled assumptions take their default, so a shared link with only the essentials still answers.
        if data is not None:
            data = data.copy()
            for name in ("cpf", "jours", "net"):
                if not data.get(name):
                    data[name] = str(self.base_fields[name].initial)
        super().__init__(data, *args, **kwargs)
        for name in ("cpf", "salaire", "jours", "net"):
            self.fields[name].error_messages.update(
                required=_("Ce montant est nécessaire au calcul."),
                invalid=_("Indiquez un nombre entier."),
                min_value=_("Indiquez au moins %(limit_value)s."),
                max_value=_("Indiquez au plus %(limit_value)s."),
            )

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("formation")
        if programme is None:
            return cleaned
        if programme.price is None:
            self.add_error(
                "formation", _("Le prix de cette formation n’est pas communiqué : le calcul est impossible.")
            )
        rhythm = cleaned.get("rythme") or programme.rhythm
        if not rhythm:
            self.add_error("rythme", _("Cette formation n’indique pas son rythme : précisez celui que vous suivrez."))
        elif rhythm == Programme.Rhythm.FULL_TIME and programme.duration_days is None:
            self.add_error(
                "formation", _("La durée de cette formation n’est pas communiquée : le calcul est impossible.")
            )
        cleaned["rythme"] = rhythm
        return cleaned


@dataclass
class PayBasis:
    """The career's pay the simulator counts on, and where it comes from."""

    figure: PayFigure | None
    junior: bool

    @property
    def low(self):
        return self.figure.amount_low if self.figure.amount_low is not None else self.figure.amount_high

    @property
    def high(self):
        return self.figure.amount_high if self.figure.amount_high is not None else self.figure.amount_low


@dataclass
class Scenario:
    """One outcome of the change, for one expected annual gross pay."""

    gross_annual: int
    net_monthly: int
    monthly_gain: int
    payback_months: int | None


@dataclass
class FreelanceEquivalent:
    figure: PayFigure
    annual_low: int | None
    annual_high: int | None


@dataclass
class Simulation:
    programme: Programme
    career: Career
    price: int
    cpf_used: int
    remaining: int
    months_without_pay: int
    lost_pay: int
    total_cost: int
    pay: PayBasis
    scenarios: list[Scenario]
    freelance: list
    billable_days: int
    net_share: int
    full_time: bool
    cpf_applies: bool


def pay_basis(figures: list[PayFigure]) -> PayBasis:
    """The French junior salary, else the all-levels one (labelled as such), else nothing."""
    salaries = [f for f in figures if f.is_french_salary]
    for experience, junior in ((PayFigure.Experience.JUNIOR, True), (PayFigure.Experience.ALL, False)):
        for figure in salaries:
            if figure.experience == experience:
                return PayBasis(figure, junior)
    return PayBasis(None, False)


def scenario(gross_annual: int, current_net_monthly: int, net_share: int, total_cost: int) -> Scenario:
    net_monthly = round(gross_annual * net_share / 100 / 12)
    gain = net_monthly - current_net_monthly
    payback = math.ceil(total_cost / gain) if gain > 0 else None
    if total_cost == 0 and gain > 0:
        payback = 0
    return Scenario(gross_annual, net_monthly, gain, payback)


def simulate(programme: Programme, career: Career, figures: list[PayFigure], *, cpf: int, current_net_monthly: int,
             rhythm: str, billable_days: int, net_share: int) -> Simulation:  # fmt: skip
    """The cost of the change and when it pays for itself.

    CPF only counts when the programme is known to be eligible, and never
    beyond the price. A full-time programme costs its duration in months of
    current pay (a started month counts whole). The expected pay is the
    career's sourced French salary (junior, else all levels), converted to net
    monthly with the visitor's own assumption; the change has paid for itself
    when the monthly gain has covered what it cost.
    """
    price = programme.price
    cpf_applies = programme.cpf_eligible is True
    cpf_used = min(cpf, price) if cpf_applies else 0
    remaining = price - cpf_used
    full_time = rhythm == Programme.Rhythm.FULL_TIME
    months = months_of(programme.duration_days) if full_time else 0
    lost_pay = months * current_net_monthly
    total = remaining + lost_pay
    basis = pay_basis(figures)
    scenarios = []
    if basis.figure is not None:
        amounts = sorted({basis.low, basis.high})
        scenarios = [scenario(amount, current_net_monthly, net_share, total) for amount in amounts]
    freelance = [
        FreelanceEquivalent(
            figure,
            figure.amount_low * billable_days if figure.amount_low is not None else None,
            figure.amount_high * billable_days if figure.amount_high is not None else None,
        )
        for figure in figures
        if figure.kind == PayFigure.Kind.DAY_RATE
        and figure.country == Country.FRANCE
        and figure.currency == Currency.EUR
    ]
    return Simulation(
        programme=programme,
        career=career,
        price=price,
        cpf_used=cpf_used,
        remaining=remaining,
        months_without_pay=months,
        lost_pay=lost_pay,
        total_cost=total,
        pay=basis,
        scenarios=scenarios,
        freelance=freelance,
        billable_days=billable_days,
        net_share=net_share,
        full_time=full_time,
        cpf_applies=cpf_applies,
    )


def career_pay_figures(career: Career) -> list[PayFigure]:
    """The career's French figures with their sources, in one query."""
    return list(
        PayFigure.objects.filter(career=career, country=Country.FRANCE)
        .select_related("source")
        .order_by("kind", "amount_low", "amount_high")
    )
