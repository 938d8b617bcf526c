"""Staff imports of CSV and XLSX files, by the admin (a bounded file) or by ``manage.py import_file`` (any size).

Both read the file with the same formats and resource, all or nothing, and report each refusal by line (the
header is line 1), column and a French reason; nothing of the server is shown, unexpected failures are logged.
"""

import io
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.tmp_storages import BaseStorage

from core.formats import FileRefused
from core.models import PendingImport

logger = logging.getLogger("core.imports")

PENDING_LIFETIME = timedelta(days=1)


def admin_max_rows() -> int:
    return settings.IMPORT_ADMIN_MAX_ROWS


def admin_max_bytes() -> int:
    return settings.IMPORT_ADMIN_MAX_MEGABYTES * 1024 * 1024


def grouped(number: int) -> str:
    """A count as the commands print it: "12 345"."""
    return number_format(number, force_grouping=True)


def unreadable_file_message(exc: Exception) -> str:
    """Why a file could not be read, in words an editor acts on."""
    if isinstance(exc, FileRefused):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return _(
            "Le fichier n’est pas encodé en UTF-8 (octet illisible en position %(position)s). "
            "Enregistrez-le au format « CSV UTF-8 », puis importez-le à nouveau."
        ) % {"position": exc.start}
    return _("Le fichier n’a pas pu être lu (%(error)s). Vérifiez que le format choisi correspond au fichier.") % {
        "error": type(exc).__name__
    }


# -- the upload, kept in memory and bounded ----------------------------------------------------------------


class BoundedMemoryUploadHandler(MemoryFileUploadHandler):
    """Keeps each uploaded file in memory up to the admin's limit, never in a temporary file (the imports are the
    site's only uploads). Past the limit the file arrives empty and marked ``too_large``, for the form to refuse."""

    def handle_raw_input(self, *args, **kwargs):
        self.activated = True  # whatever the request's size: the limit is applied per file, below

    def new_file(self, *args, **kwargs):
        self.too_large = False
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        if not self.too_large and start + len(raw_data) <= admin_max_bytes():
            self.file.write(raw_data)
        elif not self.too_large:
            self.too_large = True
            self.file = io.BytesIO()

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.too_large = self.too_large
        return upload


# -- the file between preview and confirmation ------------------------------------------------------------


class DatabaseStorage(BaseStorage):
    """django-import-export's temporary storage, in the database, so that any app server can confirm a preview
    and nothing is left on disk. The confirmation claims the file: read once, then gone; files never confirmed
    are deleted after ``PENDING_LIFETIME``."""

    GONE = gettext_lazy(
        "Ce fichier n’est plus en attente (déjà importé, ou prévisualisé il y a plus d’un jour) : "
        "importez-le à nouveau."
    )

    def __init__(self, model_label: str, uploader=None, **kwargs):
        super().__init__(**kwargs)
        self.model_label = model_label
        self.uploader = uploader
        self._data = None

    def save(self, data):
        PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_LIFETIME).delete()
        self.name = self.name or uuid.uuid4().hex
        PendingImport.objects.create(key=self.name, model=self.model_label, user=self.uploader, data=bytes(data))
        self._data = bytes(data)

    def read(self):
        if self._data is not None:  # the preview reads back what it has just saved
            return self._data
        with transaction.atomic():
            pending = PendingImport.objects.select_for_update().filter(key=self.name, model=self.model_label).first()
            if pending is None:
                raise FileRefused(self.GONE)
            pending.delete()
        self._data = bytes(pending.data)
        return self._data

    def remove(self):
        PendingImport.objects.filter(key=self.name, model=self.model_label).delete()


# -- what went wrong, line by line ------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One refusal: the file's line (None for the file as a whole), the column (None for the whole row), why."""

    line: int | None
    column: str | None
    reason: str

    def __str__(self):
        if self.line is None:
            return self.reason
        if self.column is None:
            return _("ligne %(line)d : %(reason)s") % vars(self)
        return _("ligne %(line)d, colonne « %(column)s » : %(reason)s") % vars(self)


UNEXPECTED = gettext_lazy(
    "erreur inattendue en enregistrant cette ligne ; rien n’a été écrit. "
    "Le détail est dans le journal du serveur, à l’heure de cet import."
)


def problems(resource, result, line_offset: int = 0) -> list[Problem]:
    """Every refusal of ``result`` in file order; ``line_offset`` is the number of data rows read before it."""
    found = []
    for error in result.base_errors:
        reason = str(error.error) if isinstance(error.error, FileRefused) else str(UNEXPECTED)
        found.append(Problem(None, None, reason))
    for number, errors in result.row_errors():
        found.extend(Problem(line_offset + number + 1, None, str(UNEXPECTED)) for _error in errors)
    for row in result.invalid_rows:
        line = line_offset + row.number + 1
        for name, messages in row.error_dict.items():
            column = None if name == NON_FIELD_ERRORS else resource.column_label(name)
            found.extend(Problem(line, column, str(message)) for message in messages)
    return sorted(found, key=lambda problem: problem.line or 0)


# -- a whole file, in batches, for the command --------------------------------------------------------------


@dataclass
class Outcome:
    rows: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    pending: int = 0  # updates of published rows kept as revisions for a publisher (core.revisions)
    problems: list[Problem] | None = None


def import_in_batches(resource, file_format, data, *, dry_run, user=None, batch_size=500, progress=None) -> Outcome:
    """Import every row of ``data``, all or nothing: one transaction around every batch, rolled back on
    any refusal (or for a dry run). ``progress(rows_done)`` is called after each row."""
    outcome = Outcome(problems=[])
    with transaction.atomic():
        for dataset in file_format.batches(data, batch_size):
            offset = outcome.rows
            result = resource.import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
                user=user,
                line_offset=offset,
                progress=(lambda number, offset=offset: progress(offset + number)) if progress else None,
            )
            outcome.problems += problems(resource, result, line_offset=offset)
            outcome.rows += len(dataset)
            outcome.new += result.totals["new"]
            outcome.updated += result.totals["update"]
            outcome.skipped += result.totals["skip"]
            outcome.pending += sum(1 for row in result.rows if getattr(row, "pending_revision", None) is not None)
            if result.base_errors:  # the file itself is refused (a column, a repeated id): no use reading on
                break
        if outcome.problems or dry_run:
            transaction.set_rollback(True)
    return outcome
