"""RSS and Atom feeds of the latest open offers, narrowed by the list's own filters."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.markdown import render_markdown
from core.validators import without_control_characters
from jobs.filters import JobOfferFilter
from jobs.models import JobOffer
from jobs.structured_data import absolute_url

FEED_SIZE = 30
FILTER_NAMES = set(JobOfferFilter.base_filters) - {"tri"}


def xml_safe(value):
    """Strings (and lists of strings) without the characters XML 1.0 cannot hold; anything else as it is."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class XMLSafeFeedMixin:
    """Drops control characters from every text of the feed, so a row stored before they were refused
    (or written by ``QuerySet.update``) cannot make the feed answer 500 to every visitor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*[xml_safe(arg) for arg in args], **{key: xml_safe(v) for key, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*[xml_safe(arg) for arg in args], **{key: xml_safe(v) for key, v in kwargs.items()})


class SafeRssFeed(XMLSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XMLSafeFeedMixin, Atom1Feed):
    pass


@dataclass(frozen=True)
class FeedRequest:
    """What one request asked for; the feed object itself is shared by every request."""

    filterset: JobOfferFilter
    query: QueryDict
    path: str


class OfferFeed(Feed):
    """``/offres/flux.rss?metier=…&contrat=…``: invalid filter values are ignored, as on the page."""

    feed_type = SafeRssFeed
    title = _("Offres d’emploi en intelligence artificielle · Cap IA")
    description = _("Les dernières offres ouvertes, relues par l’équipe de Cap IA.")
    content_labels = ("jobs", "careers", "core")  # the apps its pages show (portal.cache); core: synonyms

    def get_object(self, request, *args, **kwargs):
        query = request.GET.copy()
        for name in list(query):
            if name not in FILTER_NAMES:
                del query[name]
        filterset = JobOfferFilter(query or None, queryset=JobOffer.objects.open().for_feed(), request=request)
        return FeedRequest(filterset=filterset, query=query, path=request.get_full_path())

    def link(self, asked):
        query = f"?{asked.query.urlencode()}" if asked.query else ""
        return absolute_url(reverse("jobs:offer_list") + query)

    def feed_url(self, asked):
        return absolute_url(asked.path)

    def items(self, asked):
        return asked.filterset.qs.newest()[:FEED_SIZE]

    def item_title(self, offer):
        return f"{offer.title} · {offer.employer.name}"

    def item_description(self, offer):
        facts = [offer.get_contract_display(), offer.place_label, offer.get_remote_display()]
        summary = " · ".join(str(fact) for fact in facts if fact)
        return format_html("<p>{}</p>{}", summary, render_markdown(offer.description))

    def item_link(self, offer):
        return absolute_url(offer.get_absolute_url())

    def item_guid(self, offer):
        return absolute_url(offer.get_absolute_url())

    def item_pubdate(self, offer):
        return offer.published_at

    def item_updateddate(self, offer):
        return offer.updated_at

    def item_author_name(self, offer):
        return offer.employer.name

    def item_categories(self, offer):
        categories = [offer.get_contract_display()]
        if offer.career is not None and offer.career.is_published:
            categories.append(offer.career.title)
        return categories


class AtomOfferFeed(OfferFeed):
    feed_type = SafeAtomFeed
    subtitle = OfferFeed.description
