"""Importing training-records tables: the action, the command, the summary file."""

import datetime as dt
import gzip
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tutela.accounts.models import User
from tutela.audit.models import Event
from tutela.lib.errors import NotAllowed
from tutela.records import figures
from tutela.records.actions import (
    ALREADY_PRESENT,
    TrainingRecordsRejected,
    import_training_records,
    summary_csv,
)
from tutela.records.models import QuantityStatus, RecordImport, RowKind, TrainingRecord

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "fmtr_sample.tsv"
SAMPLE_SUMMARY = FIXTURES / "fmtr_sample_summary.csv"
SAMPLE_ROWS = 150
HEADER = SAMPLE.read_text(encoding="utf-8").splitlines()[0]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def imported(secretariat: User) -> None:
    import_training_records([SAMPLE], by=secretariat)


def test_every_row_is_imported_with_its_source(secretariat: User) -> None:
    report = import_training_records([SAMPLE], by=secretariat)

    assert (report.rows_read, report.rows_imported, report.rows_set_aside) == (
        SAMPLE_ROWS,
        SAMPLE_ROWS,
        0,
    )
    assert TrainingRecord.objects.count() == SAMPLE_ROWS
    source = RecordImport.objects.get()
    assert source.file_name == "fmtr_sample.tsv"
    assert source.rows_imported == SAMPLE_ROWS
    assert source.imported_by == secretariat
    assert len(source.checksum) == 64
    assert "2008_2009" in source.fiscal_reports
    assert set(TrainingRecord.objects.values_list("source", flat=True)) == {source.pk}
    first = TrainingRecord.objects.order_by("line").first()
    assert first is not None and first.line == 2  # the header is line 1


def test_the_summary_reproduces_the_published_lines_byte_for_byte(
    secretariat: User, tmp_path: Path
) -> None:
    out = tmp_path / "summary.csv"
    call_command("import_training_records", str(SAMPLE), "--summary", str(out), stdout=StringIO())
    assert out.read_bytes() == SAMPLE_SUMMARY.read_bytes()


def test_a_printed_row_keeps_what_was_printed_beside_what_was_read(
    secretariat: User, imported: None
) -> None:
    row = TrainingRecord.objects.get(
        country_as_printed="Armenia", end_date_as_printed="5/3/02 9/16/02"
    )
    assert row.start_date_as_printed == ""
    assert row.starts_on is None
    assert row.ends_on == dt.date(2002, 9, 16)
    assert row.country is not None and row.country.code == "AM"

    costed = TrainingRecord.objects.filter(cost_as_printed="$1,140,740").get()
    assert costed.cost == Decimal("1140740")


def test_countries_are_normalised_including_variants_and_kosovo(
    secretariat: User, imported: None
) -> None:
    codes = dict(
        TrainingRecord.objects.values_list("country_as_printed", "country__code").distinct()
    )
    assert codes["Kosovo"] == "XK"
    assert codes["Korea - South"] == "KR"
    assert codes["Cote D'Ivoire, Republic of"] == "CI"
    assert codes["Antigua And Barbuda (UK)"] == "AG"
    assert codes["Cape Verde (Republic of)"] == "CV"
    assert codes["Hong Kong"] == "HK"
    # Former states and a regional line: imported, with no code.
    assert codes["Yugoslavia"] is None
    assert codes["Netherlands Antilles (NE)"] is None
    assert codes["Indochina"] is None


def test_non_numeric_quantities_are_kept_and_counted_apart(
    secretariat: User, imported: None
) -> None:
    text = TrainingRecord.objects.filter(quantity_status=QuantityStatus.NOT_NUMERIC)
    assert set(text.values_list("quantity_as_printed", flat=True)) >= {
        "1 Garmisch,",
        "1 39529-7099",
    }
    assert not text.filter(quantity__isnull=False).exists()
    tbd = TrainingRecord.objects.get(country_as_printed="New Caledonia")
    assert tbd.quantity_as_printed == "0"
    assert tbd.quantity_status == QuantityStatus.TO_BE_DETERMINED  # 0 in a current-year row
    assert tbd.quantity is None
    assert tbd.fiscal_year == 2001  # "FY 01" in the 2000_2001 report: the current year
    reported = TrainingRecord.objects.get(country_as_printed="Netherlands Antilles (NE)")
    assert (reported.fiscal_year, reported.quantity_as_printed) == (2000, "0")
    assert (reported.quantity_status, reported.quantity) == (QuantityStatus.NUMBER, 0)


def test_the_aggregates_count_deliveries_with_a_number(secretariat: User, imported: None) -> None:
    records = TrainingRecord.objects.all()
    kosovo = [r for r in figures.by_country_and_year() if r["country"] == "XK"]
    deliveries = records.deliveries().filter(country__code="XK")
    assert kosovo == [
        {
            "fiscal_year": 2008,
            "country": "XK",
            "country_name": "Kosovo",
            "region_code": "150",
            "deliveries": deliveries.count(),
            "trainees": sum(deliveries.values_list("quantity", flat=True)),
            "not_counted": 0,
        }
    ]
    # The programme-totals lines are the report's own subtotals, not deliveries.
    totals = records.filter(kind=RowKind.PROGRAMME_TOTAL, country__code="XK")
    assert totals.exists()
    assert kosovo[0]["deliveries"] == records.filter(country__code="XK").count() - totals.count()
    # Names without a code are kept, apart.
    assert {r["country"] for r in figures.by_country_and_year()} >= {None, "XK", "CI", "KR"}

    by_year = {r["fiscal_year"]: r for r in figures.by_year()}
    all_deliveries = records.deliveries()
    assert sum(r["deliveries"] for r in by_year.values()) == all_deliveries.count()
    assert sum(r["trainees"] for r in by_year.values()) == sum(
        all_deliveries.filter(quantity_status=QuantityStatus.NUMBER).values_list(
            "quantity", flat=True
        )
    )
    assert (
        sum(r["not_counted"] for r in by_year.values())
        == all_deliveries.exclude(quantity_status=QuantityStatus.NUMBER).count()
    )
    programmes = figures.by_programme()
    assert sum(r["deliveries"] for r in programmes) == all_deliveries.count()
    trainees = [r["trainees"] for r in programmes]
    assert trainees == sorted(trainees, reverse=True)


def test_the_cached_figures_change_with_the_next_import(
    secretariat: User, imported: None, tmp_path: Path
) -> None:
    before = {r["fiscal_year"]: r["deliveries"] for r in figures.by_year()}
    line = _sample_lines()[1].split("\t")  # a 2000_2001 row
    line[4] = "Community policing (added)"
    import_training_records(
        [_write(tmp_path / "more.tsv", [HEADER, "\t".join(line)])], by=secretariat
    )
    after = {r["fiscal_year"]: r["deliveries"] for r in figures.by_year()}
    year = TrainingRecord.objects.get(course_title="Community policing (added)").fiscal_year
    assert after[year] == before[year] + 1


def test_importing_the_same_file_twice_changes_nothing(secretariat: User, imported: None) -> None:
    before = list(TrainingRecord.objects.values_list("pk", "row_key", "source_id"))
    events = Event.objects.count()

    report = import_training_records([SAMPLE], by=secretariat)

    assert report.rows_imported == 0
    assert report.reasons == {ALREADY_PRESENT: SAMPLE_ROWS}
    assert list(TrainingRecord.objects.values_list("pk", "row_key", "source_id")) == before
    assert RecordImport.objects.count() == 1
    assert Event.objects.count() == events


def test_the_same_rows_in_another_file_are_not_imported_again(
    secretariat: User, imported: None, tmp_path: Path
) -> None:
    """A gzip copy, or a file that adds rows to one already imported, imports only what is new."""
    lines = _sample_lines()
    copy = tmp_path / "copy.tsv.gz"
    with gzip.open(copy, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    assert import_training_records([copy], by=secretariat).rows_imported == 0

    extra = lines[1].replace("\t2000_2001_", "\t2000_2001_", 1).split("\t")
    extra[4] = "Community policing (added)"
    bigger = _write(tmp_path / "bigger.tsv", [*lines, "\t".join(extra)])
    report = import_training_records([bigger], by=secretariat)
    assert (report.rows_imported, report.reasons[ALREADY_PRESENT]) == (1, SAMPLE_ROWS)
    assert TrainingRecord.objects.count() == SAMPLE_ROWS + 1


def test_identical_printed_rows_are_each_imported(secretariat: User, tmp_path: Path) -> None:
    lines = _sample_lines()
    twice = _write(tmp_path / "twice.tsv", [HEADER, lines[1], lines[1]])
    report = import_training_records([twice], by=secretariat)
    assert report.rows_imported == 2  # the report counts each printed row
    assert import_training_records([twice], by=secretariat).rows_imported == 0


def test_rows_set_aside_with_their_reasons(secretariat: User, tmp_path: Path) -> None:
    good = _sample_lines()[1]
    fields = good.split("\t")
    unknown = "\t".join([*fields[:2], "Atlantis", *fields[3:]])
    no_country = "\t".join([*fields[:2], "", *fields[3:]])
    bad_report = "\t".join(["FY2001", *fields[1:]])
    short = "\t".join(fields[:5])
    path = _write(tmp_path / "mixed.tsv", [HEADER, good, unknown, no_country, bad_report, short])

    report = import_training_records([path], by=secretariat)

    assert (report.rows_read, report.rows_imported, report.rows_set_aside) == (5, 1, 4)
    assert report.reasons == {
        "country not recognised": 1,
        "no country": 1,
        "fiscal report not written YYYY_YYYY": 1,
        "wrong number of fields": 1,
    }
    lines = dict(report.files[0].examples)
    assert lines[3] == "country not recognised: 'Atlantis'"
    assert lines[6].startswith("wrong number of fields: has 5 fields")
    source = RecordImport.objects.get()
    assert source.rows_set_aside == 4
    assert source.report["reasons"]["no country"] == 1


def test_a_file_in_another_layout_is_refused_naming_the_missing_columns_and_nothing_is_imported(
    secretariat: User, tmp_path: Path
) -> None:
    wrong = _write(tmp_path / "roster.csv", ["country,course,quantity", "Kenya,Human rights,12"])
    with pytest.raises(TrainingRecordsRejected) as refused:
        import_training_records([SAMPLE, wrong], by=secretariat)

    (problem,) = refused.value.problems
    assert problem.file == "roster.csv"
    assert problem.missing == (
        "fiscal_report",
        "program",
        "course_title",
        "us_unit",
        "student_unit",
        "start_date",
        "end_date",
        "location",
        "total_cost",
    )
    assert "missing columns fiscal_report, program" in refused.value.message
    assert not TrainingRecord.objects.exists()  # not even the good file: one run, one transaction
    assert not RecordImport.objects.exists()
    assert not Event.objects.filter(verb="training_records.imported").exists()


def test_a_failure_in_a_later_file_leaves_nothing_of_the_earlier_ones(
    secretariat: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutela.records import actions

    second = tmp_path / "second.tsv"
    shutil.copy(SAMPLE, second)
    calls: list[str] = []
    original = actions._Store.import_file

    def failing(self: actions._Store, table: actions.Table, checksum: str) -> actions.FileReport:
        calls.append(table.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, table, checksum)

    monkeypatch.setattr(actions._Store, "import_file", failing)
    with pytest.raises(OSError):
        import_training_records([SAMPLE, second], by=secretariat)
    assert calls == ["fmtr_sample.tsv", "second.tsv"]
    assert not TrainingRecord.objects.exists()
    assert not RecordImport.objects.exists()


def test_each_import_writes_an_audit_event(secretariat: User, imported: None) -> None:
    event = Event.objects.get(verb="training_records.imported")
    source = RecordImport.objects.get()
    assert event.actor_id == secretariat.pk
    assert event.object_id == str(source.pk)
    assert event.data["rows_imported"] == SAMPLE_ROWS
    assert event.data["checksum"] == source.checksum


@pytest.mark.parametrize("persona", ["analyst", "oversight", "liaison_a", "reviewer", "director"])
def test_only_the_secretariat_imports(
    persona: str, request: pytest.FixtureRequest, db: None
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(NotAllowed):
        import_training_records([SAMPLE], by=user)
    assert not TrainingRecord.objects.exists()


def test_the_command_prints_rows_read_imported_and_set_aside(
    secretariat: User, tmp_path: Path
) -> None:
    fields = _sample_lines()[1].split("\t")
    extra = _write(
        tmp_path / "extra.tsv", [HEADER, "\t".join([*fields[:2], "Atlantis", *fields[3:]])]
    )
    out = StringIO()
    call_command("import_training_records", str(SAMPLE), str(extra), stdout=out)
    text = out.getvalue()
    assert f"fmtr_sample.tsv: {SAMPLE_ROWS} rows read, {SAMPLE_ROWS} imported, 0 set aside" in text
    assert "extra.tsv: 1 rows read, 0 imported, 1 set aside; nothing changed" in text
    assert "set aside, country not recognised: 1" in text
    assert "line 2: country not recognised: 'Atlantis'" in text
    assert "imported without a country code: 'Yugoslavia' (3)" in text
    assert f"2 file(s): {SAMPLE_ROWS + 1} rows read, {SAMPLE_ROWS} imported, 1 set aside" in text

    again = StringIO()
    call_command("import_training_records", str(SAMPLE), stdout=again)
    assert f"set aside, already in the register: {SAMPLE_ROWS}" in again.getvalue()


def test_the_command_reports_progress_on_long_imports(
    secretariat: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutela.records import actions
    from tutela.records.management.commands import import_training_records as command

    monkeypatch.setattr(actions, "BATCH_SIZE", 50)
    monkeypatch.setattr(command, "PROGRESS_EVERY", 50)
    out = StringIO()
    call_command("import_training_records", str(SAMPLE), stdout=out)
    assert "fmtr_sample.tsv: 50 rows read" in out.getvalue()
    assert "fmtr_sample.tsv: 100 rows read" in out.getvalue()


def test_the_command_refuses_a_wrong_layout_with_the_missing_columns(
    secretariat: User, tmp_path: Path
) -> None:
    wrong = _write(tmp_path / "wrong.tsv", ["fiscal_report\tcountry", "2019_2020\tKenya"])
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_training_records", str(wrong), stdout=StringIO(), stderr=err)
    assert "wrong.tsv: is not a training-records table: missing columns program" in err.getvalue()
    assert not TrainingRecord.objects.exists()


def test_the_command_needs_a_secretariat_member(analyst: User) -> None:
    with pytest.raises(CommandError, match="No active secretariat member"):
        call_command("import_training_records", str(SAMPLE), stdout=StringIO())
    with pytest.raises(CommandError, match="not secretariat"):
        call_command("import_training_records", str(SAMPLE), "--as", "analyst", stdout=StringIO())


def test_unreadable_and_empty_files_are_refused(secretariat: User, tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.tsv", [""])
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 10)
    with pytest.raises(TrainingRecordsRejected) as refused:
        import_training_records([empty, binary], by=secretariat)
    assert [p.file for p in refused.value.problems] == ["empty.tsv", "binary.tsv"]


def test_summary_covers_only_the_reports_asked_for(secretariat: User, imported: None) -> None:
    text = summary_csv(["2008_2009"])
    assert text == (
        "fiscal_report,country_as_in_source,training_rows,sum_quantity_numeric\r\n"
        "2008_2009,Indochina,2,2\r\n"
        "2008_2009,Kosovo,21,140\r\n"
    )


def test_a_demo_reset_keeps_the_records_and_who_imported_them(
    secretariat: User, imported: None
) -> None:
    from tutela.demo import reset_programme_data

    reset_programme_data()  # deletes every account but superusers
    source = RecordImport.objects.get()
    assert source.imported_by is None
    assert source.imported_by_name == "secretariat"
    assert TrainingRecord.objects.count() == SAMPLE_ROWS


def test_rows_stored_meanwhile_by_another_import_make_a_conflict_and_nothing_imported(
    secretariat: User, imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports of the same rows at once: the second does not see the first's rows when it
    starts (simulated here by not loading the keys) and must not store them twice."""
    from tutela.lib.errors import Conflict
    from tutela.records import actions

    monkeypatch.setattr(actions._Store, "_keys_of", lambda self, report: set())
    lines = _sample_lines()
    line = lines[1].split("\t")
    line[4] = "Community policing (new)"
    both = _write(tmp_path / "both.tsv", [HEADER, "\t".join(line), *lines[1:]])
    with pytest.raises(Conflict, match="Run it again"):
        import_training_records([both], by=secretariat)
    assert TrainingRecord.objects.count() == SAMPLE_ROWS
    assert not TrainingRecord.objects.filter(course_title="Community policing (new)").exists()
    assert RecordImport.objects.count() == 1


def test_progress_is_reported_while_reading_rows_already_imported(
    secretariat: User, imported: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutela.records import actions

    monkeypatch.setattr(actions, "BATCH_SIZE", 40)
    seen: list[int] = []
    import_training_records([SAMPLE], by=secretariat, progress=lambda f, done: seen.append(done))
    assert seen == [40, 80, 120, SAMPLE_ROWS]
