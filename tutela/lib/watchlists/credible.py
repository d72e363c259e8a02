"""The programme's own list of persons and units credibly implicated in gross violations.

Header `id,kind,name,aliases,unit,country,incident_summary,sources,confidence`; `aliases` and
`sources` are `;`-separated; `kind` is `person` or `organization`; `country` is an ISO code or
a country name (→ `countries`, the country where the unit serves or the incident happened);
`confidence` is `low`, `medium` or `high`. The unit and confidence go into `extra`; the
incident summary is the remarks. Every problem is an error: this list is the programme's own."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from tutela.matching.entities import Entity, Kind, Name, NameQuality

from ._common import (
    Context,
    PathLike,
    ReadReport,
    as_paths,
    clean,
    decode_text,
    read_bytes,
    split_list,
    unique_names,
)
from .countries import country_code

FORMAT = "credible-csv"
COLUMNS = (
    "id",
    "kind",
    "name",
    "aliases",
    "unit",
    "country",
    "incident_summary",
    "sources",
    "confidence",
)
KINDS = {"person": Kind.PERSON, "organization": Kind.ORGANIZATION}
CONFIDENCE = ("low", "medium", "high")
PROGRAM = "credible-allegation"


def read_credible_csv(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    entities: dict[str, tuple[int, Entity]] = {}
    for path in as_paths(paths):
        data = read_bytes(ctx, path)
        if data is None:
            continue
        reader = csv.reader(io.StringIO(decode_text(ctx, path, data), newline=""))
        header = [clean(h).lower() for h in next(reader, [])]
        if tuple(header) != COLUMNS:
            ctx.problem(path.name, 1, f"header must be {','.join(COLUMNS)}")
            continue
        try:
            for row in reader:
                line = reader.line_num
                if not any(c.strip() for c in row):
                    ctx.report.skipped += 1
                    continue
                ctx.report.rows += 1
                entity = _entity(ctx, path.name, line, row)
                if entity is None:
                    continue
                if entity.entity_id in entities:
                    first = entities[entity.entity_id][0]
                    ctx.problem(path.name, line, f"id {entity.entity_id} repeated (line {first})")
                    continue
                entities[entity.entity_id] = (line, entity)
        except csv.Error as exc:
            ctx.problem(path.name, reader.line_num, f"unreadable CSV: {exc}")
    return ctx.finish(e for _, e in entities.values())


def _entity(ctx: Context, file: str, line: int, row: list[str]) -> Entity | None:
    if len(row) != len(COLUMNS):
        ctx.problem(file, line, f"{len(row)} fields, expected {len(COLUMNS)}")
        return None
    cells = dict(zip(COLUMNS, (clean(c) for c in row), strict=True))
    reasons = []
    if not cells["id"]:
        reasons.append("no id")
    kind = KINDS.get(cells["kind"].lower())
    if kind is None:
        reasons.append(f"kind {cells['kind']!r} is not person or organization")
    if not cells["name"]:
        reasons.append("no name")
    code = country_code(cells["country"]) if cells["country"] else None
    if cells["country"] and code is None:
        reasons.append(f"unknown country {cells['country']!r}")
    confidence = cells["confidence"].lower()
    if confidence not in CONFIDENCE:
        reasons.append(f"confidence {cells['confidence']!r} is not low, medium or high")
    if reasons or kind is None:
        ctx.problem(file, line, "; ".join(reasons))
        return None
    names = [Name(cells["name"])]
    names += [Name(a, NameQuality.STRONG) for a in split_list(cells["aliases"])]
    extra = {"confidence": confidence}
    if cells["unit"]:
        extra["unit"] = cells["unit"]
    return Entity(
        entity_id=f"{FORMAT}:{cells['id']}",
        kind=kind,
        names=unique_names(names),
        countries=(code,) if code else (),
        programs=(PROGRAM,),
        remarks=cells["incident_summary"],
        sources=tuple(split_list(cells["sources"])),
        extra=extra,
    )
