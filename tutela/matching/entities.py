"""The records the matching engine reads: listed entities and screening queries alike."""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"  # companies, armed groups, government bodies, police units
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


class NameQuality(StrEnum):
    """How much an alias can be trusted (the UN list's "good"/"low" alias quality)."""

    PRIMARY = "primary"
    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True)
class Name:
    text: str  # as written, in its own script
    quality: NameQuality = NameQuality.PRIMARY
    # Parts when the source gives them separately (given, family, patronymic…), else empty.
    given: str = ""
    family: str = ""


@dataclass(frozen=True)
class BirthDate:
    """A full date, or a year only (`day` None), or a year range (`year_to`)."""

    year: int
    month: int | None = None
    day: int | None = None
    year_to: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class Entity:
    """One listed entry (or one query), with the list's own identifier.

    `entity_id` is the list's identifier prefixed by the format, e.g. `ofac-sdn:12345`,
    `un-xml:QDi.001`."""

    entity_id: str
    kind: Kind
    names: tuple[Name, ...]
    birth_dates: tuple[BirthDate, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, upper case
    countries: tuple[str, ...] = ()  # other country links (address, registration), alpha-2
    gender: str = ""  # "F", "M" or ""
    programs: tuple[str, ...] = ()  # sanctions programmes or list sections
    remarks: str = ""
    sources: tuple[str, ...] = ()  # URLs or citations
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def primary_name(self) -> str:
        return self.names[0].text if self.names else ""
