"""Import/export in the words staff read in the admin: columns, choices and related rows by their labels.

Widgets raise ``ValueError`` with a French reason, which django-import-export reports by row and column
(anything else would be a traceback); a file unreadable as a whole raises ``FileRefused``."""

import logging
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.declarative import ModelDeclarativeMetaclass
from import_export.results import RowResult

from core import revisions
from core.formats import FileRefused
from core.text import fold

logger = logging.getLogger("core.imports")

# The admin's import/export forms' own field names: a resource field so named is lost from the export.
RESERVED_FIELD_NAMES = frozenset({"format", "resource", "export_items", "import_file", "import_file_name"})


def header_key(text) -> str:
    """How two spellings of a column name or a label are compared: "Niveau d’entrée" ~ "niveau d'entree"."""
    return fold(text).replace("’", "'").replace("‘", "'").replace("ʼ", "'")


def model_field_label(field) -> str:
    return capfirst(str(field.verbose_name))


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


class TextWidget(widgets.CharWidget):
    """Text as the admin form keeps it: stripped, an empty cell an empty text (never NULL)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():  # a spreadsheet's 75001.0 in a text column
            value = int(value)
        return super().clean(value, row, **kwargs).strip()


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, by the label the admin shows or by its stored code; exported as the label."""

    def __init__(self, choices, empty="", **kwargs):
        super().__init__(**kwargs)
        self.empty = empty  # what an empty cell stores: "" for text, None for a nullable number
        self.labels = {value: str(label) for value, label in choices}
        self.by_key = {}
        for value, label in self.labels.items():
            self.by_key.setdefault(header_key(label), value)
            self.by_key.setdefault(header_key(value), value)

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.empty
        if isinstance(value, float) and value.is_integer():  # a spreadsheet's 7.0 for the code 7
            value = int(value)
        try:
            return self.by_key[header_key(value)]
        except KeyError:
            raise ValueError(
                _("« %(value)s » n’est pas une valeur possible. Valeurs possibles : %(choices)s.")
                % {"value": value, "choices": ", ".join(self.labels.values())}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if value in (None, ""):
            return ""
        return self.labels.get(value, str(value))


class YesNoWidget(widgets.Widget):
    """Oui / Non (also vrai/faux, 1/0, true/false); an empty cell is "not known"."""

    YES = frozenset({"oui", "o", "vrai", "1", "true", "yes", "x"})
    NO = frozenset({"non", "n", "faux", "0", "false", "no"})

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return value
        key = header_key(value)
        if key in ("", "none", "null"):
            return None
        if key in self.YES or (isinstance(value, int | float) and value == 1):
            return True
        if key in self.NO or (isinstance(value, int | float) and value == 0):
            return False
        raise ValueError(_("« %(value)s » : répondez Oui ou Non, ou laissez la cellule vide.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("Oui") if value else _("Non")


class DateWidget(widgets.DateWidget):
    """A date as 31/01/2026 or 2026-01-31, or a spreadsheet's date cell; exported as 2026-01-31."""

    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y")

    def __init__(self, **kwargs):
        super().__init__(format=None, **kwargs)
        self.formats = self.FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        try:
            parsed = super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("« %(value)s » n’est pas une date (écrivez-la 31/01/2026 ou 2026-01-31).") % {"value": value}
            ) from None
        return parsed.date() if isinstance(parsed, datetime) else parsed


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related row named by its slug, or by its exact name when no other row bears it; each name is looked
    up once per import, as a file names the same few employers many times."""

    def __init__(self, model, label, name_field=None, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.label = label
        self.name_field = name_field
        self._found = {}
        self._slugs_by_name = None

    def lookup(self, value):
        """The row ``value`` names, or None."""
        text = str(value).strip()
        if text not in self._found:
            manager = self.model._default_manager
            found = manager.filter(slug=text).first()
            if found is None and self.name_field is not None:
                slug = self._slug_named(text)
                found = manager.filter(slug=slug).first() if slug else None
            self._found[text] = found
        return self._found[text]

    def _slug_named(self, name: str) -> str | None:
        if self._slugs_by_name is None:  # one query, the first time a name rather than a slug is met
            self._slugs_by_name = {}
            for slug, row_name in self.model._default_manager.values_list("slug", self.name_field):
                self._slugs_by_name.setdefault(header_key(row_name), []).append(slug)
        found = self._slugs_by_name.get(header_key(name), [])
        if len(found) > 1:
            raise ValueError(
                _("Plusieurs « %(label)s » s’appellent « %(value)s » : indiquez l’identifiant (%(slugs)s).")
                % {"label": self.label, "value": name, "slugs": ", ".join(sorted(found))}
            )
        return found[0] if found else None

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        found = self.lookup(value)
        if found is None:
            raise ValueError(_("%(label)s inconnu(e) : « %(value)s ».") % {"label": self.label, "value": value})
        return found


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Related rows named by slugs (or exact names) separated by commas; any unknown one is refused."""

    def __init__(self, model, label, name_field=None, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)
        self.label = label
        self.rows = SlugForeignKeyWidget(model, label, name_field)

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return []
        parts = [part.strip() for part in str(value).split(self.separator) if part.strip()]
        found = {part: self.rows.lookup(part) for part in parts}
        missing = [part for part, obj in found.items() if obj is None]
        if missing:
            raise ValueError(
                _("%(label)s inconnu(s) : %(slugs)s.") % {"label": self.label, "slugs": ", ".join(missing)}
            )
        return list({obj.pk: obj for obj in found.values()}.values())


def _name_field(model) -> str | None:
    """The field a related row is named by in the admin, if it has one."""
    names = {field.name for field in model._meta.fields}
    return next((name for name in ("name", "title") if name in names), None)


class LabelledResourceMetaclass(ModelDeclarativeMetaclass):
    """Names each column by its model field's label, unless the resource named it otherwise."""

    def __new__(mcs, name, bases, attrs):
        cls = super().__new__(mcs, name, bases, attrs)
        model = cls._meta.model
        if model is None:
            return cls
        clashing = RESERVED_FIELD_NAMES & set(cls.fields)
        if clashing:
            raise ImproperlyConfigured(
                f"{name}: the resource field(s) {sorted(clashing)} clash with the admin import/export forms; "
                "declare them under another name with attribute='…'."
            )
        for key, field in cls.fields.items():
            model_field = cls.model_field(field)
            if model_field is not None and field.column_name in (key, field.attribute):
                field.column_name = model_field_label(model_field)
        return cls


class StrictModelResource(resources.ModelResource, metaclass=LabelledResourceMetaclass):
    """A model's rows in and out of files, keyed by ``import_id_fields``, refusing what it cannot read.

    ``required_columns`` must be in the file; ``export_only`` ones are exported, never imported."""

    required_columns: tuple[str, ...] = ()
    export_only: tuple[str, ...] = ()

    # -- columns ---------------------------------------------------------------------------------------

    @classmethod
    def model_field(cls, field):
        """The model field a resource field reads and writes, if it is one."""
        if not field.attribute or "__" in field.attribute:
            return None
        try:
            return cls._meta.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:  # a resource field computed from something else
            return None

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """Each kind of model field gets the widget that reads the admin's own words."""
        readonly = readonly or field_name in cls.export_only
        label = model_field_label(django_field)
        if isinstance(django_field, models.ForeignKey | models.ManyToManyField):
            related = django_field.related_model
            widget_class = SlugForeignKeyWidget if isinstance(django_field, models.ForeignKey) else SlugManyToManyWidget
            widget = widget_class(related, label, _name_field(related))
        elif django_field.choices:
            widget = ChoiceWidget(django_field.flatchoices, empty=None if django_field.null else "")
        elif isinstance(django_field, models.BooleanField):
            widget = YesNoWidget()
        elif isinstance(django_field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
            widget = AmountWidget()
        elif isinstance(django_field, models.DateTimeField):
            widget = widgets.DateTimeWidget()
        elif isinstance(django_field, models.DateField):
            widget = DateWidget()
        elif isinstance(django_field, models.CharField | models.TextField) and not django_field.null:
            widget = TextWidget(allow_blank=True)
        else:
            return super().field_from_django_field(field_name, django_field, readonly)
        return fields.Field(
            attribute=field_name, column_name=label, widget=widget, readonly=readonly, default=django_field.default
        )

    def column_label(self, name: str) -> str | None:
        """The column that shows a model field (or a resource field), for messages; None for the row as a whole."""
        for key, field in self.fields.items():
            if name in (key, field.attribute):
                return field.column_name
        try:
            return model_field_label(self._meta.model._meta.get_field(name))
        except FieldDoesNotExist:
            return None

    def column_aliases(self) -> dict[str, str]:
        """Every accepted spelling of each column (its label, its code name), folded -> the column's name."""
        aliases = {}
        for key, field in self.fields.items():
            for spelling in (field.column_name, key, field.attribute):
                if spelling:
                    aliases.setdefault(header_key(spelling), field.column_name)
        for field in self.fields.values():  # then "Métier" or "Métiers" for the careers a programme leads to
            related = getattr(field.widget, "model", None)
            if related is not None:
                for spelling in (related._meta.verbose_name, related._meta.verbose_name_plural):
                    aliases.setdefault(header_key(spelling), field.column_name)
        return aliases

    def template_row(self) -> dict[str, object]:
        """One example row for the template file, by column name: ``template_example`` plus existing rows' slugs."""
        example = dict(getattr(self, "template_example", {}))
        row = {}
        for key, field in self.fields.items():
            value = example.get(key, "")
            if isinstance(field.widget, widgets.ForeignKeyWidget | widgets.ManyToManyWidget) and not value:
                first = field.widget.model._default_manager.order_by("pk").values_list("slug", flat=True).first()
                value = first or ""
            row[field.column_name] = value
        return row

    # -- import ----------------------------------------------------------------------------------------

    def import_data(self, dataset, *args, **kwargs):
        """Refuse a file whose columns or identifiers are wrong before reading any row (see ``check_file``)."""
        try:
            self.check_file(dataset, line_offset=kwargs.get("line_offset", 0))
        except FileRefused as exc:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            result.append_base_error(self.get_error_result_class()(exc))
            return result
        return super().import_data(dataset, *args, **kwargs)

    def check_file(self, dataset, line_offset=0):
        """Rename the file's columns to ours; refuse unknown, repeated or missing ones and repeated ids."""
        aliases = self.column_aliases()
        renamed, unknown, seen = [], [], {}
        for position, header in enumerate(dataset.headers or [], start=1):
            column = aliases.get(header_key(header))
            if column is None:
                unknown.append(str(header) or _("(colonne %(number)d sans nom)") % {"number": position})
            elif column in seen:
                raise FileRefused(
                    _("Les colonnes « %(first)s » et « %(second)s » disent la même chose : gardez-en une.")
                    % {"first": seen[column], "second": header}
                )
            else:
                seen[column] = header
            renamed.append(column or header)
        if unknown:
            raise FileRefused(
                _("Colonne(s) inconnue(s) : %(unknown)s. Colonnes possibles : %(known)s.")
                % {
                    "unknown": ", ".join(f"« {name} »" for name in unknown),
                    "known": ", ".join(field.column_name for field in self.fields.values()),
                }
            )
        dataset.headers = renamed
        missing = [self.fields[key].column_name for key in self.required_columns]
        missing = [column for column in missing if column not in seen]
        if missing:
            raise FileRefused(
                _("Colonne(s) manquante(s) : %(columns)s. La première ligne du fichier doit les nommer.")
                % {"columns": ", ".join(missing)}
            )
        self._refuse_repeated_ids(dataset, line_offset)

    def _refuse_repeated_ids(self, dataset, line_offset: int):
        """The same identifier twice would be saved twice, the second silently winning; checked across the
        batches of one import (``line_offset`` is the batch's first line)."""
        lines = self.__dict__.setdefault("_lines_by_id", {})
        for key in self.get_import_id_fields():
            column = self.fields[key].column_name
            if column not in dataset.headers:
                continue
            for number, value in enumerate(dataset[column], start=line_offset + 2):
                if value in (None, ""):
                    continue
                ident = (key, str(value).strip())
                if ident in lines:
                    raise FileRefused(
                        _("« %(value)s » (colonne « %(column)s ») figure deux fois, lignes %(first)d et %(second)d.")
                        % {"value": value, "column": column, "first": lines[ident], "second": number}
                    )
                lines[ident] = number

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
        """A row that fails for a reason other than its values is an incident: logged in full, shown in brief."""
        row_result = self.import_row_or_revision(row, instance_loader, **kwargs)
        for error in row_result.errors:
            logger.error(
                "Import of %s: row %s failed",
                self._meta.model._meta.label,
                kwargs.get("row_number"),
                exc_info=error.error,
            )
        return row_result

    def import_row_or_revision(self, row, instance_loader, **kwargs):
        """A row changing a published row, imported by someone who may not publish it, is imported in a
        savepoint then rolled back (``core.revisions.Capture``); its row result carries the revision."""
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

    def before_save_instance(self, instance, row, **kwargs):
        """The history names who imported (the admin's request does so too; a command has no request)."""
        super().before_save_instance(instance, row, **kwargs)
        user = kwargs.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            instance._history_user = user

    def after_import_row(self, row, row_result, **kwargs):
        """Tell a long import's caller how far it has gone (``progress(row_number)``)."""
        super().after_import_row(row, row_result, **kwargs)
        progress = kwargs.get("progress")
        if progress is not None:
            progress(kwargs["row_number"])

    def handle_import_error(self, result, error, raise_errors=False):
        """A file refused for a reason staff can fix is no incident; anything else goes to the log in full."""
        if not isinstance(error, FileRefused):
            logger.error("Import of %s failed", self._meta.model._meta.label, exc_info=error)
        super().handle_import_error(result, error, raise_errors)
