"""OFAC SDN: `sdn.csv` with its optional `alt.csv` (aliases) and `add.csv` (addresses).

No header; `-0-` means empty; individuals are written `LAST, First` and come out as
`First LAST` with given and family names set. Aliases in `alt.csv` (aka, fka, nka) are strong;
the `a.k.a. 'X'` aliases OFAC writes only in the remarks are its weak aliases. Birth dates,
nationality, citizenship and gender are read from the remarks (`DOB 12 Mar 1965; POB Tehran,
Iran; nationality Iran; Gender Male`). Which file is which is told from its column count (12, 5
and 6). Alias and address rows for an entry not in `sdn.csv` are counted (`unjoined_*`), not
errors: OFAC publishes the three files separately."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tutela.matching.entities import BirthDate, Entity, Kind, Name, NameQuality

from ._common import (
    Context,
    PathLike,
    ReadReport,
    as_paths,
    clean,
    decode_text,
    last_first,
    parse_date,
    read_bytes,
    unique,
    unique_names,
)
from .countries import country_code

FORMAT = "ofac-sdn"
EMPTY = "-0-"
KINDS = {
    "individual": Kind.PERSON,
    "": Kind.ORGANIZATION,
    "entity": Kind.ORGANIZATION,
    "vessel": Kind.VESSEL,
    "aircraft": Kind.AIRCRAFT,
}
COLUMNS = {12: "sdn", 5: "alt", 6: "add"}
ALIAS_TYPES = {"aka", "fka", "nka"}
WEAK_ALIAS = re.compile(r"\b[afn]\.k\.a\.,?\s+'([^']+)'")
DOB = re.compile(r"^(?:alt\.\s+)?DOB\s+(.+)$")
NATIONALITY = re.compile(r"^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$")
GENDER = re.compile(r"^Gender\s+(Male|Female)\b")


def _value(cell: str) -> str:
    cell = clean(cell)
    return "" if cell == EMPTY else cell


def _rows(ctx: Context, path: Path) -> Iterator[tuple[int, list[str]]]:
    data = read_bytes(ctx, path)
    if data is None:
        return
    text = decode_text(ctx, path, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            # Blank lines and the DOS end-of-file mark (Ctrl-Z) OFAC leaves at the end.
            if not any(c.strip().strip("\x1a") for c in row):
                ctx.report.skipped += 1
                continue
            ctx.report.rows += 1
            yield reader.line_num, row
    except csv.Error as exc:
        ctx.problem(path.name, reader.line_num, f"unreadable CSV: {exc}")


@dataclass
class _Entry:
    line: int
    ent_num: str
    name: str
    kind: Kind
    programs: tuple[str, ...]
    remarks: str
    vessel_flag: str
    title: str
    aliases: list[Name] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def _file_kind(ctx: Context, path: Path, rows: list[tuple[int, list[str]]]) -> str | None:
    if not rows:
        return None
    widths = {len(row) for _, row in rows}
    common = max(widths, key=lambda w: sum(1 for _, r in rows if len(r) == w))
    if common not in COLUMNS:
        ctx.problem(
            path.name,
            rows[0][0],
            f"{common} columns: not an OFAC sdn (12), alt (5) or add (6) file",
        )
        return None
    return COLUMNS[common]


def read_ofac_sdn(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    files: dict[str, list[tuple[Path, list[tuple[int, list[str]]]]]] = defaultdict(list)
    for path in as_paths(paths):
        rows = list(_rows(ctx, path))
        kind = _file_kind(ctx, path, rows)
        if kind:
            files[kind].append((path, rows))
    if not files["sdn"] and not ctx.problems:
        ctx.problem("", None, "no sdn.csv among the files (alt.csv and add.csv need it)")

    entries: dict[str, _Entry] = {}
    for path, rows in files["sdn"]:
        for line, row in rows:
            if len(row) != 12:
                ctx.problem(path.name, line, f"{len(row)} columns, expected 12")
                continue
            ent_num, name, sdn_type = _value(row[0]), _value(row[1]), _value(row[2]).lower()
            if not ent_num.isdigit():
                ctx.problem(path.name, line, f"entry number {ent_num!r} is not a number")
                continue
            if not name:
                ctx.problem(path.name, line, f"entry {ent_num} has no name")
                continue
            if sdn_type not in KINDS:
                ctx.problem(path.name, line, f"entry {ent_num}: unknown type {sdn_type!r}")
                continue
            if ent_num in entries:
                first = entries[ent_num].line
                ctx.problem(path.name, line, f"entry {ent_num} repeated (first on line {first})")
                continue
            programs = tuple(p for p in re.split(r"\]\s*\[", _value(row[3])) if p)
            entries[ent_num] = _Entry(
                line=line,
                ent_num=ent_num,
                name=name,
                kind=KINDS[sdn_type],
                programs=tuple(clean(p.strip("[] ")) for p in programs),
                title=_value(row[4]),
                vessel_flag=_value(row[9]),
                remarks=_value(row[11]),
            )

    for path, rows in files["alt"]:
        for line, row in rows:
            if len(row) != 5:
                ctx.problem(path.name, line, f"{len(row)} columns, expected 5")
                continue
            ent_num, alt_type, alt_name = _value(row[0]), _value(row[2]).lower(), _value(row[3])
            if not ent_num.isdigit():
                ctx.problem(path.name, line, f"entry number {ent_num!r} is not a number")
                continue
            if alt_type not in ALIAS_TYPES:
                ctx.problem(path.name, line, f"alias type {alt_type!r} is not aka, fka or nka")
                continue
            if not alt_name:
                ctx.problem(path.name, line, f"alias of entry {ent_num} has no name")
                continue
            entry = entries.get(ent_num)
            if entry is None:
                ctx.report.extra["unjoined_aliases"] += 1
                continue
            entry.aliases.append(_name(alt_name, entry.kind, NameQuality.STRONG))

    for path, rows in files["add"]:
        for line, row in rows:
            if len(row) != 6:
                ctx.problem(path.name, line, f"{len(row)} columns, expected 6")
                continue
            ent_num = _value(row[0])
            if not ent_num.isdigit():
                ctx.problem(path.name, line, f"entry number {ent_num!r} is not a number")
                continue
            entry = entries.get(ent_num)
            if entry is None:
                ctx.report.extra["unjoined_addresses"] += 1
                continue
            country = _value(row[4])
            if country:
                code = country_code(country)
                if code:
                    entry.countries.append(code)
                else:
                    ctx.report.extra["unresolved_countries"] += 1

    sdn_name = files["sdn"][0][0].name if files["sdn"] else ""
    return ctx.finish(_entity(ctx, sdn_name, e) for e in entries.values())


def _name(text: str, kind: Kind, quality: NameQuality) -> Name:
    return last_first(text, quality) if kind is Kind.PERSON else Name(clean(text), quality)


def _entity(ctx: Context, file: str, entry: _Entry) -> Entity:
    births: list[BirthDate] = []
    nationalities: list[str] = []
    unresolved: list[str] = []
    gender = ""
    for part in entry.remarks.split(";"):
        part = clean(part).rstrip(".")
        if m := DOB.match(part):
            try:
                births.append(parse_date(m.group(1)))
            except ValueError as exc:
                ctx.warn(file, entry.line, f"entry {entry.ent_num}: birth date not read ({exc})")
        elif m := NATIONALITY.match(part):
            code = country_code(m.group(1))
            if code:
                nationalities.append(code)
            else:
                unresolved.append(m.group(1))
                ctx.warn(file, entry.line, f"entry {entry.ent_num}: unknown country {m.group(1)!r}")
        elif m := GENDER.match(part):
            gender = m.group(1)[0]
    weak = [_name(n, entry.kind, NameQuality.WEAK) for n in WEAK_ALIAS.findall(entry.remarks)]
    primary = _name(entry.name, entry.kind, NameQuality.PRIMARY)
    countries = list(entry.countries)
    if entry.vessel_flag and (flag := country_code(entry.vessel_flag)):
        countries.append(flag)
    extra = {"title": entry.title} if entry.title else {}
    if unresolved:
        extra["unresolved_countries"] = "; ".join(unresolved)
    return Entity(
        entity_id=f"{FORMAT}:{entry.ent_num}",
        kind=entry.kind,
        names=unique_names([primary, *entry.aliases, *weak]),
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        countries=unique(countries),
        gender=gender,
        programs=entry.programs,
        remarks=entry.remarks,
        extra=extra,
    )
