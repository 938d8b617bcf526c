from django.views.generic import DetailView

from careers.charts import experience_sorted, pay_chart
from careers.filters import CareerFilter
from careers.models import Career
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
