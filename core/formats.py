"""The two file formats staff import and export: CSV and XLSX, read row by row, written without live formulas.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a spreadsheet
(``=HYPERLINK(…)`` would run on the reader's computer): as OWASP advises, the CSV export quotes every cell and
puts a single quote before such a one, which the import takes off again; the XLSX export flags it as text
(``quotePrefix``). Both readers yield rows one at a time, so a file is counted or imported without holding it.
"""

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from core.validators import without_control_characters

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class FileRefused(ValueError):
    """The file cannot be imported as it is; the message says why, in words staff act on."""


def neutralise_formula(text: str) -> str:
    """``=1+1`` -> ``'=1+1``; a cell that already starts with quotes gets one more, so the import can undo it."""
    if _FORMULA.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore_formula(text: str) -> str:
    """The inverse of ``neutralise_formula``."""
    return text[1:] if _QUOTED_FORMULA.match(text) else text


def _is_blank(row) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _rows_to_width(rows: Iterator[list], width: int) -> Iterator[list]:
    """Rows cut or padded to the header's width; trailing blank rows (a spreadsheet's habit) dropped."""
    blanks = 0
    for number, row in enumerate(rows, start=2):
        if _is_blank(row):
            blanks += 1
            continue
        yield from ([None] * width for _ in range(blanks))
        blanks = 0
        row = list(row)
        if len(row) > width:
            if not _is_blank(row[width:]):
                raise FileRefused(
                    _("Ligne %(line)d : %(cells)d cellules remplies pour %(width)d colonnes nommées en ligne 1.")
                    % {"line": number, "cells": len(row), "width": width}
                )
            row = row[:width]
        yield row + [None] * (width - len(row))


class TabularFormat:
    """What the admin and ``import_file`` need of a format, beyond django-import-export's own."""

    def iter_rows(self, data) -> tuple[list[str], Iterator[list]]:
        """The header row (stripped text) and an iterator over the data rows, all of the header's width."""
        raise NotImplementedError

    def create_dataset(self, in_stream, **kwargs):
        headers, rows = self.iter_rows(in_stream)
        dataset = tablib.Dataset(headers=headers)
        for row in rows:
            dataset.append(row)
        return dataset

    def batches(self, data, size: int) -> Iterator[tablib.Dataset]:
        """The file as datasets of at most ``size`` rows, each with the header row."""
        headers, rows = self.iter_rows(data)
        while chunk := list(islice(rows, size)):
            yield tablib.Dataset(*chunk, headers=headers)

    def count_rows(self, data, limit: int) -> int:
        """The number of data rows, counted no further than ``limit + 1``: enough to refuse a file too long."""
        _headers, rows = self.iter_rows(data)
        return sum(1 for _ in islice(rows, limit + 1))

    @staticmethod
    def _headers(cells) -> list[str]:
        headers = ["" if cell is None else str(cell).strip() for cell in cells]
        while headers and not headers[-1]:
            headers.pop()
        if not headers:
            raise FileRefused(_("La première ligne du fichier est vide : elle doit nommer les colonnes."))
        return headers


class CSV(TabularFormat, base_formats.CSV):
    """UTF-8 (with or without the BOM spreadsheets write), cells separated by commas, semicolons or tabs."""

    DELIMITERS = (",", ";", "\t")

    def iter_rows(self, data):
        text = data.decode(self.encoding or "utf-8-sig") if isinstance(data, bytes) else data
        text = text.removeprefix("\ufeff")
        first_line = next(csv.reader(io.StringIO(text)), None)
        if first_line is None:
            raise FileRefused(_("Le fichier est vide."))
        # The separator that cuts the header row into the most columns: French spreadsheets write semicolons.
        delimiter = max(self.DELIMITERS, key=lambda sep: len(next(csv.reader(io.StringIO(text), delimiter=sep))))
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        headers = self._headers(next(reader))
        rows = ([restore_formula(cell) for cell in row] for row in reader)
        return headers, _rows_to_width(rows, len(headers))

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(dataset.headers or [])
        for row in dataset:
            writer.writerow(["" if cell is None else neutralise_formula(str(cell)) for cell in row])
        return out.getvalue()


class XLSX(TabularFormat, base_formats.XLSX):
    """The first sheet of a workbook; cells keep their types (numbers, dates), formulas are read as their value."""

    def iter_rows(self, data):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors… for a file that is not XLSX
            raise FileRefused(
                _("Le fichier n’est pas un classeur XLSX lisible (%(error)s).") % {"error": type(exc).__name__}
            ) from None
        rows = book.active.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise FileRefused(_("Le fichier est vide."))
        headers = self._headers(first)
        return headers, _rows_to_width(rows, len(headers))

    def export_data(self, dataset, **kwargs):
        import openpyxl
        from openpyxl.cell.cell import WriteOnlyCell

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(title=str(dataset.title or _("Export"))[:31])

        def cell(value):
            if isinstance(value, datetime) and timezone.is_aware(value):
                return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
            if not isinstance(value, str):
                return value  # numbers stay numbers, dates dates
            value = without_control_characters(value)  # XML, hence XLSX, cannot hold them
            if _FORMULA.match(value) and not _PLAIN_NUMBER.fullmatch(value):
                text = WriteOnlyCell(sheet, value=value)
                text.data_type = "s"  # text, never a formula
                text.quotePrefix = True
                return text
            return value

        sheet.append(list(dataset.headers or []))
        for row in dataset:
            sheet.append([cell(value) for value in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


FORMATS = [CSV, XLSX]
