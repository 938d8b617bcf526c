""" "Les métiers de l’IA les mieux payés": the ranking, by a rule the page states (``RULE``).

Every amount the ranking shows is one a source published. Each source gives one value per career (its
figure's middle, or its only amount); a career is ranked by the median of its sources' values, the lower of
the two central ones when their count is even, so the median is always one source's figure, never a mean
computed here.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from careers.models import Career, PayFigure
from core.geography import Country, Currency

RULE = _(
    "Pour chaque métier, nous retenons les salaires annuels bruts publiés pour la France entière au niveau "
    "d’expérience choisi. Chaque source compte une fois : sa valeur est le milieu de la fourchette qu’elle "
    "publie, ou son seul montant. Le métier est classé selon la médiane de ces valeurs ; avec un nombre pair "
    "de sources, la plus basse des deux valeurs centrales. Nous ne calculons aucune moyenne entre sources : "
    "le graphique trace la fourchette de chaque source, celle de la source médiane en plus foncé, et le "
    "tableau donne le chiffre de chacune côte à côte. Un métier sans chiffre à ce niveau est classé à part, "
    "« non communiqué »."
)


def value(figure: PayFigure) -> int:
    """What one figure weighs in the ranking: the middle of its range, or its only amount."""
    amounts = [a for a in (figure.amount_low, figure.amount_high) if a is not None]
    return sum(amounts) // len(amounts)


def lower_median(items: list, key):
    """The central item by ``key``; of the two central ones, the lower: always an item, never a mean."""
    ordered = sorted(items, key=key)
    return ordered[(len(ordered) - 1) // 2]


@dataclass(frozen=True)
class SourceFigure:
    """A source's figure for one career: the one the source's value comes from."""

    figure: PayFigure
    value: int

    @property
    def source(self):
        return self.figure.source


@dataclass(frozen=True)
class Ranked:
    career: Career
    figures: list[SourceFigure]  # one per source, lowest value first
    median: SourceFigure

    @property
    def source_count(self) -> int:
        return len(self.figures)


def figures_for(experience: str):
    """National French salaries, in euros, at one level of experience, with their sources."""
    return (
        PayFigure.objects.filter(
            kind=PayFigure.Kind.SALARY,
            country=Country.FRANCE,
            currency=Currency.EUR,
            region="",
            area="",
            experience=experience,
        )
        .select_related("source")
        .order_by("source__publisher", "pk")
    )


def ranking(experience: str = PayFigure.Experience.CONFIRMED) -> tuple[list[Ranked], list[Career]]:
    """Published careers by the rule, best paid first, then those without a figure by title, in two queries."""
    careers = (
        Career.objects.published()
        .prefetch_related(Prefetch("pay_figures", queryset=figures_for(experience), to_attr="ranking_figures"))
        .order_by("title", "pk")
    )
    ranked, unknown = [], []
    for career in careers:
        by_source = {}
        for figure in career.ranking_figures:
            by_source.setdefault(figure.source_id, []).append(SourceFigure(figure, value(figure)))
        # A source that publishes several figures at this level (by company size, say) counts once, by its median.
        figures = sorted(
            (lower_median(items, key=lambda f: f.value) for items in by_source.values()), key=lambda f: f.value
        )
        if figures:
            ranked.append(Ranked(career, figures, lower_median(figures, key=lambda f: f.value)))
        else:
            unknown.append(career)
    ranked.sort(key=lambda r: (-r.median.value, r.career.title, r.career.pk))
    return ranked, unknown
