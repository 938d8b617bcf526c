"""Records of an open-data export read one at a time, in constant memory, from a path or a URL.

The exports run to hundreds of megabytes: neither CSV nor JSON is ever read
whole. CSV is read line by line (its separator, ``;`` or ``,``, from the
header); JSON either as one array of objects (what Opendatasoft and ONISEP
export) or as one object per line (JSON Lines), decoded object by object
from a bounded buffer.
"""

import csv
import io
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

CHUNK = 64 * 1024
URL_TIMEOUT = 60
# An object bigger than this is no catalogue row: the file is refused rather than read into memory.
MAX_RECORD_CHARS = 1024 * 1024


class UnreadableFile(Exception):
    """The file cannot be read as a whole (missing, not UTF-8, not CSV or JSON, truncated)."""


@dataclass
class Record:
    number: int  # the CSV line (the header is line 1) or the JSON object's rank
    values: dict
    in_lines: bool = True

    @property
    def where(self) -> str:
        """ "ligne 4" or "enregistrement 3", for the refusal messages (translated only when one is refused)."""
        if self.in_lines:
            return _("ligne %(line)s") % {"line": self.number}
        return _("enregistrement %(number)s") % {"number": self.number}


def open_binary(location: str):
    """A binary stream of a local path or an http(s) URL."""
    if location.startswith(("http://", "https://")):
        try:
            return urllib.request.urlopen(location, timeout=URL_TIMEOUT)  # noqa: S310 (scheme checked above)
        except OSError as exc:
            raise UnreadableFile(_("Adresse injoignable (%(error)s).") % {"error": exc}) from exc
    try:
        return open(location, "rb")  # noqa: SIM115 (closed by the caller)
    except OSError as exc:
        raise UnreadableFile(_("Fichier introuvable ou illisible (%(error)s).") % {"error": exc.strerror}) from exc


def guess_format(location: str, head: bytes) -> str:
    """ "json" or "csv": from the name, else from the first character that is not a blank."""
    name = location.lower().split("?")[0]
    if name.endswith((".json", ".jsonl")):
        return "json"
    if name.endswith(".csv"):
        return "csv"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if first in (b"[", b"{") else "csv"


def read_records(location: str, file_format: str | None = None) -> Iterator[Record]:
    stream = open_binary(location)
    try:
        buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
        file_format = file_format or guess_format(location, buffered.peek(64)[:64])
        text = io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="")
        reader = csv_records if file_format == "csv" else json_records
        try:
            yield from reader(text)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                _("Le fichier n’est pas encodé en UTF-8 (%(reason)s).") % {"reason": exc.reason}
            ) from exc
    finally:
        stream.close()


def csv_records(text) -> Iterator[Record]:
    header = text.readline()
    if not header.strip():
        raise UnreadableFile(_("Le fichier est vide : pas même une ligne d’en-tête."))
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    columns = next(csv.reader([header], delimiter=delimiter))
    reader = csv.reader(text, delimiter=delimiter)
    try:
        for row in reader:
            line = reader.line_num + 1  # the header is line 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                yield Record(
                    line,
                    {"__error__": _("%(found)s colonnes au lieu de %(expected)s")
                     % {"found": len(row), "expected": len(columns)}},
                )  # fmt: skip
                continue
            yield Record(line, dict(zip(columns, row, strict=True)))
    except csv.Error as exc:
        raise UnreadableFile(_("CSV illisible après la ligne %(line)s (%(error)s).") % {
            "line": reader.line_num + 1, "error": exc,
        }) from exc  # fmt: skip


def json_records(text) -> Iterator[Record]:
    """Objects of a JSON array, or of JSON Lines, decoded one by one."""
    decoder = json.JSONDecoder()
    buffer, position, number = "", 0, 0
    in_array = None

    def fill() -> bool:
        nonlocal buffer, position
        chunk = text.read(CHUNK)
        buffer = buffer[position:] + chunk
        position = 0
        return bool(chunk)

    def skip_blanks() -> bool:
        """Move past blanks; False at the end of the file."""
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return True
            if not fill():
                return False

    if not skip_blanks():
        raise UnreadableFile(_("Le fichier est vide."))
    if buffer[position] == "[":
        in_array = True
        position += 1
    elif buffer[position] != "{":
        raise UnreadableFile(_("JSON attendu : un tableau d’objets ou un objet par ligne."))
    expect_value = True
    while True:
        if not skip_blanks():
            if in_array:
                raise UnreadableFile(_("JSON tronqué après l’enregistrement %(number)s : le « ] » final manque.") % {
                    "number": number
                })  # fmt: skip
            return
        char = buffer[position]
        if in_array and char == "]":
            return
        if in_array and not expect_value:
            if char != ",":
                raise UnreadableFile(_("JSON illisible après l’enregistrement %(number)s.") % {"number": number})
            position += 1
            expect_value = True
            continue
        if char != "{":
            raise UnreadableFile(
                _("JSON illisible à l’enregistrement %(number)s : un objet était attendu.") % {"number": number + 1}
            )
        while True:
            try:
                value, end = decoder.raw_decode(buffer, position)
                break
            except json.JSONDecodeError as exc:
                if len(buffer) - position > MAX_RECORD_CHARS or not fill():
                    raise UnreadableFile(
                        _("JSON illisible à l’enregistrement %(number)s (%(error)s).")
                        % {"number": number + 1, "error": exc.msg}
                    ) from exc
        position = end
        number += 1
        expect_value = False
        yield Record(number, value, in_lines=False)
