"""`tutela screen INPUT.csv --out OUTPUT.csv [--top K] [--min-score S]`: batch screening of
names against the current version of every watchlist loaded in the database."""

import csv
import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.lib.countries import all_countries
from tutela.matching.entities import BirthDate, Entity, Kind, Name
from tutela.matching.names import analyse
from tutela.matching.normalise import InvalidName
from tutela.matching.score import Match
from tutela.vetting.screening import ALERT_THRESHOLD, current_lists

INPUT_COLUMNS = ("id", "name", "kind", "birth_date", "nationality")
REQUIRED_COLUMNS = ("id", "name", "kind")
OUTPUT_COLUMNS = ("id", "rank", "entity_id", "list", "score", "matched_name", "explanation")
KINDS = {"person": Kind.PERSON, "organization": Kind.ORGANIZATION}
PROGRESS_EVERY = 1000  # a progress line per this many input rows screened
MAX_PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Screen the names of a CSV file (columns id,name,kind,birth_date,nationality; kind is "
        "person or organization, the last two may be empty) against the current version of "
        "every watchlist, and write the best candidates per name to --out (columns "
        "id,rank,entity_id,list,score,matched_name,explanation). Bad rows are listed with their "
        "row numbers and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", metavar="INPUT.csv")
        parser.add_argument("--out", required=True, metavar="OUTPUT.csv")
        parser.add_argument(
            "--top", type=int, default=5, help="candidates kept per name (default 5)"
        )
        parser.add_argument(
            "--min-score",
            type=float,
            default=ALERT_THRESHOLD,
            help=f"lowest score kept, 0 to 1 (default: the alert threshold, {ALERT_THRESHOLD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        top, min_score = options["top"], options["min_score"]
        if top < 1:
            raise CommandError("--top must be at least 1.")
        if not 0.0 <= min_score <= 1.0:
            raise CommandError("--min-score must be between 0 and 1.")
        queries = read_queries(Path(options["input"]), self.stderr.write)
        started = time.perf_counter()
        lists = current_lists()
        built = time.perf_counter() - started
        if not lists.refs:
            raise CommandError("No watchlist is loaded: import one with `tutela import_watchlist`.")
        self.stdout.write(
            f"Screening {len(queries):,} names against {len(lists.refs):,} listed entries of "
            f"{len(lists.versions)} list(s) (index ready in {built:.1f} s)"
        )
        started = time.perf_counter()
        written = flagged = 0
        with Path(options["out"]).open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(OUTPUT_COLUMNS)
            for done, query in enumerate(queries, start=1):
                found = lists.screen(query, top=top, min_score=min_score)
                flagged += bool(found)
                for rank, (match, ref) in enumerate(found, start=1):
                    writer.writerow(
                        [
                            query.entity_id,
                            rank,
                            match.entity_id,
                            ref.list_name,
                            f"{match.score:.3f}",
                            match.matched_name,
                            brief_explanation(match),
                        ]
                    )
                    written += 1
                if done % PROGRESS_EVERY == 0:
                    elapsed = time.perf_counter() - started
                    self.stdout.write(
                        f"  screened {done:,} of {len(queries):,} ({done / elapsed:,.0f} per s)"
                    )
        elapsed = time.perf_counter() - started
        rate = len(queries) / elapsed if elapsed else 0.0
        self.stdout.write(
            self.style.SUCCESS(
                f"Screened {len(queries):,} names in {elapsed:.1f} s ({rate:,.0f} per s): "
                f"{flagged:,} with candidates, {written:,} rows written to {options['out']}"
            )
        )


def brief_explanation(match: Match) -> str:
    """The match's explanation without its leading score, on one line."""
    text = match.explain()
    score, _space, rest = text.partition(" ")
    return " ".join((rest or score).split())


def read_queries(path: Path, report: Any) -> list[Entity]:
    """Every row of the file as a query; if any row is bad, each problem is passed to `report`
    as "row N: reason" (the header is row 1) and CommandError is raised."""
    codes = {c.code: c.code for c in all_countries()} | {c.alpha3: c.code for c in all_countries()}
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
    except OSError as exc:
        raise CommandError(f"Cannot read {path.name}: {exc.strerror}.") from exc
    except UnicodeDecodeError:
        raise CommandError(f"{path.name} is not UTF-8 text.") from None
    except csv.Error as exc:
        raise CommandError(f"{path.name} is not a readable CSV file: {exc}.") from None
    if not rows:
        raise CommandError(f"{path.name} is empty.")
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CommandError(f"{path.name}: missing column(s) {', '.join(missing)} in row 1.")
    at = {c: header.index(c) for c in INPUT_COLUMNS if c in header}
    queries: list[Entity] = []
    problems: list[str] = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue  # a blank line
        cells = {c: values[i].strip() if i < len(values) else "" for c, i in at.items()}
        try:
            queries.append(_query(cells, codes))
        except ValueError as error:
            problems.append(f"row {number}: {error}")
    if problems:
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            report(problem)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            report(f"… and {len(problems) - MAX_PROBLEMS_SHOWN:,} more")
        raise CommandError(f"{len(problems):,} bad row(s) in {path.name}; nothing was written.")
    if not queries:
        raise CommandError(f"{path.name} has no rows to screen.")
    return queries


def _query(cells: dict[str, str], codes: dict[str, str]) -> Entity:
    """The row as a query, or ValueError saying (all) that is wrong with it."""
    errors = []
    query_id, name = cells.get("id", ""), cells.get("name", "")
    kind = KINDS.get(cells.get("kind", "").lower())
    if not query_id:
        errors.append("id is empty")
    if cells.get("kind", "") == "":
        errors.append("kind is empty (person or organization)")
    elif kind is None:
        errors.append(f"kind {cells['kind']!r} is not person or organization")
    if not name:
        errors.append("name is empty")
    else:
        try:
            analyse(name, kind or Kind.PERSON)
        except InvalidName as error:
            errors.append(f"name cannot be screened ({error})")
    birth = cells.get("birth_date", "")
    birth_dates: tuple[BirthDate, ...] = ()
    if birth:
        try:
            birth_dates = (_birth_date(birth),)
        except ValueError:
            errors.append(f"birth_date {birth!r} is not a date (YYYY-MM-DD or YYYY)")
        if kind is Kind.ORGANIZATION:
            errors.append("an organization has no birth_date")
    nationality = cells.get("nationality", "")
    country = codes.get(nationality.upper(), "") if nationality else ""
    if nationality and not country:
        errors.append(f"nationality {nationality!r} is not an ISO 3166 country code")
    if errors:
        raise ValueError("; ".join(errors))
    return Entity(
        entity_id=query_id,
        kind=kind,  # type: ignore[arg-type]  # not None: checked above
        names=(Name(name),),
        birth_dates=birth_dates,
        nationalities=(country,) if country and kind is Kind.PERSON else (),
        countries=(country,) if country and kind is Kind.ORGANIZATION else (),
    )


def _birth_date(text: str) -> BirthDate:
    if len(text) == 4 and text.isdigit():
        return BirthDate(int(text))
    day = dt.date.fromisoformat(text)
    return BirthDate(day.year, day.month, day.day)
