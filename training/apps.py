from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """Routes into AI careers (paths) and the programmes that follow them."""

    name = "training"
    verbose_name = "Formations"
    url_prefix = ""

    def ready(self):
        from careers import profile
        from core import roles
        from core.registry import site
        from training import api, resources, review, search, selectors, sitemaps

        site.sitemap("parcours", sitemaps.PathSitemap)
        site.sitemap("formations", sitemaps.ProgrammeSitemap)
        site.api_route("paths", api.PathViewSet, "path")
        site.api_route("programmes", api.ProgrammeViewSet, "programme")
        site.file_import("programmes", resources.ProgrammeResource)
        content = {f"training.{model}": roles.EDIT for model in ("path", "provider", "programme", "outcome", "city")}
        # A city names its commune: the commune picker needs to read them.
        site.grant(roles.EDITORS, {**content, "places.commune": ("view",)})
        site.grant(
            roles.CHIEF_EDITORS,
            {
                **content,
                "places.commune": ("view",),
                "training.path": roles.PUBLISH,
                "training.programme": roles.PUBLISH,
            },
        )
        site.review_queue(review.queues)
        search.register(site)
        profile.register(
            "training",
            "training/includes/career_programmes.html",
            lambda career: {"programme_groups": selectors.programmes_by_path(career)},
        )

        from places.signals import communes_loaded

        communes_loaded.connect(place_cities, dispatch_uid="training.place_cities")


def place_cities(sender, **kwargs):
    """After ``load_communes``: give programme cities the commune they name (``places.signals``)."""
    from places.linking import link
    from training.models import City

    return {"villes de formation": link(City.objects.all(), "name")}
