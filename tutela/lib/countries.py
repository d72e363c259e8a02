"""ISO 3166 countries with their UN M49 region and sub-region, from the files in tutela/data."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class CountryRecord:
    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo)
    alpha3: str
    m49: str
    name: str
    region_code: str
    region: str
    sub_region_code: str
    sub_region: str
    intermediate_region: str


def _read(path: Path) -> list[CountryRecord]:
    # keep_default_na does not apply to csv; "NA" (Namibia) stays a string.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            CountryRecord(
                code=row["ISO-alpha2 Code"].strip(),
                alpha3=row["ISO-alpha3 Code"].strip(),
                m49=row["M49 Code"].strip().zfill(3) if row["M49 Code"].strip() else "",
                name=row["Country or Area"].strip(),
                region_code=row["Region Code"].strip(),
                region=row["Region Name"].strip(),
                sub_region_code=row["Sub-region Code"].strip(),
                sub_region=row["Sub-region Name"].strip(),
                intermediate_region=row["Intermediate Region Name"].strip(),
            )
            for row in csv.DictReader(handle)
            if row["ISO-alpha2 Code"].strip()
        ]


@cache
def all_countries() -> tuple[CountryRecord, ...]:
    records = {r.code: r for r in _read(DATA_DIR / "un_m49_overview.csv")}
    for record in _read(DATA_DIR / "countries_supplement.csv"):
        records.setdefault(record.code, record)
    return tuple(sorted(records.values(), key=lambda r: r.name))


@cache
def regions() -> tuple[tuple[str, str], ...]:
    """(M49 region code, name) pairs: Africa, Americas, Asia, Europe, Oceania."""
    return tuple(
        sorted(
            {(r.region_code, r.region) for r in all_countries() if r.region_code},
            key=lambda p: p[1],
        )
    )
