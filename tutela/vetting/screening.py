"""Screening against the watchlists loaded in the database: the current lists as one `Screener`,
and officers and units as the engine's queries.

Building the index over the full lists takes seconds, so it is built once per process and kept
until a list gets a new current version (the cache is keyed by the current versions' ids).
Inside the index each entry is known by its `ListedEntry` primary key, so two lists may hold the
same identifier; `CurrentLists.screen` gives each match with the entry it is about.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, replace

from tutela.matching.entities import BirthDate, Entity, Kind, Name
from tutela.matching.score import Match
from tutela.matching.screener import ALERT_THRESHOLD, Screener
from tutela.nominations.models import Officer
from tutela.partners.models import Unit
from tutela.vetting.models import ListedEntry, ListVersion

__all__ = [
    "ALERT_THRESHOLD",
    "CurrentLists",
    "ListedRef",
    "VersionKey",
    "current_lists",
    "current_screener",
    "officer_query",
    "person_query",
    "unit_query",
]

BUILD_CHUNK = 2000  # entries read from the database at a time while building

# A current version by its id, checksum and import time: ids alone could come back after a
# rolled-back import (SQLite reuses them), the import time cannot.
VersionKey = tuple[int, str, dt.datetime]


@dataclass(frozen=True)
class ListedRef:
    """What the cache keeps of one listed entry besides its `Entity`."""

    entry_id: int  # ListedEntry.pk
    entity_id: str  # the list's own identifier, e.g. "ofac-sdn:12345"
    version_id: int
    watchlist_id: int
    list_name: str
    content_hash: str


@dataclass(frozen=True)
class CurrentLists:
    versions: tuple[VersionKey, ...]
    screener: Screener
    refs: dict[str, ListedRef]  # by the index's identifier (the entry's pk as text)

    def screen(
        self, query: Entity, top: int = 5, min_score: float = 0.0
    ) -> list[tuple[Match, ListedRef]]:
        """The matches with the entries they are about (`match.entity_id` is the list's own)."""
        found = []
        for match in self.screener.screen(query, top=top, min_score=min_score):
            ref = self.refs[match.entity_id]
            found.append((replace(match, entity_id=ref.entity_id), ref))
        return found


_lock = threading.Lock()
_cached: CurrentLists | None = None


def _current_versions() -> tuple[VersionKey, ...]:
    return tuple(
        ListVersion.objects.filter(is_current=True)
        .order_by("pk")
        .values_list("pk", "checksum", "imported_at")
    )


def _build(versions: tuple[VersionKey, ...]) -> CurrentLists:
    version_ids = [pk for pk, _checksum, _at in versions]
    lists = {
        pk: (watchlist_id, name)
        for pk, watchlist_id, name in ListVersion.objects.filter(pk__in=version_ids).values_list(
            "pk", "watchlist_id", "watchlist__name"
        )
    }
    refs: dict[str, ListedRef] = {}
    entities: list[Entity] = []
    entries = ListedEntry.objects.filter(version_id__in=version_ids).order_by("pk")
    for entry in entries.iterator(chunk_size=BUILD_CHUNK):
        key = str(entry.pk)
        refs[key] = ListedRef(
            entry_id=entry.pk,
            entity_id=entry.entity_id,
            version_id=entry.version_id,
            watchlist_id=lists[entry.version_id][0],
            list_name=lists[entry.version_id][1],
            content_hash=entry.content_hash,
        )
        entities.append(replace(entry.to_entity(), entity_id=key))
    return CurrentLists(versions, Screener.build(entities), refs)


def current_lists() -> CurrentLists:
    """The current version of every watchlist, indexed; rebuilt only when a version changes."""
    global _cached
    versions = _current_versions()
    cached = _cached
    if cached is not None and cached.versions == versions:
        return cached
    with _lock:
        if _cached is None or _cached.versions != versions:
            _cached = _build(versions)
        return _cached


def current_screener() -> Screener:
    """A `Screener` over the current lists. Its matches name entries by `ListedEntry` pk (as
    text); use `current_lists()` to have the lists' own identifiers and list names."""
    return current_lists().screener


# --- Queries ---------------------------------------------------------------------------------


def person_query(
    query_id: str,
    names: list[str],
    *,
    birth_date: dt.date | None = None,
    nationality: str = "",
    gender: str = "",
) -> Entity:
    """A person to screen: their names (duplicates dropped, order kept), birth date, nationality
    (ISO alpha-2) and gender ("F", "M" or "" when unknown or other)."""
    unique = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    return Entity(
        entity_id=query_id,
        kind=Kind.PERSON,
        names=tuple(Name(n) for n in unique),
        birth_dates=(
            (BirthDate(birth_date.year, birth_date.month, birth_date.day),) if birth_date else ()
        ),
        nationalities=(nationality.upper(),) if nationality else (),
        gender=gender if gender in ("F", "M") else "",
    )


def officer_query(officer: Officer) -> Entity:
    """The officer as a query: both forms of their name, birth date, nationality and gender."""
    return person_query(
        f"officer:{officer.pk}",
        [officer.full_name, officer.name_latin],
        birth_date=officer.birth_date,
        nationality=officer.nationality.code,
        gender=officer.gender,
    )


def unit_query(unit: Unit) -> Entity:
    """The unit as an organisation query: its name, its partner's country, and (as context for
    the analyst, not scored) its agency and parent unit."""
    country = unit.agency.partner.country
    extra = {"agency": unit.agency.name}
    if unit.parent_id:
        extra["parent"] = unit.parent.name  # type: ignore[union-attr]
    return Entity(
        entity_id=f"unit:{unit.pk}",
        kind=Kind.ORGANIZATION,
        names=(Name(unit.name.strip()),),
        countries=(country.code,) if country else (),
        extra=extra,
    )
