"""Builders for test entities."""

from tutela.matching.entities import BirthDate, Entity, Kind, Name


def person(entity_id: str, *names: str, born: BirthDate | None = None, **kw: object) -> Entity:
    return Entity(
        entity_id,
        Kind.PERSON,
        tuple(Name(n) for n in names),
        birth_dates=(born,) if born else (),
        **kw,
    )


def org(entity_id: str, *names: str) -> Entity:
    return Entity(entity_id, Kind.ORGANIZATION, tuple(Name(n) for n in names))
