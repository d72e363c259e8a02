"""Reading Foreign Military Training Report tables: one row per course delivery, as printed.

Plain Python (no Django): the readers below turn one printed value into what it means — a date,
a number of trainees, a cost, the year of training, an ISO country code — and say so when it
cannot be read, keeping the printed text beside it. `read_table` checks a file's layout and
yields its rows; the importer in `actions.py` stores them.

The counting rules follow the report (FAA §656) and its published data: a "0" in a current-year
row means "to be determined", not zero; "Program Totals" rows are the report's own subtotals and
not course deliveries; "No activities reported" rows are placeholders.
"""

import csv
import datetime as dt
import gzip
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from tutela.lib.countries import all_countries

ALIASES_FILE = Path(__file__).resolve().parent / "data" / "country_aliases.csv"

# The columns a training-records table must have (the published FMTR flat files), and those kept
# when present. Our field names are in models.TrainingRecord.
REQUIRED_COLUMNS = (
    "fiscal_report",
    "country",
    "program",
    "course_title",
    "us_unit",
    "student_unit",
    "start_date",
    "end_date",
    "location",
    "quantity",
    "total_cost",
)
OPTIONAL_COLUMNS = ("region_file", "page_number", "source_path", "source_commit")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


# --- Dates --------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_ONLY_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\s*$")
_TWO_DATES = re.compile(
    r"^\s*(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\s+(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\s*$"
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # the reports cover 1998-2021: 99 is 1999, 05 is 2005
        year += 1900 if year >= 50 else 2000
    return year


def _make_date(month: str, day: str, year: str) -> dt.date | None:
    try:
        return dt.date(_year(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str, *, last: bool = False) -> dt.date | None:
    """A printed date: `m/d/yyyy` or `m/d/yy`; two dates run together (`1/5/2015 1/9/2015`, a
    start and an end the PDF extraction put in one cell) give the first, or the last with
    `last=True`. Anything else (empty, a cost in the date column, an impossible date) is None."""
    match = _ONLY_DATE.match(text)
    if match:
        return _make_date(*match.groups())
    pair = _TWO_DATES.match(text)
    if pair:
        chosen = _DATE.match(pair.group(2 if last else 1))
        return _make_date(*chosen.groups()) if chosen else None
    return None


# --- Quantities and costs -----------------------------------------------------------------------

_WHOLE = re.compile(r"^\s*(\d+)\s*$")
_COST = re.compile(r"^\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*$")


class QuantityStatus:
    """What a printed quantity says (values of models.QuantityStatus)."""

    NUMBER = "number"
    TO_BE_DETERMINED = "tbd"
    NOT_NUMERIC = "not_numeric"
    EMPTY = "empty"


def parse_quantity(text: str, *, current_year: bool) -> tuple[int | None, str]:
    """(number of trainees, status). Only whole numbers count; "0" in a current-year row means
    "to be determined" (the report's rule); text such as `1 Garmisch,` (a location run into the
    column) or `N/A` is kept as printed and counted apart."""
    match = _WHOLE.match(text)
    if match:
        number = int(match.group(1))
        if number == 0 and current_year:
            return None, QuantityStatus.TO_BE_DETERMINED
        return number, QuantityStatus.NUMBER
    if not text.strip():
        return None, QuantityStatus.EMPTY
    return None, QuantityStatus.NOT_NUMERIC


def parse_cost(text: str, *, current_year: bool) -> Decimal | None:
    """US dollars as printed (`$12,190`, `12190`, `4180.50`); None when not a plain amount (empty,
    a lone `$`, a date run into the column) or a current-year "0" (to be determined)."""
    match = _COST.match(text)
    if not match:
        return None
    try:
        amount = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if amount == 0 and current_year:
        return None
    return amount


# --- The report, the year of training, the programme --------------------------------------------

_FISCAL_REPORT = re.compile(r"^(\d{4})_(\d{4})$")
_FISCAL_YEAR = re.compile(r"(?:\bFiscal Year|\bFY)\s*(\d{4}|\d{2})\b", re.IGNORECASE)
_PROGRAMME_TOTALS = re.compile(r"\bprogram totals?\s*$", re.IGNORECASE)
_NO_ACTIVITY = re.compile(r"^\s*no activities reported", re.IGNORECASE)


def report_years(fiscal_report: str) -> tuple[int, int] | None:
    """`2019_2020` → (2019, 2020): the report on fiscal year 2019, published with the plans
    for 2020 (the "current year")."""
    match = _FISCAL_REPORT.match(fiscal_report.strip())
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return (first, second) if second == first + 1 else None


def training_year(program: str, fiscal_report_years: tuple[int, int]) -> int:
    """The fiscal year of training, which the report lists activities by: the year named in the
    programme (`IMET-1 - Fiscal Year 2020 …`, `…, FY02`), else the year the report covers."""
    found = _FISCAL_YEAR.findall(program)
    if found:
        return _year(found[-1])
    return fiscal_report_years[0]


class RowKind:
    """Values of models.RowKind."""

    DELIVERY = "delivery"
    PROGRAMME_TOTAL = "programme_total"
    NO_ACTIVITY = "no_activity"


def row_kind(program: str, course_title: str) -> str:
    if _PROGRAMME_TOTALS.search(course_title):
        return RowKind.PROGRAMME_TOTAL
    if _NO_ACTIVITY.match(program):
        return RowKind.NO_ACTIVITY
    return RowKind.DELIVERY


_REGION_PART = re.compile(r"\bregion\b", re.IGNORECASE)
_FY_PART = re.compile(r"^\s*(?:FY|Fiscal Year)\s*(\d{2}|\d{4})?\s*$", re.IGNORECASE)


def programme_name(program: str, country_as_printed: str) -> str:
    """The funding authority without year, region or country, so that years can be compared:
    `IMET-1 - Fiscal Year 2020 Department of State Training` → `IMET-1`;
    `DOD Europe Region, Albania, Marshall Center, FY02` → `Marshall Center`."""
    text = " ".join(program.split())
    if " - " in text and _FISCAL_YEAR.search(text.split(" - ", 1)[1]):
        return text.split(" - ", 1)[0].strip()
    country = country_as_printed.strip().casefold()
    parts = [p.strip() for p in text.split(",")]
    kept = [
        p
        for p in parts
        if p and not _REGION_PART.search(p) and not _FY_PART.match(p) and p.casefold() != country
    ]
    name = ", ".join(kept) or text
    return _FISCAL_YEAR.sub("", name).strip(" ,-") or text


# --- Countries ----------------------------------------------------------------------------------

_TERRITORY_MARK = re.compile(r"\s*\((?:uk|ne|us|fr|nl)\)\s*$", re.IGNORECASE)


def country_key(name: str) -> str:
    """A spelling-insensitive key: accents, case, apostrophes, `&`/`and`, hyphens, spacing and a
    trailing territory mark such as `(UK)` do not matter."""
    text = _TERRITORY_MARK.sub("", name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[’‘`´']", "", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@dataclass(frozen=True)
class CountryMatch:
    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo), "" for a former state or a region
    note: str  # why a name has no code, from the alias table


@cache
def _aliases() -> dict[str, CountryMatch]:
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            country_key(row["name_as_printed"]): CountryMatch(row["code"].strip(), row["note"])
            for row in csv.DictReader(handle)
        }


@cache
def _official_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for record in all_countries():
        names[country_key(record.name)] = record.code
        short = record.name.split(" (")[0]  # "Bolivia (Plurinational State of)" → "Bolivia"
        names.setdefault(country_key(short), record.code)
    return names


def normalise_country(name: str) -> CountryMatch | None:
    """The ISO code of a country name as printed, or None when it is not recognised.

    The alias table (`records/data/country_aliases.csv`, shipped with the code) decides first —
    variant spellings, former names, territories, Kosovo as `XK`, and the former states and regions
    that have no code today; then the UN M49 names of `tutela/data` (the same table
    `partners.Country` is loaded from)."""
    key = country_key(name)
    if not key:
        return None
    # "Serbia, Republic of", "Republic of Serbia", "Gambia, The": tried as written first, so that
    # an official name such as "Republic of Korea" still matches as a whole.
    candidates = [key, _FORM_OF_STATE.sub("", key).strip()]
    for candidate in candidates:
        alias = _aliases().get(candidate)
        if alias is not None:
            return alias
        code = _official_names().get(candidate)
        if code:
            return CountryMatch(code, "")
    return None


_FORM_OF_STATE = re.compile(r"^republic of |( republic of| the)$")


# --- Files --------------------------------------------------------------------------------------


class LayoutError(Exception):
    """The file is not a training-records table: unreadable, or missing columns."""

    def __init__(self, file: str, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.missing = missing


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    raw = gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115 - kept open
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


@dataclass
class TableRow:
    line: int  # line in the file, the header being line 1
    values: dict[str, str]  # every known column, "" when the file does not have it
    problem: str = ""  # why the row cannot be read (wrong number of fields)


class Table:
    """An open training-records table (TSV or CSV, plain or gzip): `columns` checked on opening,
    `rows()` read once."""

    def __init__(self, path: Path, display_name: str | None = None) -> None:
        self.path = path
        self.name = display_name or path.name
        try:
            self._handle = _open_text(path)
            header = self._handle.readline()
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
            raise LayoutError(self.name, f"cannot be read ({exc}).") from exc
        if not header.strip():
            self._handle.close()
            raise LayoutError(self.name, "is empty: a header row is expected.")
        self.delimiter = "\t" if "\t" in header else ","
        self.columns = next(csv.reader([header], delimiter=self.delimiter))
        self.columns = [c.strip() for c in self.columns]
        missing = tuple(c for c in REQUIRED_COLUMNS if c not in self.columns)
        if missing:
            self._handle.close()
            raise LayoutError(
                self.name,
                f"is not a training-records table: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}.",
                missing,
            )

    def rows(self) -> Iterator[TableRow]:
        width = len(self.columns)
        present = [c for c in ALL_COLUMNS if c in self.columns]
        index = {c: self.columns.index(c) for c in present}
        absent = {c: "" for c in ALL_COLUMNS if c not in index}
        try:
            reader = csv.reader(self._handle, delimiter=self.delimiter)
            for number, fields in enumerate(reader, start=2):
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    continue
                if len(fields) != width:
                    yield TableRow(
                        number,
                        {},
                        f"has {len(fields)} fields where the header has {width}",
                    )
                    continue
                values = {c: fields[i] for c, i in index.items()}
                values.update(absent)
                yield TableRow(number, values)
        except (UnicodeDecodeError, EOFError, gzip.BadGzipFile, csv.Error) as exc:
            raise LayoutError(self.name, f"cannot be read past a point ({exc}).") from exc
        finally:
            self._handle.close()

    def close(self) -> None:
        self._handle.close()
