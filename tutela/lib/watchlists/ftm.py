"""FollowTheMoney entities, one JSON object per line (the OpenSanctions export format).

Person, Organization, Company, LegalEntity, PublicBody, Vessel and Airplane become entities;
other schemas (Address, Sanction, Ownership…) are skipped and counted. Properties read: name,
alias (strong), weakAlias (weak), previousName (strong), birthDate, nationality and citizenship
(→ nationalities), country and jurisdiction (→ countries), gender, sourceUrl, program/topics."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator

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
    unique,
    unique_names,
)
from .countries import country_code

FORMAT = "ftm-json"
KINDS = {
    "Person": Kind.PERSON,
    "Organization": Kind.ORGANIZATION,
    "Company": Kind.ORGANIZATION,
    "LegalEntity": Kind.ORGANIZATION,
    "PublicBody": Kind.ORGANIZATION,
    "Vessel": Kind.VESSEL,
    "Airplane": Kind.AIRCRAFT,
}
GENDER = {"male": "M", "female": "F"}


def read_ftm_json(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    entities: dict[str, Entity] = {}
    for path in as_paths(paths):
        data = read_bytes(ctx, path)
        if data is None:
            continue
        for line, text in enumerate(io.StringIO(decode_text(ctx, path, data)), 1):
            if not text.strip():
                ctx.report.skipped += 1
                continue
            ctx.report.rows += 1
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                ctx.problem(path.name, line, f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            entity = _entity(ctx, path.name, line, obj)
            if entity is None:
                continue
            if entity.entity_id in entities:
                ctx.problem(path.name, line, f"{entity.entity_id} repeated")
                continue
            entities[entity.entity_id] = entity
    return ctx.finish(entities.values())


def _values(props: dict[str, object], key: str) -> list[str]:
    value = props.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [t for t in (clean(str(v)) for v in value if v is not None) if t]


def _entity(ctx: Context, file: str, line: int, obj: object) -> Entity | None:
    if not isinstance(obj, dict):
        ctx.problem(file, line, "not a JSON object")
        return None
    uid, schema, props = obj.get("id"), obj.get("schema"), obj.get("properties")
    if not isinstance(uid, str) or not uid.strip():
        ctx.problem(file, line, "no id")
        return None
    if not isinstance(schema, str) or not schema:
        ctx.problem(file, line, f"{uid}: no schema")
        return None
    if schema not in KINDS:
        ctx.report.skipped += 1
        ctx.report.extra[f"skipped_{schema}"] += 1
        return None
    if not isinstance(props, dict):
        ctx.problem(file, line, f"{uid}: properties is not an object")
        return None
    names = [Name(n) for n in _values(props, "name")]
    if not names:
        ctx.problem(file, line, f"{uid}: no name")
        return None
    names += [Name(n, NameQuality.STRONG) for n in _values(props, "alias")]
    names += [Name(n, NameQuality.STRONG) for n in _values(props, "previousName")]
    names += [Name(n, NameQuality.WEAK) for n in _values(props, "weakAlias")]
    births: list[BirthDate] = []
    for text in _values(props, "birthDate"):
        try:
            births.append(parse_date(text))
        except ValueError as exc:
            ctx.problem(file, line, f"{uid}: bad birthDate ({exc})")
            return None

    unresolved: list[str] = []

    def codes(*keys: str) -> list[str]:
        found = []
        for key in keys:
            for text in _values(props, key):
                code = country_code(text)
                if code:
                    found.append(code)
                else:
                    unresolved.append(text)
                    ctx.warn(file, line, f"{uid}: unknown country {text!r} in {key}")
        return found

    nationalities = codes("nationality", "citizenship")
    countries = codes("country", "jurisdiction", "flag")
    genders = _values(props, "gender")
    extra = {}
    if unresolved:
        extra["unresolved_countries"] = "; ".join(unresolved)
    datasets = obj.get("datasets")
    programs = _values(props, "program") + (
        [str(d) for d in datasets] if isinstance(datasets, list) else []
    )
    return Entity(
        entity_id=f"{FORMAT}:{uid.strip()}",
        kind=KINDS[schema],
        names=unique_names(names),
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        countries=unique(countries),
        gender=GENDER.get(genders[0].lower(), "") if genders else "",
        programs=unique(programs),
        remarks=" ".join(_values(props, "notes")),
        sources=unique(_values(props, "sourceUrl")),
        extra=extra,
    )
