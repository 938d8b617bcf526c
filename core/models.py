"""Abstract bases shared by the content apps."""

from functools import cache

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from core.signals import content_changed


@cache
def choice_labels(field) -> dict:
    """A choice field's labels by value, built once per field (every choice field here has fixed choices); the
    labels stay lazy, translated when shown."""
    return dict(field.flatchoices)


class ChoiceLabels:
    """``get_FOO_display()`` reading a dict built once per field.

    Django's own rebuilds a dict of every choice on each call and hashes every
    label to do so, which translates each lazy label: eighteen translations to
    show one region. A list of twenty offers called it sixty times.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value: Django's way handles it
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class TimeStampedModel(ChoiceLabels, models.Model):
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """Set-based writes (publish, archive, expire…) send no signal: tell the page cache and the history here.

        Each changed row gets its history record, as a save would write, by
        the user of the request (an admin action) or nobody (a command).
        """
        history = getattr(self.model, "history", None)
        recorded = history is not None and getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
        with transaction.atomic():
            ids = list(self.values_list("pk", flat=True)) if recorded else []
            count = super().update(**kwargs)
            if ids:
                history.bulk_history_create(self.model._default_manager.filter(pk__in=ids), update=True, batch_size=500)
        if count:
            content_changed.send(sender=self.model)
        return count

    def published(self):
        """Rows the public may see."""
        return self.filter(status=PublishableModel.Status.PUBLISHED)

    def visible_to(self, user):
        """Published rows, plus every draft for staff previewing their work."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def publish(self) -> int:
        with transaction.atomic():
            return self.update(status=PublishableModel.Status.PUBLISHED)

    def unpublish(self) -> int:
        with transaction.atomic():
            return self.update(status=PublishableModel.Status.DRAFT)

    def submit_for_review(self) -> int:
        """Drafts go to review; rows in any other state are left alone."""
        with transaction.atomic():
            return self.filter(status=PublishableModel.Status.DRAFT).update(
                status=PublishableModel.Status.REVIEW, updated_at=timezone.now()
            )

    def archive(self) -> int:
        with transaction.atomic():
            return self.exclude(status=PublishableModel.Status.ARCHIVED).update(
                status=PublishableModel.Status.ARCHIVED, updated_at=timezone.now()
            )


class PublishableModel(TimeStampedModel):
    """Content that staff write as a draft and publish when it is true."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        PUBLISHED = "published", _("Publié")
        ARCHIVED = "archived", _("Archivé")

    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Seul le contenu publié est visible du public."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @classmethod
    def publish_permission(cls) -> str:
        """The permission that moves a row to published ("careers.publish_career"), from ``Meta.permissions``."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    @classmethod
    def can_publish(cls, user) -> bool:
        return user.has_perm(cls.publish_permission())

    def may_move_to(self, status, user) -> bool:
        """Review before publication: only a user with the publish permission makes a row public.

        Every other move (to review, back to draft, to the archive) is open to
        whoever may change the row; a row already published stays so when edited.
        """
        if status == self.Status.PUBLISHED and self.status != self.Status.PUBLISHED:
            return self.can_publish(user)
        return True

    def submit_for_review(self) -> None:
        if self.status != self.Status.DRAFT:
            return
        self.status = self.Status.REVIEW
        self.save(update_fields=["status", "updated_at"])

    def publish(self) -> None:
        self.status = self.Status.PUBLISHED
        self.save(update_fields=["status", "updated_at"])

    def unpublish(self) -> None:
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    def archive(self) -> None:
        self.status = self.Status.ARCHIVED
        self.save(update_fields=["status", "updated_at"])
