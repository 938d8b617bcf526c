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
