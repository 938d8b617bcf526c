"""Abstract bases shared by the content apps, and the record of every import from outside."""

from functools import cache

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from core.signals import content_changed
from core.snapshots import SnapshotEncoder
from core.text import search_words


@cache
def choice_labels(field) -> dict:
    """A choice field's labels by value, built once per field (every choice field here has fixed choices); the
    labels stay lazy, translated when shown."""
    return dict(field.flatchoices)


class ChoiceLabels:
    """``get_FOO_display()`` reading a dict built once per field: Django's own rebuilds it on each call,
    translating every lazy label of the field to show one."""

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
        """Set-based writes send no signal: tell the page cache, and give each row the history record a save
        would write, by the request's user (an admin action) or nobody (a command)."""
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

    def bulk_create(self, objs, *args, **kwargs):
        """Bulk inserts send no signal either."""
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            content_changed.send(sender=self.model)
        return created

    def published(self):
        """Rows the public may see."""
        return self.filter(status=PublishableModel.Status.PUBLISHED)

    def visible_to(self, user):
        """Published rows, plus every draft for staff previewing their work."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def publish(self) -> int:
        """Publish the rows not yet public; a model with a review date records today's (they were just reviewed)."""
        stamp = self.model.review_date_field
        fields = {stamp: timezone.localdate()} if stamp else {}
        with transaction.atomic():
            return self.exclude(status=PublishableModel.Status.PUBLISHED).update(
                status=PublishableModel.Status.PUBLISHED, updated_at=timezone.now(), **fields
            )

    def unpublish(self) -> int:
        with transaction.atomic():
            return self.exclude(status=PublishableModel.Status.DRAFT).update(
                status=PublishableModel.Status.DRAFT, updated_at=timezone.now()
            )

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

    # Reverse relations to rows owned by this one and edited with it (missions, pay figures…): a change
    # to them is a change to this row, reviewed with it (``core.snapshots``, ``core.revisions``).
    revision_children: tuple[str, ...] = ()
    # The date field that records the last review ("relu le"), set when a publisher publishes or approves.
    review_date_field: str | None = None

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
        """Only a user with the publish permission changes what the public sees: publishing, taking a row off
        line, moving an archived row. Without it a row moves between draft and review only."""
        if status == self.status or self.can_publish(user):
            return True
        unseen = {self.Status.DRAFT, self.Status.REVIEW}
        return self.status in unseen and status in unseen

    def stamp_review(self) -> list[str]:
        """Record today as the review date, if the model keeps one; the fields to save."""
        if self.review_date_field is None:
            return []
        setattr(self, self.review_date_field, timezone.localdate())
        return [self.review_date_field]

    def submit_for_review(self) -> None:
        if self.status != self.Status.DRAFT:
            return
        self.status = self.Status.REVIEW
        self.save(update_fields=["status", "updated_at"])

    def publish(self) -> None:
        stamped = self.stamp_review() if self.status != self.Status.PUBLISHED else []
        self.status = self.Status.PUBLISHED
        self.save(update_fields=["status", "updated_at", *stamped])

    def unpublish(self) -> None:
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    def archive(self) -> None:
        self.status = self.Status.ARCHIVED
        self.save(update_fields=["status", "updated_at"])


class DataSource(TimeStampedModel):
    """A source the portal imports from (France Travail, the CPF catalogue, ONISEP…), created by its importer's
    first run; staff choose here whether what it brings is published at once or waits in review."""

    key = models.SlugField(_("identifiant"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=160)
    publisher = models.CharField(_("éditeur"), max_length=160)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    licence = models.CharField(
        _("licence"), max_length=120, blank=True, help_text=_("Par exemple : Licence Ouverte 2.0.")
    )
    licence_url = models.URLField(_("adresse de la licence"), max_length=500, blank=True)
    publish_at_once = models.BooleanField(
        _("publier aussitôt"),
        default=False,
        help_text=_("Coché : ce que la source apporte est publié dès l’import. Sinon, il attend en relecture."),
    )

    class Meta:
        verbose_name = _("source importée")
        verbose_name_plural = _("sources importées")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportRunQuerySet(models.QuerySet):
    def latest_per_source(self):
        """Each source's most recent run."""
        newest = ImportRun.objects.filter(source=models.OuterRef("source")).order_by("-started_at", "-pk")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))

    def needing_attention(self):
        """Latest runs that failed, stopped half-way or refused records: what "À revoir" lists."""
        return self.latest_per_source().filter(
            models.Q(status__in=[ImportRun.Status.FAILED, ImportRun.Status.PARTIAL]) | models.Q(refused__gt=0)
        )


class ImportRun(ChoiceLabels, models.Model):
    """One run of an importer: what it changed, refused and why. Written outside the import's transaction, so
    a run that rolls back still leaves its record and its reason."""

    MAX_ERRORS = 50  # the first ones are kept; ``refused`` counts them all

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        COMPLETE = "complete", _("Terminé")
        PARTIAL = "partial", _("Partiel : rien n’a été fermé")
        FAILED = "failed", _("Échec : rien n’a été écrit")

    source = models.ForeignKey(DataSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="runs")
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    dry_run = models.BooleanField(_("simulation"), default=False)
    created = models.PositiveIntegerField(_("créés"), default=0)
    updated = models.PositiveIntegerField(_("mis à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangés"), default=0)
    closed = models.PositiveIntegerField(_("fermés"), default=0)
    reopened = models.PositiveIntegerField(_("rouverts"), default=0)
    refused = models.PositiveIntegerField(_("refusés"), default=0)
    errors = models.JSONField(_("premières erreurs"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at", "-pk"]
        indexes = [
            # The admin list per source and latest_per_source().
            models.Index(fields=["source", "-started_at"], name="import_run_source_idx"),
        ]

    def __str__(self):
        return f"{self.source} · {self.started_at:%d/%m/%Y %H:%M}"

    @classmethod
    def start(cls, source: DataSource, *, dry_run: bool = False) -> "ImportRun":
        return cls.objects.create(source=source, dry_run=dry_run)

    def refuse(self, reference: str, reason: str) -> None:
        """Count one refused record and keep its reference and reason among the first ``MAX_ERRORS``."""
        self.refused += 1
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append({"ref": str(reference)[:200], "reason": str(reason)[:500]})

    def finish(self, status: str, message: str = "") -> None:
        self.status = status
        self.message = message
        self.finished_at = timezone.now()
        self.save()


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        """Proposals still waiting for a decision."""
        return self.filter(state=Revision.State.PENDING)

    def for_model(self, model):
        return self.filter(model_label=model._meta.label_lower)

    def of(self, obj):
        """The revisions proposed for one row."""
        return self.for_model(type(obj)).filter(object_id=obj.pk)

    def visible_to(self, user):
        """What a user may read: the proposals they could approve, and their own."""
        if user.is_superuser:
            return self.all()
        labels = [model._meta.label_lower for model in reviewed_models() if model.can_publish(user)]
        return self.filter(models.Q(model_label__in=labels) | models.Q(author=user.pk))


def reviewed_models() -> list:
    """Every concrete model that goes through review before publication."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, PublishableModel)]


class Revision(TimeStampedModel):
    """A change to a published row by someone who may not publish, kept beside the live row until a publisher
    approves it (``core.revisions``): ``base`` the row then, ``proposed`` the row after (``core.snapshots``)."""

    class State(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Approuvée")
        REJECTED = "rejected", _("Rejetée")
        WITHDRAWN = "withdrawn", _("Retirée par son auteur")

    # The row, by model label and id rather than a content type: a backup restores it whatever the ids of
    # content types, and deleting the row leaves the decided proposals on record.
    model_label = models.CharField(_("type de contenu"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("identifiant de la ligne"))
    object_repr = models.CharField(_("élément"), max_length=200)
    base = models.JSONField(_("version en ligne lors de la proposition"), encoder=SnapshotEncoder)
    proposed = models.JSONField(_("version proposée"), encoder=SnapshotEncoder)
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default=State.PENDING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_revisions",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_revisions",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    note = models.CharField(_("motif"), max_length=500, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("modification proposée")
        verbose_name_plural = _("modifications proposées")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A row's admin page shows its pending proposals.
            models.Index(fields=["model_label", "object_id", "state"], name="revision_row_state_idx"),
            # The "À revoir" queues and the admin list: pending proposals of one model, oldest first.
            models.Index(fields=["state", "model_label", "created_at"], name="revision_state_model_idx"),
        ]

    def __str__(self):
        return f"{self.object_repr} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.object_repr

    @property
    def model(self):
        from django.apps import apps

        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    def target(self):
        """The live row, or None once it has been deleted."""
        model = self.model
        return None if model is None else model._base_manager.filter(pk=self.object_id).first()

    def may_decide(self, user) -> bool:
        """Approving or rejecting needs the right to publish the row's model."""
        model = self.model
        return model is not None and model.can_publish(user)


class PendingImport(models.Model):
    """A staff file between the admin's preview and its confirmation, in the database so the confirmation may
    land on any app server; deleted once read, or a day after (``core.imports.DatabaseStorage``)."""

    key = models.CharField(_("clé"), max_length=32, unique=True)
    model = models.CharField(_("modèle"), max_length=100, help_text=_("Ce que le fichier importe : app.modèle."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), on_delete=models.SET_NULL, null=True, blank=True
    )
    data = models.BinaryField(_("contenu du fichier"))
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("import en attente de confirmation")
        verbose_name_plural = _("imports en attente de confirmation")
        indexes = [
            # Each preview deletes the files left unconfirmed for a day.
            models.Index(fields=["created_at"], name="pending_import_created_idx"),
        ]

    def __str__(self):
        return f"{self.model} · {self.key}"


class SynonymQuerySet(PublishableQuerySet):
    def phrase_groups(self) -> list[list[tuple[str, ...]]]:
        """Each published row's phrases, folded into words: "IA, intelligence artificielle" ->
        ``[("ia",), ("intelligence", "artificielle")]``. What ``core.search.parse`` expands a query with."""
        groups = []
        for term, equivalents in self.published().order_by("pk").values_list("term", "equivalents"):
            phrases = [tuple(search_words(phrase)) for phrase in (term, *equivalents.split(","))]
            phrases = list(dict.fromkeys(phrase for phrase in phrases if phrase))
            if len(phrases) > 1:
                groups.append(phrases)
        return groups


class Synonym(PublishableModel):
    """Words that mean the same to the people searching: a search for one finds the others too."""

    term = models.CharField(
        _("terme"), max_length=120, unique=True, help_text=_("Ce que l’on tape : « alternance », « IA »…")
    )
    equivalents = models.CharField(
        _("équivalents"),
        max_length=500,
        help_text=_(
            "Séparés par des virgules : apprentissage, contrat de professionnalisation. Chercher l’un trouve "
            "aussi les autres, dans les deux sens. Les accents et les majuscules ne comptent pas."
        ),
    )

    objects = SynonymQuerySet.as_manager()

    class Meta:
        verbose_name = _("synonyme de recherche")
        verbose_name_plural = _("synonymes de recherche")
        ordering = ["term"]
        permissions = [("publish_synonym", "Peut publier un synonyme de recherche")]

    def __str__(self):
        return self.term
