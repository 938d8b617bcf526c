"""Abstract bases shared by the content apps."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """Set-based writes (publish, archive, expire…) send no signal: tell the page cache here."""
        from portal.cache import content_changed

        count = super().update(**kwargs)
        if count:
            content_changed()
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

    def publish(self) -> None:
        self.status = self.Status.PUBLISHED
        self.save(update_fields=["status", "updated_at"])

    def unpublish(self) -> None:
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])
