from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from careers import ranking
from careers.charts import experience_sorted, pay_chart, ranking_chart
from careers.filters import CareerFilter
from careers.models import Career, PayFigure
from careers.profile import sections_for
from careers.structured_data import career_breadcrumbs, occupation
from core.geography import Country
from core.views import FilteredListView


class CareerListView(FilteredListView):
    """Published careers, best paid first: the question the source article asks."""

    filterset_class = CareerFilter
    template_name = "careers/career_list.html"
    content_labels = ("careers", "core")  # the apps its pages show (portal.cache); core: ?q='s synonyms
    context_object_name = "careers"

    def get_base_queryset(self):
        return Career.objects.published().for_list()


class CareerDetailView(DetailView):
    """A profile, with the sections other apps register (programmes, offers): it shows every app."""

    template_name = "careers/career_detail.html"
    context_object_name = "career"

    def get_queryset(self):
        return Career.objects.visible_to(self.request.user).for_profile()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        career = self.object
        figures = list(career.pay_figures.all())
        france = [f for f in figures if f.country == Country.FRANCE]
        french_salaries = experience_sorted(f for f in france if f.is_french_salary)
        context.update(
            ancestors=career.ancestors(),
            french_salaries=french_salaries,
            salary_chart=pay_chart(french_salaries),
            other_french_pay=experience_sorted(
                f for f in france if not f.is_french_salary and f.kind != f.Kind.DAY_RATE
            ),
            day_rates=experience_sorted(f for f in france if f.kind == f.Kind.DAY_RATE),
            abroad=[f for f in figures if f.country != Country.FRANCE],
            technical_skills=[s for s in career.skills.all() if s.kind == s.Kind.TECHNICAL],
            soft_skills=[s for s in career.skills.all() if s.kind == s.Kind.SOFT],
            sources=self.cited_sources(figures, career.market_figures.all()),
            stale_figures=any(f.source.is_stale for f in figures),
        )
        variables, context["profile_templates"] = sections_for(career)
        context.update(variables)
        context["json_ld"] = [occupation(career, french_salaries), career_breadcrumbs(career, context["ancestors"])]
        return context

    @staticmethod
    def cited_sources(*figure_lists):
        """Each source once, in the order the page first cites it."""
        sources = {}
        for figures in figure_lists:
            for figure in figures:
                sources.setdefault(figure.source_id, figure.source)
        return list(sources.values())


class RankingForm(forms.Form):
    niveau = forms.ChoiceField(
        label=_("Niveau d’expérience"),
        choices=PayFigure.Experience.choices,
        initial=PayFigure.Experience.CONFIRMED,
        required=False,
    )


class RankingView(TemplateView):
    """ "Les métiers de l’IA les mieux payés": the ranking and its chart, with the rule they follow."""

    template_name = "careers/ranking.html"
    content_labels = ("careers",)  # the apps its pages show (portal.cache)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RankingForm(self.request.GET or None)
        experience = PayFigure.Experience.CONFIRMED
        if form.is_valid() and form.cleaned_data["niveau"]:
            experience = form.cleaned_data["niveau"]
        ranked, unknown = ranking.ranking(experience)
        context.update(
            form=form,
            experience_label=PayFigure.Experience(experience).label,
            rule=ranking.RULE,
            ranked=ranked,
            unknown=unknown,
            chart=ranking_chart(ranked),
            any_stale=any(s.source.is_stale for r in ranked for s in r.figures),
        )
        return context
