from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Job offers and the employers that publish them."""

    name = "jobs"
    verbose_name = "Offres d’emploi"
    url_prefix = ""

    def ready(self):
        from careers import profile
        from core import roles
        from core.registry import site
        from jobs import api, resources, review, search, selectors, sitemaps

        site.sitemap("offres", sitemaps.OfferSitemap)
        site.sitemap("employeurs", sitemaps.EmployerSitemap)
        site.api_route("employers", api.EmployerViewSet, "employer")
        site.api_route("offers", api.OfferViewSet, "offer")
        site.file_import("offres", resources.JobOfferResource)
        # An offer names its career and its commune: their pickers need to read them.
        site.grant(
            roles.OFFER_MODERATORS,
            {
                "jobs.joboffer": roles.PUBLISH,
                "jobs.employer": roles.EDIT,
                "careers.career": ("view",),
                "places.commune": ("view",),
            },
        )
        site.review_queue(review.queues)
        search.register(site)
        profile.register(
            "market",
            "jobs/includes/career_offers.html",
            lambda career: {"job_market": selectors.career_job_market(career)},
        )

        from places.signals import communes_loaded

        communes_loaded.connect(place_offers, dispatch_uid="jobs.place_offers")


def place_offers(sender, **kwargs):
    """After ``load_communes``: give offers the commune their city names (``places.signals``)."""
    from jobs.models import JobOffer
    from places.linking import link

    return {"offres": link(JobOffer.objects.all(), "city", "region", code_field="insee_code")}
