from django.views.generic import DetailView, ListView, TemplateView

from core.views import FilteredListView
from training.filters import ProgrammeFilter
from training.forms import ComparisonForm
from training.models import Path, Programme
from training.structured_data import educational_program, path_breadcrumbs, programme_breadcrumbs

SIMILAR_COUNT = 4
# A route can hold hundreds of catalogue rows: its page shows the cheapest, the filtered list has them all.
PATH_PROGRAMMES_SHOWN = 20


class PathListView(ListView):
    """Every route side by side: the page a student shows their parents."""

    template_name = "training/path_list.html"
    content_labels = ("training",)  # the apps its pages show (portal.cache)
    context_object_name = "paths"

    def get_queryset(self):
        return Path.objects.published().with_programme_summary()


class PathDetailView(DetailView):
    template_name = "training/path_detail.html"
    content_labels = ("training",)  # the apps its pages show (portal.cache)
    context_object_name = "path"

    def get_queryset(self):
        return Path.objects.visible_to(self.request.user).with_programme_summary()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programmes"] = (
            Programme.objects.published().filter(path=self.object).for_list()[:PATH_PROGRAMMES_SHOWN]
        )
        context["json_ld"] = [path_breadcrumbs(self.object)]
        return context


class ProgrammeListView(FilteredListView):
    """Published programmes, cheapest first, narrowed by what a career changer can afford and reach."""

    filterset_class = ProgrammeFilter
    template_name = "training/programme_list.html"
    content_labels = ("training", "careers", "core")  # the apps its pages show (portal.cache); core: synonyms
    context_object_name = "programmes"

    def get_base_queryset(self):
        return Programme.objects.published().for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        left_out = self.filterset.unpriced_left_out()
        context["unpriced_left_out"] = left_out
        if left_out:
            including = self.request.GET.copy()
            including["sans_prix"] = "on"
            including.pop("page", None)
            context["include_unpriced_query"] = including.urlencode()
        return context


class ProgrammeDetailView(DetailView):
    template_name = "training/programme_detail.html"
    content_labels = ("training", "careers")  # the apps its pages show (portal.cache)
    context_object_name = "programme"

    def get_queryset(self):
        return Programme.objects.visible_to(self.request.user).for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        context["similar"] = Programme.objects.published().similar_to(programme)[:SIMILAR_COUNT]
        context["sources"] = list({o.source_id: o.source for o in programme.outcomes.all()}.values())
        context["json_ld"] = [educational_program(programme), programme_breadcrumbs(programme)]
        return context


class ComparisonView(TemplateView):
    """Two to four programmes side by side, the best price, duration and placement rate marked; the form keeps
    what it can of bad input and the page says what it left out."""

    template_name = "training/compare.html"
    content_labels = ("training", "careers")  # the apps its pages show (portal.cache)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ComparisonForm(self.request.GET, queryset=Programme.objects.published().for_page())
        form.is_valid()
        programmes = form.programmes if len(form.programmes) >= 2 else []
        mark_best(programmes)
        context.update(form=form, problems=form.problems, programmes=programmes)
        return context


def mark_best(programmes: list[Programme]) -> None:
    """Set ``programme.best`` to the rows where it holds the best known value, when two values at least are known
    and differ: a lone figure, or a tie across the board, is not "best"."""
    rows = {
        "price": (lambda p: p.price, min),
        "duration": (lambda p: p.duration_days, min),
        "placement": (lambda p: getattr(p.figures.get("employed_rate"), "employed_rate", None), max),
    }
    for programme in programmes:
        programme.best = set()
    for row, (value_of, best_of) in rows.items():
        known = [value_of(p) for p in programmes if value_of(p) is not None]
        if len(known) < 2 or len(set(known)) == 1:
            continue
        best = best_of(known)
        for programme in programmes:
            if value_of(programme) == best:
                programme.best.add(row)
