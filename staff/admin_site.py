"""The admin site, with the "À revoir" page and its counts on the index: a subclass, so the page shares the
admin's login, permissions, navigation and templates."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.registry import site as registry

LIMIT = 100  # rows shown per queue on the "À revoir" page


class PortalAdminConfig(AdminConfig):
    default_site = "staff.admin_site.PortalAdminSite"


class PortalAdminSite(admin.AdminSite):
    index_template = "admin/portal_index.html"

    def get_urls(self):
        return [path("a-revoir/", self.admin_view(self.review_view), name="review"), *super().get_urls()]

    @staticmethod
    def visible_queues(user):
        """Every app's "À revoir" queues that ``user`` may see."""
        return [queue for queues in registry.review_queues for queue in queues() if user.has_perm(queue.permission)]

    def index(self, request, extra_context=None):
        counts = [(queue, queue.queryset.count()) for queue in self.visible_queues(request.user)]
        return super().index(request, {"review_counts": counts, **(extra_context or {})})

    def review_view(self, request):
        """Everything whose source, review or date calls for a fresh look, oldest first."""
        sections = [
            {"queue": queue, "count": queue.queryset.count(), "rows": list(queue.queryset[:LIMIT])}
            for queue in self.visible_queues(request.user)
        ]
        context = {
            **self.each_context(request),
            "title": _("À revoir"),
            "sections": sections,
            "limit": LIMIT,
        }
        return TemplateResponse(request, "admin/review_queue.html", context)
