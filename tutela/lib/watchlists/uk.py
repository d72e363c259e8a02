"""UK sanctions list spreadsheet: .ods (read from its `content.xml`), .csv or .xlsx.

Rows are grouped by the list's `Unique ID` into one entity with all its names. Columns are found
by header name, so both the short layout (`Unique ID, OFSI Group ID, Name, Regime Name, Type, …`)
and the full one (`Name 1`…`Name 6`, `Name type`, `Alias strength`, `Name non-latin script`,
`D.O.B`, `Nationality(/ies)`) are read. Rows before the header (a title, a report date) are
skipped. Line numbers are spreadsheet row numbers."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

from tutela.matching.entities import BirthDate, Entity, Kind, Name, NameQuality

from ._common import (
    Context,
    PathLike,
    ReadReport,
    as_paths,
    clean,
    decode_text,
    parse_date,
    read_bytes,
    split_list,
    unique,
    unique_names,
)
from .countries import country_code

FORMAT = "uk-ods"
KINDS = {
    "individual": Kind.PERSON,
    "entity": Kind.ORGANIZATION,
    "ship": Kind.VESSEL,
    "vessel": Kind.VESSEL,
    "aircraft": Kind.AIRCRAFT,
}
MAX_COLUMNS = 256  # an .ods row ends with one empty cell repeated to column 16,384
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _key(header: str) -> str:
    return "".join(c for c in header.casefold() if c.isalnum())


ID_COLUMNS = ("uniqueid", "groupid", "ofsigroupid")


@dataclass
class _Group:
    line: int
    kind: Kind | None = None
    names: list[Name] = field(default_factory=list)
    births: list[BirthDate] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def _ods_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
    line = 0
    in_first_table = False
    for event, element in SafeET.iterparse(io.BytesIO(content), events=("start", "end")):
        if element.tag == f"{TABLE}table":
            if event == "start":
                if in_first_table:
                    break  # only the first sheet
                in_first_table = True
            continue
        if event != "end" or element.tag != f"{TABLE}table-row":
            continue
        repeat = int(element.get(f"{TABLE}number-rows-repeated", "1"))
        cells: list[str] = []
        for cell in element:
            if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                continue
            times = int(cell.get(f"{TABLE}number-columns-repeated", "1"))
            value = _cell_text(cell)
            cells.extend([value] * min(times, max(MAX_COLUMNS - len(cells), 0)))
        element.clear()
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            line += repeat
            continue
        for _ in range(repeat):
            line += 1
            yield line, cells


def _cell_text(cell: ET.Element) -> str:
    paragraphs = [_inline(p) for p in cell.iter(f"{TEXT}p")]
    if not paragraphs:
        return clean(cell.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value", ""))
    return clean(" ".join(paragraphs))


def _inline(node: ET.Element) -> str:
    """A paragraph's text with `text:s` (spaces), tabs and line breaks as spaces."""
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # imported here: only .xlsx needs it

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [clean(_xlsx_value(v)) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield line, cells
    finally:
        book.close()


def _xlsx_value(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _csv_rows(ctx: Context, path: Path, data: bytes) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(decode_text(ctx, path, data), newline=""))
    for row in reader:
        cells = [clean(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield reader.line_num, cells


def _rows(ctx: Context, path: Path) -> Iterator[tuple[int, list[str]]]:
    data = read_bytes(ctx, path)
    if data is None:
        return
    try:
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_ods = "content.xml" in archive.namelist()
            yield from (_ods_rows(data) if is_ods else _xlsx_rows(data))
        else:
            yield from _csv_rows(ctx, path, data)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, csv.Error) as exc:
        ctx.problem(path.name, None, f"cannot read the spreadsheet: {exc}")


def read_uk_ods(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    groups: dict[str, _Group] = {}
    for path in as_paths(paths):
        header: dict[str, int] | None = None
        for line, cells in _rows(ctx, path):
            if header is None:
                keys = [_key(c) for c in cells]
                if "uniqueid" in keys or ("groupid" in keys and "name6" in keys):
                    header = {k: i for i, k in enumerate(keys) if k}
                else:
                    ctx.report.skipped += 1
                continue
            ctx.report.rows += 1
            _row(ctx, path.name, line, header, cells, groups)
        if header is None and path.name in ctx.report.files and not ctx.problems:
            ctx.problem(path.name, None, "no header row with a 'Unique ID' column")
    return ctx.finish(_entity(uid, g) for uid, g in groups.items())


def _row(
    ctx: Context,
    file: str,
    line: int,
    header: dict[str, int],
    cells: list[str],
    groups: dict[str, _Group],
) -> None:
    def get(*names: str) -> str:
        for name in names:
            index = header.get(name)
            if index is not None and index < len(cells):
                return cells[index]
        return ""

    uid = get(*ID_COLUMNS)
    if not uid:
        ctx.problem(file, line, "no Unique ID")
        return
    parts = [get(f"name{i}") for i in range(1, 6)]
    family = get("name6")
    name = get("name") or " ".join(p for p in [*parts, family] if p)
    if not name:
        # The real list has a few designations whose name cell is empty: nothing to screen.
        # Reported as a warning and counted, so one upstream slip does not block the import.
        ctx.warn(file, line, f"{uid}: no name; row skipped")
        ctx.report.extra["rows_without_name"] += 1
        return
    type_text = get("type", "individualentityship", "regimetype").lower()
    kind = KINDS.get(type_text)
    if kind is None:
        ctx.problem(file, line, f"{uid}: unknown type {type_text!r}")
        return
    group = groups.setdefault(uid, _Group(line=line))
    if group.kind is not None and group.kind is not kind:
        ctx.problem(file, line, f"{uid}: type {kind.value} differs from row {group.line}")
        return
    group.kind = kind
    name_type = get("nametype").lower()
    strength = get("aliasstrength").lower()
    if name_type.startswith("primary") or not name_type:
        quality = NameQuality.PRIMARY if not group.names else NameQuality.STRONG
    else:
        quality = NameQuality.WEAK if "low" in strength else NameQuality.STRONG
    given = " ".join(p for p in parts if p)
    group.names.append(Name(name, quality, given=given if family else "", family=family))
    script = get("namenonlatinscript", "nonlatinscriptname")
    if script:
        group.names.append(Name(script, quality))
    for dob in split_list(get("dob", "dateofbirth")):
        try:
            group.births.append(parse_date(dob.replace("dd", "00").replace("mm", "00")))
        except ValueError as exc:
            ctx.problem(file, line, f"{uid}: bad date of birth ({exc})")
    for nat in split_list(get("nationalityies", "nationality", "nationalities"), sep=","):
        code = country_code(nat.strip("() 0123456789"))
        if code:
            group.nationalities.append(code)
        else:
            group.unresolved.append(nat)
            ctx.warn(file, line, f"{uid}: unknown country {nat!r}")
    if regime := get("regimename", "regime"):
        group.programs.append(regime)
    for column, label in (
        ("datedesignated", "designated"),
        ("ofsigroupid", "ofsi_group_id"),
        ("designationsource", "designation_source"),
        ("sanctionsimposed", "sanctions_imposed"),
    ):
        if value := get(column):
            group.extra.setdefault(label, value)


def _entity(uid: str, group: _Group) -> Entity:
    extra = dict(group.extra)
    if group.unresolved:
        extra["unresolved_countries"] = "; ".join(group.unresolved)
    return Entity(
        entity_id=f"{FORMAT}:{uid}",
        kind=group.kind or Kind.ORGANIZATION,
        names=unique_names(group.names),
        birth_dates=unique(group.births),
        nationalities=unique(group.nationalities),
        programs=unique(group.programs),
        extra=extra,
    )
