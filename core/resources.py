"""Import/export pieces shared by the apps: every refused value says why, in French.

django-import-export turns a ``ValueError`` raised while reading a cell into
a validation error naming the row and the column; anything else would be a
bare traceback. So the widgets below raise ``ValueError`` with a message an
editor understands, and a missing column stops the whole file.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.results import RowResult

from core import revisions


class AmountWidget(widgets.IntegerWidget):
    """A whole, positive number (euros, months, weeks…); "abc", "12,5" or "-3" is refused, not guessed."""

    MAX = 2**31 - 1  # The largest value a PositiveIntegerField holds on every database.

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        text = str(value).strip()
        for space in (" ", "\u00a0", "\u202f"):  # "38 000", as French spreadsheets write it.
            text = text.replace(space, "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("« %(value)s » n’est pas un nombre.") % {"value": value}) from None
        if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= self.MAX:
            raise ValueError(_("« %(value)s » n’est pas un nombre entier positif.") % {"value": value})
        return int(number)


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related row named by its slug; an unknown slug is refused with the slug in the message."""

    def __init__(self, model, label, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.label = label

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("%(label)s inconnu(e) : « %(value)s ».") % {"label": self.label, "value": value}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Related rows named by slugs separated by commas; any unknown slug is refused."""

    def __init__(self, model, label, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)
        self.label = label

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        if not value:
            return found
        wanted = {slug.strip() for slug in str(value).split(self.separator) if slug.strip()}
        missing = sorted(wanted - {obj.slug for obj in found})
        if missing:
            raise ValueError(
                _("%(label)s inconnu(s) : %(slugs)s.") % {"label": self.label, "slugs": ", ".join(missing)}
            )
        return found


class StrictModelResource(resources.ModelResource):
    """Refuses a file that lacks a column this resource needs, before reading any row."""

    required_columns: tuple[str, ...] = ()

    def before_import(self, dataset, **kwargs):
        headers = {str(header).strip() for header in dataset.headers or []}
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            raise ValueError(
                _("Colonne(s) manquante(s) : %(columns)s. La première ligne du fichier doit les nommer.")
                % {"columns": ", ".join(missing)}
            )
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Check many-to-many cells with the others, so an unknown slug is a cell error, not a crash later."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc), code="invalid")
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        """A row changing a published row, imported by someone who may not publish it, becomes a pending revision.

        The row is imported as any other, inside a savepoint that is then rolled
        back (``core.revisions.Capture``); its row result carries the revision.
        """
        try:
            existing = self.get_instance(instance_loader, row)
        except Exception:  # a row the import itself will refuse, with its reason
            existing = None
        if not revisions.needs_review(existing, kwargs.get("user")):
            return super().import_row(row, instance_loader, **kwargs)
        with transaction.atomic():
            capture = revisions.Capture(existing)
            row_result = super().import_row(row, instance_loader, **kwargs)
            if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
                row_result.pending_revision = capture.finish(kwargs.get("user"))
            else:
                capture.cancel()
        return row_result
