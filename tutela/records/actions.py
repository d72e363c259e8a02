"""Importing historical training records (Foreign Military Training Report tables).

`import_training_records(paths, by=...)` is the one way records enter the register: the
`tutela import_training_records` command and the secretariat's upload page both call it and show
the same report (rows read, imported, set aside with reasons).

- **Layout first**: every file's header is checked before anything is written; a file without
  the expected columns is refused with the missing columns named, and nothing is imported.
- **Atomic per run**: all the files of one call are stored in one transaction, so a failure in
  the third file leaves the first two unimported too.
- **Idempotent**: a row is identified within its fiscal report by `row_key`, a SHA-256 of its
  printed content and of how many identical rows came before it in the file (the printed tables
  repeat some rows exactly, and each repetition is a row the report counts). A row already in the
  register is set aside as such; importing a file again imports nothing, creates no import row
  and writes no audit event.
- **Rows set aside** keep their line number and reason: wrong number of fields, no country, a
  country name the alias table does not know, a fiscal report not written `YYYY_YYYY`, a value too
  long to be a field of this table, already in the register.
"""

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.partners.models import Country
from tutela.records.models import (
    QuantityStatus,
    RecordImport,
    RowKind,
    TrainingRecord,
    labelled,
)
from tutela.records.parsing import (
    ALL_COLUMNS,
    CountryMatch,
    LayoutError,
    Table,
    normalise_country,
    parse_cost,
    parse_date,
    parse_quantity,
    programme_name,
    report_years,
    row_kind,
    training_year,
)

BATCH_SIZE = 2000  # rows per batch written
EXAMPLES_KEPT = 50  # set-aside rows listed by line, per file
# The printed content a row is identified by (where the scrape came from is not part of it).
KEY_COLUMNS = tuple(c for c in ALL_COLUMNS if c not in ("source_path", "source_commit"))
SUMMARY_COLUMNS = ("fiscal_report", "country_as_in_source", "training_rows", "sum_quantity_numeric")

ALREADY_PRESENT = "already in the register"

Progress = Callable[[str, int], None]


class TrainingRecordsRejected(ActionError):
    """Files that are not training-records tables; nothing was imported."""

    def __init__(self, problems: list[LayoutError]) -> None:
        super().__init__(
            _("Nothing was imported: %(problems)s")
            % {"problems": " ".join(f"{p.file} {p.message}" for p in problems)},
            field="tables",
        )
        self.problems = problems


@dataclass
class FileReport:
    """What one file gave: the figures the command prints and the upload page shows."""

    file: str
    checksum: str
    rows_read: int = 0
    rows_imported: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # set aside, by reason
    examples: list[tuple[int, str]] = field(default_factory=list)  # (line, reason in full)
    quantities: Counter[str] = field(default_factory=Counter)  # imported rows by quantity status
    kinds: Counter[str] = field(default_factory=Counter)  # imported rows by kind
    without_code: Counter[str] = field(default_factory=Counter)  # names imported with no ISO code
    fiscal_reports: set[str] = field(default_factory=set)
    import_id: int | None = None

    @property
    def rows_set_aside(self) -> int:
        return sum(self.reasons.values())

    # Lists for templates (a Counter answers any missing key, "items" included, with 0).
    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        return self.reasons.most_common()

    @property
    def names_without_code(self) -> list[tuple[str, int]]:
        return self.without_code.most_common()

    @property
    def labelled_quantities(self) -> list[tuple[str, int]]:
        return labelled(QuantityStatus, self.quantities)

    @property
    def labelled_kinds(self) -> list[tuple[str, int]]:
        return labelled(RowKind, self.kinds)

    def set_aside(self, line: int, reason: str, detail: str = "") -> None:
        self.reasons[reason] += 1
        if len(self.examples) < EXAMPLES_KEPT:
            self.examples.append((line, f"{reason}: {detail}" if detail else reason))

    def as_json(self) -> dict[str, Any]:
        return {
            "reasons": dict(self.reasons),
            "examples": [{"line": line, "reason": reason} for line, reason in self.examples],
            "quantities": dict(self.quantities),
            "kinds": dict(self.kinds),
            "without_code": dict(self.without_code),
        }


@dataclass
class ImportReport:
    files: list[FileReport]

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_imported(self) -> int:
        return sum(f.rows_imported for f in self.files)

    @property
    def rows_set_aside(self) -> int:
        return sum(f.rows_set_aside for f in self.files)

    @property
    def reasons(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.reasons)
        return total

    @property
    def quantities(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.quantities)
        return total

    @property
    def fiscal_reports(self) -> list[str]:
        return sorted(set().union(*(f.fiscal_reports for f in self.files)))


def import_training_records(
    paths: Iterable[str | Path],
    *,
    by: User,
    progress: Progress | None = None,
    names: list[str] | None = None,
) -> ImportReport:
    """Import training-records tables into the register (see the module's docstring).

    `names` are the files' names as the person knows them (an upload's own name), in the order
    of `paths`; `progress(file, rows_read)` is called as rows are stored."""
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat imports training records."))
    files = [Path(p) for p in paths]
    if not files:
        raise ActionError(_("Give the files to import."), field="tables")
    shown = names or [p.name for p in files]
    tables: list[Table] = []
    problems: list[LayoutError] = []
    try:
        for path, name in zip(files, shown, strict=True):
            try:
                tables.append(Table(path, name))
            except LayoutError as problem:
                problems.append(problem)
        if problems:
            raise TrainingRecordsRejected(problems)
        checksums = [_checksum(t.path) for t in tables]
        try:
            return _store(tables, checksums, by=by, progress=progress)
        except IntegrityError as error:
            # Only the row key is unique: another import stored some of the same rows meanwhile.
            raise Conflict(
                _(
                    "Another import stored some of the same rows while this one ran; nothing was "
                    "imported from this run. Run it again: rows already in the register are "
                    "set aside."
                ),
                field="tables",
            ) from error
    finally:
        for table in tables:
            table.close()


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@transaction.atomic
def _store(
    tables: list[Table], checksums: list[str], *, by: User, progress: Progress | None
) -> ImportReport:
    store = _Store(by, progress)
    report = ImportReport([store.import_file(t, c) for t, c in zip(tables, checksums, strict=True)])
    return report


def row_key(values: dict[str, str], occurrence: int) -> str:
    """The identity of a printed row within its fiscal report: SHA-256 of its printed content
    (the columns of KEY_COLUMNS, unit-separated) and of how many identical rows precede it."""
    content = "\x1f".join(values[c] for c in KEY_COLUMNS) + f"\x1e{occurrence}"
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


_LIMITS: dict[str, int] = {
    f.name: int(f.max_length)
    for f in TrainingRecord._meta.concrete_fields
    if f.max_length and f.name != "row_key"
}
_FIELD_OF_COLUMN = {
    "fiscal_report": "fiscal_report",
    "region_file": "region_file",
    "page_number": "page_number",
    "country": "country_as_printed",
    "start_date": "start_date_as_printed",
    "end_date": "end_date_as_printed",
    "quantity": "quantity_as_printed",
    "total_cost": "cost_as_printed",
}


class _Store:
    """One run's state: the row keys already in the register per fiscal report (loaded once),
    the country table, and the batch being written."""

    def __init__(self, by: User, progress: Progress | None) -> None:
        self.by = by
        self.progress = progress
        self.keys: dict[str, set[str]] = {}
        self.country_ids = dict(Country.objects.values_list("code", "pk"))
        self.countries: dict[str, CountryMatch | None] = {}  # by name as printed

    def _keys_of(self, fiscal_report: str) -> set[str]:
        if fiscal_report not in self.keys:
            self.keys[fiscal_report] = set(
                TrainingRecord.objects.filter(fiscal_report=fiscal_report).values_list(
                    "row_key", flat=True
                )
            )
        return self.keys[fiscal_report]

    def import_file(self, table: Table, checksum: str) -> FileReport:
        report = FileReport(file=table.name, checksum=checksum)
        occurrences: Counter[str] = Counter()
        source: RecordImport | None = None
        batch: list[tuple[Any, ...]] = []

        for row in table.rows():
            report.rows_read += 1
            if self.progress and report.rows_read % BATCH_SIZE == 0:
                self.progress(table.name, report.rows_read)
            values = self._values(row.line, row.values, row.problem, report, occurrences)
            if values is None:
                continue
            if source is None:
                source = RecordImport.objects.create(
                    file_name=table.name[:255],
                    checksum=checksum,
                    imported_by=self.by,
                    imported_by_name=self.by.username,
                )
            batch.append((source.pk, *values))
            report.rows_imported += 1
            if len(batch) >= BATCH_SIZE:
                _insert(batch)
                batch.clear()
        _insert(batch)
        if self.progress:
            self.progress(table.name, report.rows_read)
        if source is not None:
            source.fiscal_reports = sorted(report.fiscal_reports)
            source.rows_read = report.rows_read
            source.rows_imported = report.rows_imported
            source.rows_set_aside = report.rows_set_aside
            source.report = report.as_json()
            source.save()
            report.import_id = source.pk
            record_event(
                self.by,
                "training_records.imported",
                source,
                {
                    "file": source.file_name,
                    "checksum": checksum,
                    "fiscal_reports": source.fiscal_reports,
                    "rows_read": report.rows_read,
                    "rows_imported": report.rows_imported,
                    "rows_set_aside": report.rows_set_aside,
                    "set_aside": dict(report.reasons),
                },
            )
        return report

    def _values(
        self,
        line: int,
        values: dict[str, str],
        problem: str,
        report: FileReport,
        occurrences: Counter[str],
    ) -> tuple[Any, ...] | None:
        """The row's values in the order of INSERTED_FIELDS (after `source`), or None when the
        row is set aside (the reason is added to `report`)."""
        if problem:
            report.set_aside(line, "wrong number of fields", problem)
            return None
        fiscal_report = values["fiscal_report"].strip()
        years = report_years(fiscal_report)
        if years is None:
            report.set_aside(
                line, "fiscal report not written YYYY_YYYY", repr(values["fiscal_report"])
            )
            return None
        report.fiscal_reports.add(fiscal_report)
        content = "\x1f".join(values[c] for c in KEY_COLUMNS)
        occurrence = occurrences[content]
        occurrences[content] += 1
        printed_country = values["country"]
        if not printed_country.strip():
            report.set_aside(line, "no country")
            return None
        if printed_country not in self.countries:
            self.countries[printed_country] = normalise_country(printed_country)
        match = self.countries[printed_country]
        if match is None or (match.code and match.code not in self.country_ids):
            report.set_aside(line, "country not recognised", repr(printed_country))
            return None
        for column, field_name in _FIELD_OF_COLUMN.items():
            if len(values[column]) > _LIMITS[field_name]:
                report.set_aside(
                    line,
                    "value too long",
                    f"{column} has {len(values[column])} characters "
                    f"(at most {_LIMITS[field_name]})",
                )
                return None
        key = row_key(values, occurrence)
        known = self._keys_of(fiscal_report)
        if key in known:
            report.set_aside(line, ALREADY_PRESENT)
            return None
        known.add(key)

        program = values["program"]
        year = training_year(program, years)
        current_year = year == years[1]
        quantity, status = parse_quantity(values["quantity"], current_year=current_year)
        kind = row_kind(program, values["course_title"])
        report.quantities[status] += 1
        report.kinds[kind] += 1
        if not match.code:
            report.without_code[printed_country] += 1
        ops = connection.ops
        starts_on = parse_date(values["start_date"])
        ends_on = parse_date(values["end_date"], last=True)
        cost = parse_cost(values["total_cost"], current_year=current_year)
        return (
            fiscal_report,
            values["region_file"],
            values["page_number"],
            line,
            key,
            year,
            kind,
            self.country_ids.get(match.code) if match.code else None,
            printed_country,
            program,
            programme_name(program, printed_country)[:200],
            values["course_title"],
            values["us_unit"],
            values["student_unit"],
            values["location"],
            values["start_date"],
            values["end_date"],
            ops.adapt_datefield_value(starts_on),
            ops.adapt_datefield_value(ends_on),
            values["quantity"],
            quantity,
            status,
            values["total_cost"],
            None if cost is None else ops.adapt_decimalfield_value(cost, 14, 2),
        )


# The columns one INSERT writes, in the order of the tuples above. Rows are written with one
# prepared statement per batch (executemany): Django's bulk_create spends most of an import
# compiling SQL for every object, which this skips (bench/records.py measures both).
INSERTED_FIELDS = (
    "source",
    "fiscal_report",
    "region_file",
    "page_number",
    "line",
    "row_key",
    "fiscal_year",
    "kind",
    "country",
    "country_as_printed",
    "program",
    "programme",
    "course_title",
    "delivering_unit",
    "recipient_unit",
    "location",
    "start_date_as_printed",
    "end_date_as_printed",
    "starts_on",
    "ends_on",
    "quantity_as_printed",
    "quantity",
    "quantity_status",
    "cost_as_printed",
    "cost",
)


def _insert_sql() -> str:
    quote = connection.ops.quote_name
    meta = TrainingRecord._meta
    column_of = {f.name: str(f.column) for f in meta.concrete_fields}
    columns = ", ".join(quote(column_of[name]) for name in INSERTED_FIELDS)
    marks = ", ".join(["%s"] * len(INSERTED_FIELDS))
    return f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"


def _insert(rows: list[tuple[Any, ...]]) -> None:
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(_insert_sql(), rows)


def summary_csv(fiscal_reports: Iterable[str]) -> str:
    """Per fiscal report and country as printed, the rows in the register and the sum of their
    numeric quantities, in the columns (and the byte layout: CSV with CRLF line ends) of the
    published `fmtr_summary_by_year_country.csv`."""
    rows = TrainingRecord.objects.filter(
        fiscal_report__in=list(fiscal_reports)
    ).summary_by_report_and_country()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()
