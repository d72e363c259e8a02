"""Reading and writing small tables (rosters): CSV and XLSX in, CSV and XLSX out.

`read_table` turns an uploaded file into rows numbered as a person sees them in a spreadsheet:
the header is row 1, the first data row is row 2, and blank rows still count. Cells keep their
type from XLSX (text, number, date); CSV cells are text. Whatever the file, a refusal is a
`TableError` whose message is written for the person who uploaded it.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

CSV_DELIMITERS = ",;"
DEFAULT_MAX_ROWS = 5000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class TableError(Exception):
    """The file cannot be read as a table. `message` says why, for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TableRow:
    """One data row: its number as shown in a spreadsheet (header = 1) and its cells by column."""

    number: int
    cells: dict[str, Any] = field(default_factory=dict)

    def get(self, column: str) -> Any:
        return self.cells.get(column, "")


def normalise_header(text: Any) -> str:
    """`" Full name "` → `"full_name"`: headers match whatever their case or spacing."""
    return "_".join(str(text or "").strip().lower().replace("-", " ").split())


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value  # int, float, date, datetime, bool from XLSX


def _is_blank(values: Sequence[Any]) -> bool:
    return all(_cell(v) == "" for v in values)


def _size_of(upload: Any) -> int:
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    position = upload.tell()
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(position)
    return int(size)


def _read_bytes(upload: Any, limit: int) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    return bytes(data)


def _too_big(limit: int) -> TableError:
    return TableError(
        _("The file is larger than %(limit)s MB. Split it into smaller files.")
        % {"limit": f"{limit / (1024 * 1024):.1f}".removesuffix(".0")}
    )


def _csv_records(data: bytes) -> Generator[list[str]]:
    if b"\x00" in data[:8192]:
        raise TableError(_("This is not a CSV text file. Upload a .xlsx or .csv file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")
        ) from exc
    first_line = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise TableError(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from exc


def _xlsx_records(data: bytes) -> Generator[Sequence[Any]]:
    import openpyxl  # imported here: only uploads need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise TableError(
            _(
                "This is not a valid .xlsx workbook. Save it from your spreadsheet "
                "program as .xlsx or .csv and upload it again."
            )
        ) from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record a wrong size; read what is there
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _records(data: bytes, name: str) -> Generator[Sequence[Any]]:
    suffix = PurePath(name).suffix.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if suffix == ".xlsx":
        if not is_zip:
            raise TableError(
                _(
                    "This is not a valid .xlsx workbook. Save it from your "
                    "spreadsheet program as .xlsx or .csv and upload it again."
                )
            )
        return _xlsx_records(data)
    if suffix == ".csv":
        if is_zip:
            raise TableError(_("This is not a CSV text file. Upload a .xlsx or .csv file."))
        return _csv_records(data)
    if suffix == ".xls":
        raise TableError(
            _(
                "Old Excel files (.xls) cannot be read. Save the file as .xlsx or "
                ".csv and upload it again."
            )
        )
    raise TableError(_("Upload a .xlsx or .csv file."))


def read_table(
    upload: IO[bytes] | Any,
    *,
    required: Iterable[str],
    optional: Iterable[str] = (),
    max_bytes: int | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> list[TableRow]:
    """Read an uploaded .csv or .xlsx (the first sheet) into rows keyed by normalised header.

    Refuses (TableError) files over `max_bytes` (default settings.MAX_UPLOAD_BYTES), other file
    types, a missing required column, a header repeated, and files with no data rows. Columns not
    named in `required` or `optional` are ignored; completely blank rows are skipped."""
    limit = settings.MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    if _size_of(upload) > limit:
        raise _too_big(limit)
    data = _read_bytes(upload, limit)
    if not data.strip():
        raise TableError(_("The file is empty."))
    required = list(required)
    wanted = set(required) | set(optional)
    with closing(_records(data, getattr(upload, "name", "") or "")) as records:
        header, rows = _collect(records, required, wanted, max_rows)
    if header is None:
        raise TableError(_("The file is empty."))
    if not rows:
        raise TableError(_("The file has a header row but no data rows."))
    return rows


def _collect(
    records: Iterator[Sequence[Any]], required: list[str], wanted: set[str], max_rows: int
) -> tuple[list[str] | None, list[TableRow]]:
    header: list[str] | None = None
    rows: list[TableRow] = []
    for number, values in enumerate(records, start=1):
        if header is None:
            if _is_blank(values):
                continue  # all blank so far: empty, unless a header turns up below row 1
            if number > 1:
                raise TableError(
                    _("Row 1 must hold the column names (%(columns)s).")
                    % {"columns": ", ".join(required)}
                )
            header = [normalise_header(v) for v in values]
            repeated = sorted({h for h in header if h and header.count(h) > 1})
            if repeated:
                raise TableError(
                    _("These columns appear more than once: %(columns)s.")
                    % {"columns": ", ".join(repeated)}
                )
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(
                    _("Missing required columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            continue
        if _is_blank(values):
            continue
        if len(rows) >= max_rows:
            raise TableError(
                _("The file has more than %(n)s rows. Split it into smaller files.")
                % {"n": max_rows}
            )
        cells = {
            name: _cell(values[i]) if i < len(values) else ""
            for i, name in enumerate(header)
            if name in wanted
        }
        for name in wanted:
            cells.setdefault(name, "")
        rows.append(TableRow(number=number, cells=cells))
    return header, rows


# --- Writing --------------------------------------------------------------------------------


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs show every script correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Sheet1",
    notes: Sequence[Sequence[str]] = (),
) -> bytes:
    """A workbook whose first sheet holds the table (bold header, dates as YYYY-MM-DD); `notes`,
    if given, go on a second sheet."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for column_cells in sheet.columns:
        width = max(len(str(c.value or "")) for c in column_cells)
        sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 12), 60)
    if notes:
        notes_sheet = workbook.create_sheet("Notes")
        for line in notes:
            notes_sheet.append(list(line))
        for cell in notes_sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
