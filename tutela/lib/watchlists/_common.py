"""What every reader shares: problems and counts, opening files, dates, names."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tutela.matching.entities import BirthDate, Entity, Name, NameQuality

PathLike = str | Path

# A message lists at most this many problems; `WatchlistError.problems` keeps all of them.
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One bad row: the file's name (not its full path), the line or row, and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


class WatchlistError(ValueError):
    """The input is malformed. `problems` lists every bad row found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        listed = "\n".join(f"  {p}" for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the input:\n{listed}{tail}"
        )


@dataclass
class ReadReport:
    """Counts of one read. Pass one to a reader to get them; it is filled as the reader runs."""

    format: str = ""
    files: list[str] = field(default_factory=list)
    rows: int = 0  # data rows (or XML entries, JSON lines) read, bad ones included
    skipped: int = 0  # rows ignored on purpose (blank lines, end-of-file marks, other schemas)
    entities: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    names: int = 0
    warnings: list[Problem] = field(default_factory=list)  # kept, but something was not understood
    extra: Counter[str] = field(default_factory=Counter)  # reader-specific counts

    def summary(self) -> dict[str, object]:
        return {
            "format": self.format,
            "files": list(self.files),
            "rows": self.rows,
            "skipped": self.skipped,
            "entities": self.entities,
            "kinds": dict(sorted(self.kinds.items())),
            "names": self.names,
            "warnings": len(self.warnings),
            **dict(sorted(self.extra.items())),
        }


class Context:
    """Collects problems and counts while a reader runs; `finish` raises or yields."""

    def __init__(self, fmt: str, report: ReadReport | None) -> None:
        self.report = report if report is not None else ReadReport()
        self.report.format = fmt
        self.problems: list[Problem] = []

    def problem(self, file: str, line: int | None, reason: str) -> None:
        self.problems.append(Problem(file, line, reason))

    def warn(self, file: str, line: int | None, reason: str) -> None:
        self.report.warnings.append(Problem(file, line, reason))

    def finish(self, entities: Iterable[Entity]) -> Iterator[Entity]:
        """Raise if any row was bad (nothing is yielded then, so an import stays all or nothing),
        else count and yield the entities."""
        done = list(entities)
        if self.problems:
            raise WatchlistError(self.problems)
        for entity in done:
            self.report.entities += 1
            self.report.kinds[entity.kind.value] += 1
            self.report.names += len(entity.names)
        yield from done


def as_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def read_bytes(ctx: Context, path: Path) -> bytes | None:
    """The file's bytes, gunzipped if it is gzip; None (and a problem) if unreadable or empty."""
    ctx.report.files.append(path.name)
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        ctx.problem(path.name, None, f"cannot read the file: {exc}")
        return None
    if not data.strip():
        ctx.problem(path.name, None, "the file is empty")
        return None
    return data


def decode_text(ctx: Context, path: Path, data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped); a file that is not UTF-8 is read as Windows-1252,
    which older OFAC files use, and the fallback is noted as a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.warn(path.name, None, f"not UTF-8 ({exc.reason}); read as Windows-1252")
        return data.decode("cp1252", errors="replace")


def clean(text: str | None) -> str:
    """Collapse white space; control characters become spaces."""
    if not text:
        return ""
    return " ".join("".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text).split())


def split_list(text: str | None, sep: str = ";") -> list[str]:
    return [part for part in (clean(p) for p in (text or "").split(sep)) if part]


def unique[T](items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-seen order, without repeats."""
    return tuple(dict.fromkeys(items))


def unique_names(names: Iterable[Name]) -> tuple[Name, ...]:
    """Drop empty names and later repeats of the same text (the first, strongest, wins)."""
    seen: set[str] = set()
    kept: list[Name] = []
    for name in names:
        key = name.text.casefold()
        if name.text and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def last_first(text: str, quality: NameQuality = NameQuality.PRIMARY) -> Name:
    """An individual written `LAST, First` (OFAC style) as `First LAST`, with its parts."""
    text = clean(text)
    if text.count(",") == 1:
        family, given = (clean(p) for p in text.split(","))
        if family and given:
            return Name(f"{given} {family}", quality, given=given, family=family)
    return Name(text, quality)


MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(?:(\d{1,2})[ /.-])?([A-Za-z]{3})[a-z]*\.?[ /.-](\d{4})$")
_DMY_NUM = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_RANGE = re.compile(r"^(.+?)\s+(?:to|-|–)\s+(.+)$|^(\d{4})\s*[-–/]\s*(\d{4})$")
_CIRCA = re.compile(r"^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about)\s+", re.I)


def _checked(year: int, month: int | None, day: int | None) -> BirthDate:
    if not 1800 <= year <= 2100:
        raise ValueError(f"year {year} out of range")
    if month is not None:
        if day is not None:
            dt.date(year, month, day)  # raises ValueError for 31 Feb
        elif not 1 <= month <= 12:
            raise ValueError(f"month {month} out of range")
    return BirthDate(year, month, day)


def parse_date(text: str) -> BirthDate:
    """One birth date as lists write it: `1965`, `1965-03`, `1965-03-12`, `12 Mar 1965`,
    `Mar 1965`, `12/03/1965` (day first), `circa 1965`, `1958 to 1960`, `12 Jan 1960 to
    12 Dec 1962` (a range keeps its years). Zero day or month (`00/00/1965`) means unknown.
    Raises ValueError for anything else."""
    text = clean(text).rstrip(".")
    text = _CIRCA.sub("", text)
    if m := _RANGE.match(text):
        low, high = (parse_date(g) for g in (m.groups()[:2] if m.group(1) else m.groups()[2:]))
        if low.year == high.year:
            return low if (low.month, low.day) == (high.month, high.day) else BirthDate(low.year)
        if high.year < low.year:
            raise ValueError(f"date range runs backwards: {text!r}")
        return BirthDate(low.year, year_to=high.year)
    if m := _ISO.match(text):
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        mo = int(month) if month and int(month) else None
        d = int(day) if day and int(day) and mo else None
        return _checked(year, mo, d)
    if m := _DMY.match(text):
        month_no = MONTHS.get(m.group(2).lower())
        if month_no is None:
            raise ValueError(f"unknown month in {text!r}")
        day_no = int(m.group(1)) if m.group(1) and int(m.group(1)) else None
        return _checked(int(m.group(3)), month_no, day_no)
    if m := _DMY_NUM.match(text):
        day_no, month_no, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _checked(year, month_no or None, (day_no or None) if month_no else None)
    raise ValueError(f"not a date: {text!r}")
