"""The comparison page's query string: ``?p=slug&p=slug``, two to four programmes."""

import re

from django import forms
from django.utils.translation import gettext as _

from training.models import Programme

MIN_COMPARED = 2
MAX_COMPARED = 4
SLUG_DISPLAY_LENGTH = 60
# Only well-formed slugs reach the database (a NUL byte would make PostgreSQL raise).
SLUG = re.compile(r"[-\w]{1,120}")


class SlugListField(forms.Field):
    """Every ``p`` value, stripped, empty ones dropped; never fails on its own."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(item).strip() for item in value or [] if str(item).strip()]


class ComparisonForm(forms.Form):
    """Keeps every programme it can (a slug once, four at most) and names each unknown or unpublished one;
    ``programmes`` holds what remains in the order asked, fewer than two meaning no table."""

    p = SlugListField(required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset
        self.programmes: list[Programme] = []
        self.problems: list[str] = []

    def clean_p(self):
        slugs = self.cleaned_data["p"]
        unique = list(dict.fromkeys(slugs))
        for slug in unique:
            if slugs.count(slug) > 1:
                self.problems.append(
                    _("« %(slug)s » est demandée plusieurs fois : elle n’apparaît qu’une fois.") % {"slug": short(slug)}
                )
        if len(unique) > MAX_COMPARED:
            self.problems.append(
                _(
                    "On compare au plus %(max)s formations : les %(max)s premières sont affichées, "
                    "%(dropped)s laissée(s) de côté."
                )
                % {"max": MAX_COMPARED, "dropped": len(unique) - MAX_COMPARED}
            )
            unique = unique[:MAX_COMPARED]
        wellformed = [slug for slug in unique if SLUG.fullmatch(slug)]
        found = (
            {programme.slug: programme for programme in self.queryset.filter(slug__in=wellformed)} if wellformed else {}
        )
        for slug in unique:
            if slug not in found:
                self.problems.append(
                    _("Aucune formation publiée ne correspond à « %(slug)s ».") % {"slug": short(slug)}
                )
        self.programmes = [found[slug] for slug in unique if slug in found]
        if len(self.programmes) == 1:
            self.problems.append(
                _("Une seule formation à comparer : choisissez-en au moins %(min)s.") % {"min": MIN_COMPARED}
            )
        elif not self.programmes:
            self.problems.append(
                _("Choisissez de %(min)s à %(max)s formations à comparer.") % {"min": MIN_COMPARED, "max": MAX_COMPARED}
            )
        return self.programmes


def short(slug: str) -> str:
    return slug if len(slug) <= SLUG_DISPLAY_LENGTH else f"{slug[:SLUG_DISPLAY_LENGTH]}…"
