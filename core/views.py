"""The list view every section shares."""

from django.utils.translation import gettext as _
from django.views.generic import ListView

from core import search
from core.pagination import FromEitherEndPaginator


class FilteredListView(ListView):
    """A list driven by one ``FilterSet``, its state in the URL: an invalid value is reported by its field and
    ignored, a malformed or out-of-range page shows the nearest real page with a message, not a 404."""

    filterset_class = None
    paginate_by = 20
    paginator_class = FromEitherEndPaginator
    sort_parameter = "tri"  # orders the list, never narrows it: not an active filter
    search_parameter = "q"

    def get_base_queryset(self):
        """The rows before filtering; lists override it to name their published rows."""
        return super().get_queryset()

    def build_filterset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        return self.filterset

    def get_queryset(self):
        return self.build_filterset().qs

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg, "1")
        self.page_error = ""
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 1
            self.page_error = _("Le numéro de page « %(page)s » n’est pas valide : voici la première page.") % {
                "page": raw[:20]
            }
        if number < 1:
            number = 1
            self.page_error = self.page_error or _("Les pages commencent à 1 : voici la première page.")
        elif number > paginator.num_pages:
            self.page_error = _("Il n’y a que %(count)s page(s) : voici la dernière.") % {"count": paginator.num_pages}
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def active_filters(self) -> list[dict]:
        """The valid filters the visitor set, from the query string (no query run): ``name``, ``label`` and
        ``without``, the list's address without that filter, on its first page."""
        form = self.filterset.form
        if not form.is_bound:
            return []
        active = []
        for name, field in form.fields.items():
            if name == self.sort_parameter or name in form.errors:
                continue
            if not any(value.strip() for value in self.request.GET.getlist(name)):
                continue
            rest = self.request.GET.copy()
            rest.pop(name, None)
            rest.pop(self.page_kwarg, None)
            query = rest.urlencode()
            active.append({"name": name, "label": field.label, "without": f"?{query}" if query else self.request.path})
        return active

    def spelling(self, found_nothing: bool) -> dict | None:
        """When the list's search finds nothing and a close term exists: ``text``, the query respelt
        ("cheff de projet" -> "chef de projet"), and ``url``, this list with it and the other filters kept."""
        form = self.filterset.form
        text = self.request.GET.get(self.search_parameter, "")
        if not found_nothing or not text.strip() or self.search_parameter not in form.fields:
            return None
        if not form.is_valid() and self.search_parameter in form.errors:
            return None
        respelt = search.suggest(search.parse(text)).text
        if not respelt:
            return None
        query = self.request.GET.copy()
        query[self.search_parameter] = respelt
        query.pop(self.page_kwarg, None)
        return {"text": respelt, "url": f"?{query.urlencode()}"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["active_filters"] = self.active_filters()
        context["spelling"] = self.spelling(found_nothing=not context.get("object_list"))
        context["page_error"] = getattr(self, "page_error", "")
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return context
