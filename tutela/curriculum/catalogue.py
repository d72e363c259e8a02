"""Reading the standards catalogue's data files (no database access).

The catalogue ships as three CSV files in `tutela/curriculum/data/`: `standards.csv` (one row
per instrument), `provisions.csv` (one row per article, principle or section, coded
`<standard>:<key>`) and `topic_rules.csv` (topic → requirement → the provisions that meet it,
any one of them). `read_catalogue` checks every row and reports every problem with its file and
line; it returns nothing unless the whole catalogue is sound, so a bad file never half-loads.
"""

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("standards.csv", "provisions.csv", "topic_rules.csv")
LEGAL_NATURES = {
    "treaty",
    "soft-law-UN",
    "soft-law-regional",
    "expert-principles",
    "national-law",
    "guidance",
}
STANDARD_CODE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
PROVISION_KEY = re.compile(r"^[A-Z]{1,3}[0-9]{0,2}(\.[0-9]{1,2})?(-[A-Z]{1,3}[0-9]{1,2})?$")
MAX_SUMMARY = 600
HEADERS = {
    "standards.csv": [
        "code",
        "family",
        "version",
        "title",
        "issuer",
        "adopted",
        "legal_nature",
        "url",
        "supersedes",
    ],
    "provisions.csv": ["code", "heading", "summary"],
    "topic_rules.csv": ["topic", "requirement", "provisions"],
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.reason}"


@dataclass
class StandardRow:
    code: str
    family: str
    version: str
    title: str
    issuer: str
    adopted: dt.date | None
    legal_nature: str
    url: str
    supersedes: str


@dataclass
class ProvisionRow:
    code: str
    standard: str
    key: str
    heading: str
    summary: str


@dataclass
class RuleRow:
    topic: str
    requirement: str
    provisions: list[str]


@dataclass
class Catalogue:
    standards: list[StandardRow] = field(default_factory=list)
    provisions: list[ProvisionRow] = field(default_factory=list)
    rules: list[RuleRow] = field(default_factory=list)

    def lineage(self, provision_code: str) -> str:
        """`family:key` of a provision: the same provision across versions of an instrument."""
        standard, _sep, key = provision_code.partition(":")
        family = {s.code: s.family for s in self.standards}[standard]
        return f"{family}:{key}"


class CatalogueRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"The catalogue has {len(problems)} problem(s); nothing was loaded.")
        self.problems = problems


def _rows(path: Path, problems: list[Problem]) -> Iterable[tuple[int, dict[str, str]]]:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(name, 0, "the file is missing"))
        return
    except UnicodeDecodeError as error:
        problems.append(Problem(name, 0, f"not UTF-8 text ({error.reason})"))
        return
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != HEADERS[name]:
        problems.append(
            Problem(name, 1, f"the header must be {','.join(HEADERS[name])}; found {header}")
        )
        return
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(name, line, f"{len(cells)} columns where {len(header)} are expected")
            )
            continue
        yield line, {k: v.strip() for k, v in zip(header, cells, strict=True)}


def read_catalogue(directory: Path = DATA_DIR, *, topics: Iterable[str] = ()) -> Catalogue:
    """The catalogue in `directory`, checked; `topics` are the topic codes rules may name.
    Raises `CatalogueRejected` with every problem found."""
    problems: list[Problem] = []
    catalogue = Catalogue()
    known_topics = set(topics)

    codes: set[str] = set()
    supersedes: list[tuple[int, StandardRow]] = []
    for line, row in _rows(directory / "standards.csv", problems):
        here = len(problems)

        def bad(reason: str, line: int = line) -> None:
            problems.append(Problem("standards.csv", line, reason))

        code = row["code"]
        if not STANDARD_CODE.match(code):
            bad(f"'{code}' is not a standard code (capitals, digits and hyphens)")
        elif code in codes:
            bad(f"the code {code} appears twice")
        for required in ("family", "version", "title", "url"):
            if not row[required]:
                bad(f"the {required} is empty")
        adopted = None
        if row["adopted"]:
            try:
                adopted = dt.date.fromisoformat(row["adopted"])
            except ValueError:
                bad(f"adopted '{row['adopted']}' is not a date (YYYY-MM-DD)")
        if row["legal_nature"] not in LEGAL_NATURES:
            bad(
                f"legal_nature '{row['legal_nature']}' is not one of "
                f"{', '.join(sorted(LEGAL_NATURES))}"
            )
        if row["url"] and not row["url"].startswith(("https://", "http://")):
            bad(f"the url '{row['url']}' is not a web address")
        if row["supersedes"] == code:
            bad("a standard cannot supersede itself")
        if len(problems) == here:
            codes.add(code)
            standard = StandardRow(
                code=code,
                family=row["family"],
                version=row["version"],
                title=row["title"],
                issuer=row["issuer"],
                adopted=adopted,
                legal_nature=row["legal_nature"],
                url=row["url"],
                supersedes=row["supersedes"],
            )
            catalogue.standards.append(standard)
            if standard.supersedes:
                supersedes.append((line, standard))
    for line, standard in supersedes:
        if standard.supersedes not in codes:
            problems.append(
                Problem("standards.csv", line, f"supersedes unknown standard {standard.supersedes}")
            )
    superseded = [s.supersedes for s in catalogue.standards if s.supersedes]
    for code in {c for c in superseded if superseded.count(c) > 1}:
        problems.append(Problem("standards.csv", 0, f"{code} is superseded by two standards"))

    provision_codes: set[str] = set()
    for line, row in _rows(directory / "provisions.csv", problems):
        here = len(problems)

        def bad(reason: str, line: int = line) -> None:
            problems.append(Problem("provisions.csv", line, reason))

        code = row["code"]
        standard_code, sep, key = code.partition(":")
        if not sep or not key:
            bad(f"'{code}' is not a provision code (<standard>:<key>)")
        elif standard_code not in codes:
            bad(f"unknown standard '{standard_code}'")
        elif not PROVISION_KEY.match(key):
            bad(f"'{key}' is not a provision key (such as A03, P12, S7.4 or P18-P21)")
        elif code in provision_codes:
            bad(f"the code {code} appears twice")
        if not row["summary"]:
            bad("the summary is empty")
        elif len(row["summary"]) > MAX_SUMMARY:
            bad(f"the summary is longer than {MAX_SUMMARY} characters")
        if len(problems) == here:
            provision_codes.add(code)
            catalogue.provisions.append(
                ProvisionRow(
                    code=code,
                    standard=standard_code,
                    key=key,
                    heading=row["heading"],
                    summary=row["summary"],
                )
            )

    for line, row in _rows(directory / "topic_rules.csv", problems):
        here = len(problems)

        def bad(reason: str, line: int = line) -> None:
            problems.append(Problem("topic_rules.csv", line, reason))

        if known_topics and row["topic"] not in known_topics:
            bad(f"unknown topic '{row['topic']}'")
        if not row["requirement"]:
            bad("the requirement is empty")
        cited = row["provisions"].split()
        if not cited:
            bad("name at least one provision")
        for code in cited:
            if code not in provision_codes:
                bad(f"unknown provision '{code}'")
        if len(problems) == here:
            catalogue.rules.append(RuleRow(row["topic"], row["requirement"], cited))

    if problems:
        raise CatalogueRejected(sorted(problems, key=lambda p: (FILES.index(p.file), p.line)))
    return catalogue
