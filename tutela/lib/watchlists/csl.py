"""US Consolidated Screening List CSV (optionally gzipped).

`alt_names` are `;`-separated strong aliases. The source list's name (`Specially Designated
Nationals (SDN) - Treasury Department`) is the first programme, then the `programs` column.
Individuals written `LAST, First` come out as `First LAST`. Rows sharing an `_id` are merged.
`dates_of_birth` may hold several dates (`1967; 1966`) and ranges (`1958 to 1960`);
`nationalities` and `citizenships` are ISO codes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

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
    split_list,
    unique,
    unique_names,
)
from .countries import country_code

FORMAT = "us-csl"
KINDS = {
    "individual": Kind.PERSON,
    "entity": Kind.ORGANIZATION,
    "": Kind.ORGANIZATION,  # the BIS lists leave the type empty; most of their rows are firms
    "vessel": Kind.VESSEL,
    "aircraft": Kind.AIRCRAFT,
}
REQUIRED = ("_id", "source", "type", "name", "alt_names")


def read_us_csl(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    merged: dict[str, Entity] = {}
    for path in as_paths(paths):
        data = read_bytes(ctx, path)
        if data is None:
            continue
        reader = csv.DictReader(io.StringIO(decode_text(ctx, path, data), newline=""))
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            ctx.problem(path.name, 1, f"missing columns: {', '.join(missing)}")
            continue
        try:
            for row in reader:
                line = reader.line_num
                if not any((v or "").strip() for k, v in row.items() if k is not None):
                    ctx.report.skipped += 1
                    continue
                ctx.report.rows += 1
                entity = _entity(ctx, path.name, line, row)
                if entity is None:
                    continue
                ctx.report.extra["rows_merged"] += entity.entity_id in merged
                merged[entity.entity_id] = _merge(merged.get(entity.entity_id), entity)
        except csv.Error as exc:
            ctx.problem(path.name, reader.line_num, f"unreadable CSV: {exc}")
    return ctx.finish(merged.values())


def _entity(ctx: Context, file: str, line: int, row: dict[str, str]) -> Entity | None:
    if None in row:
        ctx.problem(file, line, f"{len(row) - 1 + len(row[None])} fields, more than the header")  # type: ignore[index]
        return None
    if any(v is None for v in row.values()):
        ctx.problem(file, line, "fewer fields than the header")
        return None
    uid, name = clean(row["_id"]), clean(row["name"])
    type_text = clean(row["type"]).lower()
    if not uid:
        ctx.problem(file, line, "no _id")
        return None
    if not name:
        ctx.problem(file, line, f"{uid}: no name")
        return None
    if type_text not in KINDS:
        ctx.problem(file, line, f"{uid}: unknown type {row['type']!r}")
        return None
    kind = KINDS[type_text]

    def named(text: str, quality: NameQuality) -> Name:
        return last_first(text, quality) if kind is Kind.PERSON else Name(text, quality)

    names = [named(name, NameQuality.PRIMARY)]
    names += [named(alt, NameQuality.STRONG) for alt in split_list(row["alt_names"])]
    births: list[BirthDate] = []
    for text in split_list(row.get("dates_of_birth")):
        try:
            births.append(parse_date(text))
        except ValueError as exc:
            ctx.problem(file, line, f"{uid}: bad date of birth ({exc})")
            return None
    nationalities: list[str] = []
    unresolved: list[str] = []
    for text in split_list(row.get("nationalities")) + split_list(row.get("citizenships")):
        code = country_code(text)
        if code:
            nationalities.append(code)
        else:
            unresolved.append(text)
            ctx.warn(file, line, f"{uid}: unknown country {text!r}")
    countries: list[str] = []
    for address in split_list(row.get("addresses")):
        tail = address.rsplit(",", 1)[-1].strip()
        if code := country_code(tail):
            countries.append(code)
    if (flag := clean(row.get("vessel_flag"))) and (code := country_code(flag)):
        countries.append(code)
    ids = row.get("ids") or ""
    gender = "F" if "Female, Gender" in ids else "M" if "Male, Gender" in ids else ""
    extra = {"source": clean(row["source"])}
    if unresolved:
        extra["unresolved_countries"] = "; ".join(unresolved)
    sources = [clean(row.get(c)) for c in ("source_list_url", "source_information_url")]
    return Entity(
        entity_id=f"{FORMAT}:{uid}",
        kind=kind,
        names=unique_names(names),
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        countries=unique(countries),
        gender=gender,
        programs=unique([clean(row["source"]), *split_list(row.get("programs"))]),
        remarks=clean(row.get("remarks")),
        sources=unique(s for s in sources if s),
        extra=extra,
    )


def _merge(old: Entity | None, new: Entity) -> Entity:
    if old is None:
        return new
    return Entity(
        entity_id=old.entity_id,
        kind=old.kind,
        names=unique_names([*old.names, *new.names]),
        birth_dates=unique([*old.birth_dates, *new.birth_dates]),
        nationalities=unique([*old.nationalities, *new.nationalities]),
        countries=unique([*old.countries, *new.countries]),
        gender=old.gender or new.gender,
        programs=unique([*old.programs, *new.programs]),
        remarks=old.remarks or new.remarks,
        sources=unique([*old.sources, *new.sources]),
        extra={**new.extra, **old.extra},
    )
