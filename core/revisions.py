"""Pending revisions: a change to published content, by someone who may not publish, waits for a publisher.

The change is written as usual inside a savepoint, which ``Capture`` keeps as a ``Revision`` then rolls
back: the same validation runs, and neither the public nor the history sees a version that never went live."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import snapshots
from core.models import PublishableModel, Revision


class RevisionConflict(Exception):
    """The live row moved, since the proposal, on something the proposal changes."""


def stored_status(obj):
    """The status in the database, which a form or a history revert may be about to change."""
    if obj.pk is None:
        return None
    return type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True).first()


def needs_review(obj, user) -> bool:
    """A change to this row by this user must wait: the row is public and the user may not publish it.
    No user (a management command) writes as it always did."""
    if obj is None or user is None:
        return False
    return stored_status(obj) == PublishableModel.Status.PUBLISHED and not type(obj).can_publish(user)


def live(model, pk):
    return model._base_manager.filter(pk=pk).first()


class Capture:
    """Start before a change is written; ``finish`` keeps it as a proposal and undoes it."""

    def __init__(self, target):
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("A revision is captured inside a transaction only.")
        self.model = type(target)
        self.pk = target.pk
        self.name = str(target)[:200]
        self.base = snapshots.take(target)
        self.savepoint = transaction.savepoint()

    def finish(self, author) -> Revision | None:
        """The proposal (None if the change changed nothing); the live row is as it was."""
        after = live(self.model, self.pk)
        proposed = snapshots.mark_new(snapshots.take(after), self.base)
        transaction.savepoint_rollback(self.savepoint)
        if not snapshots.delta(self.base, proposed):
            return None
        return Revision.objects.create(
            model_label=self.model._meta.label_lower,
            object_id=self.pk,
            object_repr=self.name,
            base=self.base,
            proposed=proposed,
            author=author,
        )

    def cancel(self) -> None:
        transaction.savepoint_rollback(self.savepoint)


def reason(revision, verb: str) -> str:
    author = revision.author.get_username() if revision.author else _("compte supprimé")
    text = _("Proposition n° %(number)s de %(author)s %(verb)s") % {
        "number": revision.pk,
        "author": author,
        "verb": verb,
    }
    return text[:100]  # the history keeps 100 characters of a reason


def _locked_pending(revision) -> Revision:
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    if not locked.is_pending:
        raise ValidationError(_("Cette proposition a déjà été traitée."), code="decided")
    return locked


def _close(revision, state, user, note="") -> None:
    revision.state = state
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.note = note[:500]
    revision.save(update_fields=["state", "decided_by", "decided_at", "note", "updated_at"])


def approve(revision, user):
    """Apply what the proposal changes to the live row, all or nothing, validated as a form would; a field
    changed since by someone else and by the proposal too is a ``RevisionConflict``. Returns the row."""
    if not revision.may_decide(user):
        raise PermissionError
    with transaction.atomic():
        revision = _locked_pending(revision)
        model = revision.model
        target = model._base_manager.select_for_update().filter(pk=revision.object_id).first()
        if target is None:
            raise ValidationError(_("L’élément a été supprimé depuis la proposition."), code="deleted")
        current = snapshots.take(target)
        if snapshots.conflicts(revision.base, revision.proposed, current):
            raise RevisionConflict
        change = snapshots.delta(revision.base, revision.proposed)
        why = reason(revision, _("approuvée"))
        snapshots.assign(target, change.fields)
        if target.is_published:
            target.stamp_review()
        target.full_clean(validate_unique=True)
        target._history_user = user
        target._change_reason = why
        target.save()
        for name, (added, removed) in change.m2m.items():
            related = getattr(target, name)
            related.remove(*removed)
            related.add(*related.model._base_manager.filter(pk__in=added))
        for name, child_model, fk in snapshots.child_relations(model):
            parts = change.children.get(name)
            if parts:
                _apply_children(target, child_model, fk, parts, user, why)
        _close(revision, Revision.State.APPROVED, user)
    return target


def _apply_children(target, child_model, fk, parts, user, why) -> None:
    rows = child_model._base_manager.filter(**{fk.name: target})
    for child in rows.filter(pk__in=[int(key) for key in parts["removed"]]):
        child._history_user, child._change_reason = user, why
        child.delete()
    for key, fields in parts["changed"].items():
        child = rows.get(pk=int(key))
        _write(child, fields, user, why)
    for fields in parts["added"]:
        _write(child_model(**{fk.name: target}), fields, user, why)


def _write(child, fields, user, why) -> None:
    snapshots.assign(child, fields).full_clean()
    child._history_user, child._change_reason = user, why
    child.save()


def reject(revision, user, note: str = "") -> None:
    """Discard the proposal; the row's history says who rejected it and why."""
    if not revision.may_decide(user):
        raise PermissionError
    with transaction.atomic():
        revision = _locked_pending(revision)
        _close(revision, Revision.State.REJECTED, user, note)
        _record(revision, user, reason(revision, _("rejetée")) + (f" : {note}" if note else ""))


def withdraw(revision, user) -> None:
    """The author takes back a proposal no one has decided on yet."""
    if revision.author_id != user.pk:
        raise PermissionError
    with transaction.atomic():
        revision = _locked_pending(revision)
        _close(revision, Revision.State.WITHDRAWN, user)
        _record(revision, user, reason(revision, _("retirée")))


def _record(revision, user, why) -> None:
    """A version identical to the live one, carrying the decision, in the row's history."""
    target = revision.target()
    history = getattr(revision.model, "history", None)
    if target is not None and history is not None:
        history.bulk_history_create([target], update=True, default_user=user, default_change_reason=why[:100])
