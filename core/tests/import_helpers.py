"""Files and admin steps for the import/export tests of every app: CSV or XLSX in memory, preview, confirm."""

import csv
import io

from openpyxl import Workbook, load_workbook

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def csv_file(header, rows, *, delimiter=",", encoding="utf-8", name="fichier.csv"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode(encoding))
    upload.name = name
    return upload


def xlsx_file(header, rows, name="fichier.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = name
    return upload


def as_upload(content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def export(client, url, fmt, query=""):
    """Post the export form as the admin shows it: every column ticked."""
    form = client.get(url).context["form"]
    columns = {name: "on" for name in form.fields if name not in {"format", "resource", "export_items"}}
    return client.post(f"{url}?{query}" if query else url, {"format": fmt, **columns})


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.values)


def preview(client, import_url, file, fmt=CSV_FORMAT):
    return client.post(import_url, {"format": fmt, "import_file": file})


def confirm(client, confirm_url, preview_response, **kwargs):
    """Confirm a preview as its page's form does; the file itself is not sent again."""
    return client.post(confirm_url, preview_response.context["confirm_form"].initial, **kwargs)


def problem_lines(response) -> list[str]:
    """The refusals as listed on the page: "line | column | reason"."""
    return [str(problem) for problem in response.context["problems"]]
