"""The reconversion cost simulator (/orientation/cout/): what a programme costs and when it pays for itself.

A GET form whose answer lives in the URL, so it can be shared. The arithmetic is
plain functions over model rows, tested on fixed inputs; the form only checks and
converts what the visitor typed.
"""

import math
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from careers.selectors import Career, PayFigure
from core.forms import NumberInput
from core.geography import Country, Currency
from orientation.finder import months_of
from training.selectors import Programme

MAX_MONTHLY_PAY = 100_000
MAX_CPF = 100_000
MAX_PRICE = 1_000_000
# What a holder pays out of pocket each time the CPF funds a programme, set by the decree below; job seekers
# do not pay it. The decree has it revalued every year: staff update it here with its source.
CPF_FLAT_CONTRIBUTION = 100
CPF_CONTRIBUTION_SOURCE = {
    "amount": CPF_FLAT_CONTRIBUTION,
    "text": "Décret n° 2024-394 du 29 avril 2024 (participation du titulaire au financement de sa formation, "
    "applicable depuis le 2 mai 2024)",
    "publisher": "Via Compétences, Carif-Oref Auvergne-Rhône-Alpes",
    "title": "CPF : le décret sur le reste à charge est publié",
    "url": "https://www.via-competences.fr/actualites/cpf-le-decret-sur-le-reste-charge-est-publie",
    "date": "30 avril 2024",
}
# A full-time programme known only by its hours is counted at 35 hours a week (52 weeks over 12 months).
FULL_TIME_HOURS_PER_MONTH = 35 * 52 / 12
DEFAULT_BILLABLE_DAYS = 200
DEFAULT_NET_SHARE = 75


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
    prix = forms.IntegerField(
        label=_("Prix que l’organisme vous a indiqué (€)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Seulement si la formation ne communique pas son prix : le calcul part alors de ce montant."),
    )
    cpf = forms.IntegerField(
        label=_("Montant disponible sur votre CPF (€)"),
        min_value=0,
        max_value=MAX_CPF,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
        initial=0,
        help_text=_("Le solde affiché sur moncompteformation.gouv.fr."),
    )
    demandeur = forms.BooleanField(
        label=_("Je suis demandeur ou demandeuse d’emploi"),
        required=False,
        help_text=_("Les demandeurs d’emploi ne paient pas la participation forfaitaire au CPF."),
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
        self.needs_price = False
        for name in ("prix", "cpf", "salaire", "jours", "net"):
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
        # Not an error: the visitor typed nothing wrong, the programme does not say. The page asks for the price.
        self.needs_price = programme.price is None and cleaned.get("prix") is None
        rhythm = cleaned.get("rythme") or programme.rhythm
        if not rhythm:
            self.add_error("rythme", _("Cette formation n’indique pas son rythme : précisez celui que vous suivrez."))
        elif rhythm == Programme.Rhythm.FULL_TIME and programme.duration_days is None and not programme.duration_hours:
            self.add_error(
                "formation",
                _("La durée de cette formation n’est pas communiquée : le temps sans salaire ne peut pas être compté."),
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
    price_entered: bool = False
    price_high: int | None = None
    contribution: int = 0
    job_seeker: bool = False
    months_from_hours: bool = False
    contribution_source: dict | None = None


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
             rhythm: str, billable_days: int, net_share: int, price: int | None = None,
             job_seeker: bool = False) -> Simulation:  # fmt: skip
    """The cost of the change and when it pays for itself. The CPF counts only for an eligible programme, up to
    its price, plus the flat contribution unless a job seeker; the price is the visitor's when unknown, the
    lowest of a range; full time costs its months of current pay (a started month whole; 35 h a week); the
    expected pay is the career's sourced French salary (junior, else all), net monthly by the visitor's rate."""
    price_entered = programme.price is None
    price = price if price_entered else programme.price
    cpf_applies = programme.cpf_eligible is True
    cpf_used = min(cpf, price) if cpf_applies else 0
    # The flat contribution is due whenever the CPF pays, on top of what it leaves to pay; job seekers are exempt.
    contribution = CPF_FLAT_CONTRIBUTION if cpf_used > 0 and not job_seeker else 0
    remaining = price - cpf_used + contribution
    full_time = rhythm == Programme.Rhythm.FULL_TIME
    months, months_from_hours = 0, False
    if full_time and programme.duration_days is not None:
        months = months_of(programme.duration_days)
    elif full_time and programme.duration_hours:
        months, months_from_hours = math.ceil(programme.duration_hours / FULL_TIME_HOURS_PER_MONTH), True
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
        price_entered=price_entered,
        price_high=None if price_entered else programme.price_high,
        contribution=contribution,
        job_seeker=job_seeker,
        months_from_hours=months_from_hours,
        contribution_source=CPF_CONTRIBUTION_SOURCE if cpf_used > 0 else None,
    )


def career_pay_figures(career: Career) -> list[PayFigure]:
    """The career's French figures with their sources, in one query."""
    return list(
        PayFigure.objects.filter(career=career, country=Country.FRANCE)
        .select_related("source")
        .order_by("kind", "amount_low", "amount_high")
    )
