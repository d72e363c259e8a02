"""UN Security Council consolidated list, XML (`CONSOLIDATED_LIST` of INDIVIDUAL and ENTITY).

The name is FIRST_NAME to FOURTH_NAME joined; NAME_ORIGINAL_SCRIPT is kept as a second primary
name in its own script. Alias quality `Good` is strong, `Low` is weak; entity aliases (`a.k.a.`,
`f.k.a.`, empty) are strong. Birth dates: EXACT (DATE or YEAR), APPROXIMATELY (YEAR), BETWEEN
(FROM_YEAR, TO_YEAR). Nationalities are country names, turned into ISO codes. The id is the
REFERENCE_NUMBER (`un-xml:QDi.001`). The XML parser gives no line numbers, so a bad entry is
reported by its position (`INDIVIDUAL #12`) and reference number."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # for the Element type; parsing goes through defusedxml
from collections.abc import Iterable, Iterator
from io import BytesIO

from defusedxml import ElementTree as SafeET

from tutela.matching.entities import BirthDate, Entity, Kind, Name, NameQuality

from ._common import (
    Context,
    PathLike,
    ReadReport,
    as_paths,
    clean,
    parse_date,
    read_bytes,
    unique,
    unique_names,
)
from .countries import country_code

FORMAT = "un-xml"
QUALITY = {"good": NameQuality.STRONG, "low": NameQuality.WEAK}
GENDER = {"male": "M", "female": "F"}


def _text(element: ET.Element | None, tag: str) -> str:
    if element is None:
        return ""
    found = element.find(tag)
    return clean(found.text) if found is not None else ""


def read_un_xml(
    paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    ctx = Context(FORMAT, report)
    entities: list[Entity] = []
    seen: dict[str, str] = {}
    for path in as_paths(paths):
        data = read_bytes(ctx, path)
        if data is None:
            continue
        try:
            root = SafeET.parse(BytesIO(data)).getroot()
        except (ET.ParseError, ValueError) as exc:  # defusedxml's refusals are ValueErrors
            ctx.problem(path.name, getattr(exc, "position", (None,))[0], f"not valid XML: {exc}")
            continue
        if root.tag != "CONSOLIDATED_LIST":
            ctx.problem(path.name, None, f"root element is {root.tag}, not CONSOLIDATED_LIST")
            continue
        generated = root.get("dateGenerated", "")
        for tag, kind in (("INDIVIDUAL", Kind.PERSON), ("ENTITY", Kind.ORGANIZATION)):
            for index, element in enumerate(root.iter(tag), 1):
                ctx.report.rows += 1
                where = f"{tag} #{index}"
                entity = _entity(ctx, path.name, where, element, kind, generated)
                if entity is None:
                    continue
                if entity.entity_id in seen:
                    ctx.problem(
                        path.name,
                        None,
                        f"{where}: {entity.entity_id} repeated ({seen[entity.entity_id]})",
                    )
                    continue
                seen[entity.entity_id] = where
                entities.append(entity)
    return ctx.finish(entities)


def _entity(
    ctx: Context, file: str, where: str, el: ET.Element, kind: Kind, generated: str
) -> Entity | None:
    ref = _text(el, "REFERENCE_NUMBER")
    if not ref:
        ctx.problem(file, None, f"{where}: no REFERENCE_NUMBER")
        return None
    where = f"{where} ({ref})"
    parts = [_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    primary = " ".join(p for p in parts if p)
    if not primary:
        ctx.problem(file, None, f"{where}: no name")
        return None
    names = [Name(primary)]
    original = _text(el, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(Name(original))
    alias_tag = "INDIVIDUAL_ALIAS" if kind is Kind.PERSON else "ENTITY_ALIAS"
    for alias in el.iter(alias_tag):
        text = _text(alias, "ALIAS_NAME")
        if text:
            quality = QUALITY.get(_text(alias, "QUALITY").lower(), NameQuality.STRONG)
            names.append(Name(text, quality))

    births: list[BirthDate] = []
    bad = False
    for dob in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        try:
            birth = _birth(dob)
        except ValueError as exc:
            ctx.problem(file, None, f"{where}: bad date of birth ({exc})")
            bad = True
            continue
        if birth:
            births.append(birth)

    nationalities: list[str] = []
    unresolved: list[str] = []
    for value in el.iterfind("NATIONALITY/VALUE"):
        text = clean(value.text)
        if not text:
            continue
        code = country_code(text)
        if code:
            nationalities.append(code)
        else:
            unresolved.append(text)
            ctx.warn(file, None, f"{where}: unknown country {text!r}")
    countries = [
        code
        for address in el.iter("INDIVIDUAL_ADDRESS" if kind is Kind.PERSON else "ENTITY_ADDRESS")
        if (code := country_code(_text(address, "COUNTRY")))
    ]
    if bad:
        return None
    extra = {
        k: v for k, v in (("listed_on", _text(el, "LISTED_ON")), ("list_date", generated)) if v
    }
    if unresolved:
        extra["unresolved_countries"] = "; ".join(unresolved)
    remarks = " ".join(p for p in (_text(el, "COMMENTS1"),) if p)
    return Entity(
        entity_id=f"{FORMAT}:{ref}",
        kind=kind,
        names=unique_names(names),
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        countries=unique(countries),
        gender=GENDER.get(_text(el, ".//GENDER").lower(), ""),
        programs=tuple(p for p in (_text(el, "UN_LIST_TYPE"),) if p),
        remarks=remarks,
        extra=extra,
    )


def _birth(dob: ET.Element) -> BirthDate | None:
    kind = _text(dob, "TYPE_OF_DATE").upper()
    date, year = _text(dob, "DATE"), _text(dob, "YEAR")
    low, high = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
    if kind == "BETWEEN" or (low and high):
        if not (low.isdigit() and high.isdigit()):
            raise ValueError(f"BETWEEN needs FROM_YEAR and TO_YEAR, got {low!r} and {high!r}")
        return parse_date(f"{low} to {high}")
    if date:
        return parse_date(date)
    if year:
        if not year.isdigit():
            raise ValueError(f"YEAR {year!r} is not a year")
        return parse_date(year)
    if kind in {"EXACT", "APPROXIMATELY"}:
        raise ValueError(f"{kind} date with neither DATE nor YEAR")
    return None  # an empty INDIVIDUAL_DATE_OF_BIRTH: the UN writes it when none is known
