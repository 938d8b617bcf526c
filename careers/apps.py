from django.apps import AppConfig


class CareersConfig(AppConfig):
    """Career profiles: what the job is, what it pays, and where the figures come from. The hub other apps read."""

    name = "careers"
    verbose_name = "Métiers"
    url_prefix = "metiers/"

    def ready(self):
        from careers import api, review, search, sitemaps
        from core import roles
        from core.registry import site

        site.sitemap("metiers", sitemaps.CareerSitemap)
        site.api_route("careers", api.CareerViewSet, "career")
        written = ("career", "source", "sector", "skill", "payfigure", "marketfigure", "mission", "certification")
        content = {f"careers.{model}": roles.EDIT for model in (*written, "faqentry")}
        site.grant(roles.EDITORS, content)
        site.grant(roles.CHIEF_EDITORS, {**content, "careers.career": roles.PUBLISH})
        site.review_queue(review.queues)
        search.register(site)
