from django.views.generic import TemplateView

from orientation.finder import FinderForm, find
from orientation.simulator import SimulatorForm, career_pay_figures, simulate


class FinderView(TemplateView):
    """``/orientation/``: the paths and programmes that fit a situation, ranked, with reasons."""

    template_name = "orientation/finder.html"
    content_labels = ("careers", "training")  # the apps its pages show (portal.cache)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FinderForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid():
            paths, programmes, weighed = find(form.cleaned_data)
            context.update(paths=paths, programmes=programmes, weighed=weighed, answered=True)
        return context


class SimulatorView(TemplateView):
    """``/orientation/cout/``: what a reconversion costs and when it pays for itself."""

    template_name = "orientation/simulator.html"
    content_labels = ("careers", "training")  # the apps its pages show (portal.cache)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SimulatorForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid() and form.needs_price:
            context["needs_price"] = form.cleaned_data["formation"]
        elif form.is_valid():
            data = form.cleaned_data
            context["simulation"] = simulate(
                data["formation"],
                data["metier"],
                career_pay_figures(data["metier"]),
                cpf=data["cpf"],
                current_net_monthly=data["salaire"],
                rhythm=data["rythme"],
                billable_days=data["jours"],
                net_share=data["net"],
                price=data["prix"],
                job_seeker=data["demandeur"],
            )
        return context
