"""A reviewed row as JSON (editable fields but its status, sorted link ids, owned ``revision_children`` by id),
what changed between two such snapshots, and how to show it. Added children are keyed ``new-1``, ``new-2``…
as their ids vanish with the rollback."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

NEW = "new-"
SKIPPED = {"status"}  # moved by the review actions, never by a revision


class SnapshotEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def normalise(value):
    return json.loads(json.dumps(value, cls=SnapshotEncoder))


def own_fields(model, skip=()) -> list:
    """Fields a person edits on ``model``: concrete, editable, not the id (nor ``skip``)."""
    return [
        f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in {*SKIPPED, *skip}
    ]


def m2m_fields(model) -> list:
    return [f for f in model._meta.many_to_many if f.editable]


def child_relations(model):
    """(accessor, child model, its foreign key to ``model``) for each owned relation the model declares."""
    for name in getattr(model, "revision_children", ()):
        relation = model._meta.get_field(name)
        yield name, relation.related_model, relation.field


def values(obj, fields) -> dict:
    return {f.name: f.value_from_object(obj) for f in fields}


def take(obj) -> dict:
    """The row as stored now: read from the database, children and links included."""
    model = type(obj)
    data = {
        "fields": values(obj, own_fields(model)),
        "m2m": {f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in m2m_fields(model)},
        "children": {},
    }
    for name, child_model, fk in child_relations(model):
        fields = own_fields(child_model, {fk.name})
        rows = child_model._base_manager.filter(**{fk.name: obj.pk}).order_by("pk")
        data["children"][name] = {str(child.pk): values(child, fields) for child in rows}
    return normalise(data)


def mark_new(proposed: dict, base: dict) -> dict:
    """Re-key the children ``proposed`` has and ``base`` had not: their ids vanish with the rollback."""
    children = {}
    for name, rows in proposed["children"].items():
        known = base["children"].get(name, {})
        kept = {key: row for key, row in rows.items() if key in known}
        added = [row for key, row in rows.items() if key not in known]
        children[name] = kept | {f"{NEW}{n}": row for n, row in enumerate(added, 1)}
    return {**proposed, "children": children}


@dataclass
class Delta:
    """What a proposal changes: fields, links added and removed, children removed, changed and added."""

    fields: dict = field(default_factory=dict)
    m2m: dict = field(default_factory=dict)  # name -> (added ids, removed ids)
    children: dict = field(default_factory=dict)  # name -> {"removed": [...], "changed": {id: {...}}, "added": [...]}

    def __bool__(self):
        return bool(self.fields or self.m2m or self.children)


def delta(base: dict, proposed: dict) -> Delta:
    result = Delta()
    result.fields = {
        name: value for name, value in proposed["fields"].items() if base["fields"].get(name, value) != value
    }
    for name, ids in proposed["m2m"].items():
        before, after = set(base["m2m"].get(name, [])), set(ids)
        if before != after:
            result.m2m[name] = (sorted(after - before), sorted(before - after))
    for name, rows in proposed["children"].items():
        known = base["children"].get(name, {})
        removed = [key for key in known if key not in rows]
        changed = {}
        for key, row in rows.items():
            if key in known:
                fields = {f: v for f, v in row.items() if known[key].get(f, v) != v}
                if fields:
                    changed[key] = fields
        added = [row for key, row in rows.items() if key.startswith(NEW)]
        if removed or changed or added:
            result.children[name] = {"removed": removed, "changed": changed, "added": added}
    return result


def conflicts(base: dict, proposed: dict, live: dict) -> list[str]:
    """Where the live row moved, since the proposal, on something the proposal changes: approving would
    overwrite that later change unseen."""
    found = []
    change = delta(base, proposed)
    for name, value in change.fields.items():
        now = live["fields"].get(name)
        if now != base["fields"].get(name) and now != value:
            found.append(name)
    for name, parts in change.children.items():
        live_rows, base_rows = live["children"].get(name, {}), base["children"].get(name, {})
        for key in parts["removed"]:
            if key in live_rows and live_rows[key] != base_rows[key]:
                found.append(f"{name}:{key}")
        for key, fields in parts["changed"].items():
            if key not in live_rows or any(
                live_rows[key].get(f) != base_rows[key].get(f) and live_rows[key].get(f) != v for f, v in fields.items()
            ):
                found.append(f"{name}:{key}")
    return found


def python_value(model_field, value):
    """A snapshot's JSON value back as the field holds it (a date, a related id…)."""
    if value is None:
        return None
    return model_field.to_python(value)


def assign(obj, data: dict):
    """Set a snapshot's field values on ``obj``, as its fields hold them; returns ``obj``."""
    for name, value in data.items():
        model_field = obj._meta.get_field(name)
        setattr(obj, model_field.attname, python_value(model_field, value))
    return obj


# What the diff page shows.


@dataclass
class Line:
    """One field: its label, before and after (what the proposal was made against, what it proposes)."""

    label: str
    before: str
    after: str
    now: str | None = None  # the live value, shown when it has moved since the proposal
    multiline: bool = False


@dataclass
class ChildItem:
    kind: str  # "added", "removed", "changed"
    title: str
    lines: list
    conflict: bool = False

    @property
    def kind_label(self) -> str:
        return {"added": _("Ajouté"), "removed": _("Supprimé"), "changed": _("Modifié")}[self.kind]


@dataclass
class Section:
    title: str
    items: list


@dataclass
class Diff:
    lines: list
    sections: list
    conflicts: list

    def __bool__(self):
        return bool(self.lines or self.sections)


def shown(model_field, value, names=None) -> str:
    """A stored value as the admin would show it: labels, names, French dates, "—" for nothing."""
    if value in (None, "", []):
        return "—"
    if model_field.many_to_many:
        return ", ".join(names.get(pk, _("(supprimé)")) for pk in value)
    if model_field.is_relation:
        return names.get(value, _("(supprimé)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    python = python_value(model_field, value)
    if isinstance(python, bool):
        return _("Oui") if python else _("Non")
    if isinstance(python, datetime.datetime):
        return date_format(timezone.localtime(python) if timezone.is_aware(python) else python, "j F Y H:i")
    if isinstance(python, datetime.date):
        return date_format(python, "j F Y")
    if isinstance(python, int | Decimal):
        return number_format(python, force_grouping=True)
    return str(python)


def related_names(model_field, ids) -> dict:
    """``{id: str(row)}`` of the rows a relation field points to, in one query (none for no ids)."""
    return {obj.pk: str(obj) for obj in model_field.related_model._base_manager.filter(pk__in=ids)}


def field_line(model_field, before, after, now=None) -> Line:
    names = {}
    if model_field.is_relation:
        ids = {pk for value in (before, after, now) for pk in (value if isinstance(value, list) else [value])}
        names = related_names(model_field, ids - {None})
    moved = now is not None and now != before and now != after
    return Line(
        label=str(model_field.verbose_name),
        before=shown(model_field, before, names),
        after=shown(model_field, after, names),
        now=shown(model_field, now, names) if moved else None,
        multiline=isinstance(model_field, models.TextField),
    )


def describe(model, base: dict, proposed: dict, live: dict | None = None) -> Diff:
    """The proposal against the version it was made on, field by field, and the live version where it moved."""
    change = delta(base, proposed)
    live = live or base
    lines = [
        field_line(model._meta.get_field(name), base["fields"].get(name), value, live["fields"].get(name))
        for name, value in change.fields.items()
    ]
    for name in change.m2m:
        before, after = base["m2m"].get(name, []), proposed["m2m"][name]
        lines.append(field_line(model._meta.get_field(name), before, after, live["m2m"].get(name)))
    conflicting = set(conflicts(base, proposed, live))
    sections = []
    for name, child_model, _fk in child_relations(model):
        parts = change.children.get(name)
        if not parts:
            continue
        known, rows = base["children"].get(name, {}), proposed["children"][name]
        now = live["children"].get(name, {})
        meta = child_model._meta
        items = []
        for key, fields in parts["changed"].items():
            rows_shown = [
                field_line(meta.get_field(f), known[key].get(f), v, now.get(key, {}).get(f)) for f, v in fields.items()
            ]
            title = str(assign(child_model(), rows[key]))
            items.append(ChildItem("changed", title, rows_shown, f"{name}:{key}" in conflicting))
        for key in parts["removed"]:
            rows_shown = [field_line(meta.get_field(f), v, None) for f, v in known[key].items() if v not in (None, "")]
            title = str(assign(child_model(), known[key]))
            items.append(ChildItem("removed", title, rows_shown, f"{name}:{key}" in conflicting))
        for row in parts["added"]:
            rows_shown = [field_line(meta.get_field(f), None, v) for f, v in row.items() if v not in (None, "")]
            items.append(ChildItem("added", str(assign(child_model(), row)), rows_shown))
        sections.append(Section(str(child_model._meta.verbose_name_plural).capitalize(), items))
    return Diff(lines, sections, sorted(conflicting))
