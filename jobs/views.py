from http import HTTPStatus

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from core.pagination import FromEitherEndPaginator
from core.structured_data import breadcrumb_list
from core.views import FilteredListView
from jobs.filters import JobOfferFilter
from jobs.models import Employer, JobOffer
from jobs.structured_data import job_posting

SUGGESTION_COUNT = 5
EMPLOYER_OFFER_LIMIT = 50


class KnownCountPaginator(FromEitherEndPaginator):
    """A paginator given its count, when the view has already counted the rows in another query.

    ``more_rows``: the rows go on past ``count`` (a broad search lists its first ones only)."""

    def __init__(self, *args, count: int, more_rows: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count
        self.more_rows = more_rows

    @property
    def count(self) -> int:
        return self._known_count


class OfferListView(FilteredListView):
    """Open offers, newest first, each filter option labelled with the offers it would give."""

    filterset_class = JobOfferFilter
    template_name = "jobs/offer_list.html"
    content_labels = ("jobs", "careers", "core")  # the apps its pages show (portal.cache); core: synonyms
    context_object_name = "offers"

    def get_base_queryset(self):
        return JobOffer.objects.open().for_list().newest()

    def get_queryset(self):
        self.result_count = self.build_filterset().count_facets()
        return self.filterset.qs

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return KnownCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count=self.result_count,
            more_rows=self.filterset.more_results,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtering = set(self.filterset.active_values()) - {"tri"}
        context["board_is_empty"] = self.result_count == 0 and not filtering
        return context


class OfferDetailView(DetailView):
    """An open offer with its JSON-LD; a closed one answers 410 Gone and points to open offers."""

    template_name = "jobs/offer_detail.html"
    content_labels = ("jobs", "careers")  # the apps its pages show (portal.cache)
    context_object_name = "offer"

    def get_queryset(self):
        return (
            JobOffer.objects.visible_to(self.request.user)
            .with_is_open()
            .select_related("employer", "career", "data_source")
        )

    def get(self, request, *args, **kwargs):
        self.object = offer = self.get_object()
        if offer.status == JobOffer.Status.ARCHIVED or (offer.is_published and not offer.is_open):
            return self.gone(offer)
        return self.render_to_response(self.get_context_data(object=offer))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = self.object
        context["career"] = offer.career if offer.career is not None and offer.career.is_published else None
        context["json_ld"] = job_posting(offer) if offer.is_open else None
        # Like JobPosting: structured data only for an offer the public can see.
        context["breadcrumbs"] = (
            breadcrumb_list((_("Offres"), reverse("jobs:offer_list")), (offer.title, offer.get_absolute_url()))
            if offer.is_open
            else None
        )
        return context

    def gone(self, offer):
        suggestions = JobOffer.objects.open().for_list().newest()
        if offer.career_id is not None:
            suggestions = suggestions.filter(career_id=offer.career_id)
        context = {
            "offer": offer,
            "career": offer.career if offer.career is not None and offer.career.is_published else None,
            "suggestions": list(suggestions[:SUGGESTION_COUNT]),
        }
        return TemplateResponse(self.request, "jobs/offer_gone.html", context, status=HTTPStatus.GONE)


class EmployerDetailView(DetailView):
    model = Employer
    template_name = "jobs/employer_detail.html"
    content_labels = ("jobs", "careers")  # the apps its pages show (portal.cache)
    context_object_name = "employer"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = list(
            JobOffer.objects.open().filter(employer=self.object).for_list().newest()[: EMPLOYER_OFFER_LIMIT + 1]
        )
        context["offers"] = offers[:EMPLOYER_OFFER_LIMIT]
        context["more_offers"] = len(offers) > EMPLOYER_OFFER_LIMIT
        context["breadcrumbs"] = breadcrumb_list(
            (_("Offres"), reverse("jobs:offer_list")), (self.object.name, self.object.get_absolute_url())
        )
        return context
