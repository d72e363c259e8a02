"""Importing watchlists: versions, entries, idempotency, diffs, bad files; action and command."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tutela.accounts.models import Role
from tutela.audit.models import Event
from tutela.lib.errors import NotAllowed
from tutela.lib.watchlists import ReadReport, diff, entity_hash, read
from tutela.testing import make_user
from tutela.vetting.actions import WatchlistRejected, import_watchlist
from tutela.vetting.models import Change, ListedEntry, ListVersion, Watchlist

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
OFAC = [FIXTURES / "ofac" / name for name in ("sdn.csv", "alt.csv", "add.csv")]
UN = [FIXTURES / "un" / "un_consolidated_sample.xml"]
CREDIBLE = [FIXTURES / "credible" / "credible_list.csv"]


def imported_events():
    return Event.objects.filter(verb="watchlist.imported")


def modified_ofac(tmp_path: Path) -> list[Path]:
    """The fixture with entry 36 removed, 306 renamed and a new entry 99999990."""
    rows = OFAC[0].read_bytes().split(b"\r\n")
    assert rows[0].startswith(b"36,") and rows[1].startswith(b"306,")
    rows = [
        rows[1].replace(b'"BANCO NACIONAL DE CUBA"', b'"BANCO NACIONAL DE CUBA S.A."'),
        *rows[2:-1],
        b'99999990,"NEW ENTITY LTD",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        rows[-1],
    ]
    folder = tmp_path / "ofac-next"
    folder.mkdir()
    (folder / "sdn.csv").write_bytes(b"\r\n".join(rows))
    for path in OFAC[1:]:
        (folder / path.name).write_bytes(path.read_bytes())
    return [folder / "sdn.csv", folder / "alt.csv", folder / "add.csv"]


def test_analyst_imports_ofac_as_a_version_with_every_entry(analyst):
    report = ReadReport()
    expected = list(read("ofac-sdn", OFAC, report))
    seen: list[tuple[int, int]] = []

    version = import_watchlist(
        format="ofac-sdn",
        paths=OFAC,
        by=analyst,
        source_date=dt.date(2024, 5, 3),
        progress=lambda done, total: seen.append((done, total)),
    )

    assert not version.already_imported
    assert version.watchlist.name == "OFAC SDN" and version.watchlist.format == "ofac-sdn"
    assert version.is_current and version.previous is None
    assert version.source_date == dt.date(2024, 5, 3)
    assert version.files == ["sdn.csv", "alt.csv", "add.csv"]
    assert version.entity_count == len(expected) == 14
    assert version.counts == report.summary()
    assert (version.added_count, version.removed_count, version.changed_count) == (14, 0, 0)
    assert version.added_ids == sorted(e.entity_id for e in expected)
    assert seen[-1] == (14, 14)
    stored = {e.entity_id: e for e in version.entries.all()}
    assert set(stored) == {e.entity_id for e in expected}
    for entity in expected:
        entry = stored[entity.entity_id]
        assert entry.to_entity() == entity  # the stored entry gives the reader's entity back
        assert entry.content_hash == entity_hash(entity)
        assert entry.primary_name == entity.primary_name
        assert entry.change == Change.ADDED
    event = imported_events().get()
    assert event.actor_id == analyst.pk
    assert event.object_id == str(version.pk)
    assert event.data["checksum"] == version.checksum
    assert event.data["entities"] == 14 and event.data["added"] == 14
    assert "BANCO NACIONAL DE CUBA" not in str(event.data)  # counts, never the entries


def test_other_formats_round_trip_too(analyst):
    for fmt, paths in [("un-xml", UN), ("credible-csv", CREDIBLE)]:
        expected = list(read(fmt, paths))
        version = import_watchlist(format=fmt, paths=paths, by=analyst)
        entities = sorted((e.to_entity() for e in version.entries.all()), key=lambda e: e.entity_id)
        assert entities == sorted(expected, key=lambda e: e.entity_id)
    assert Watchlist.objects.count() == 2


def test_importing_the_same_files_again_changes_nothing(analyst):
    first = import_watchlist(format="ofac-sdn", paths=OFAC, by=analyst)

    again = import_watchlist(format="ofac-sdn", paths=list(reversed(OFAC)), by=analyst)

    assert again.already_imported
    assert again.pk == first.pk
    assert ListVersion.objects.count() == 1
    assert ListedEntry.objects.count() == 14
    assert imported_events().count() == 1


def test_a_new_version_is_diffed_against_the_previous_one(analyst, tmp_path):
    first = import_watchlist(format="ofac-sdn", paths=OFAC, by=analyst)
    changed_files = modified_ofac(tmp_path)

    second = import_watchlist(format="ofac-sdn", paths=changed_files, by=analyst)

    expected = diff(read("ofac-sdn", OFAC), read("ofac-sdn", changed_files))
    assert second.added_ids == list(expected.added) == ["ofac-sdn:99999990"]
    assert second.removed_ids == list(expected.removed) == ["ofac-sdn:36"]
    assert second.changed_ids == list(expected.changed) == ["ofac-sdn:306"]
    assert (second.added_count, second.removed_count, second.changed_count) == (1, 1, 1)
    assert second.previous == first and second.watchlist == first.watchlist
    first.refresh_from_db()
    assert second.is_current and not first.is_current
    changes = dict(second.entries.exclude(change="").values_list("entity_id", "change"))
    assert changes == {"ofac-sdn:99999990": "added", "ofac-sdn:306": "changed"}
    assert first.entries.count() == 14 and second.entries.count() == 14  # both kept in full
    assert imported_events().count() == 2
    assert imported_events().last().data["previous_version"] == first.pk


def test_malformed_file_writes_nothing_and_lists_every_problem(analyst, tmp_path):
    rows = OFAC[0].read_bytes().split(b"\r\n")
    bad = [
        *rows[:2],
        b'X1,"NOBODY","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        b'99999992,"SHORT ROW","individual"',
        *rows[2:],
    ]
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\r\n".join(bad))

    with pytest.raises(WatchlistRejected) as caught:
        import_watchlist(format="ofac-sdn", paths=[path], by=analyst)

    problems = caught.value.problems
    assert [(p.file, p.line) for p in problems] == [("sdn.csv", 3), ("sdn.csv", 4)]
    assert caught.value.field == "files"
    assert not Watchlist.objects.exists()
    assert not ListVersion.objects.exists() and not ListedEntry.objects.exists()
    assert not imported_events().exists()


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.OVERSIGHT, Role.REVIEWER])
def test_only_analysts_import(role):
    with pytest.raises(NotAllowed):
        import_watchlist(format="ofac-sdn", paths=OFAC, by=make_user(role))
    assert not ListVersion.objects.exists()


# --- The command ----------------------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_watchlist", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_as_the_first_analyst_and_reports_a_repeat(analyst, tmp_path):
    make_user(Role.ANALYST, username="later-analyst")

    out, _err = run("--format", "ofac-sdn", *map(str, OFAC), "--date", "2024-05-03")

    version = ListVersion.objects.get()
    assert version.imported_by == analyst
    assert version.source_date == dt.date(2024, 5, 3)
    assert "imported version" in out
    assert "14 entries" in out
    assert "14 added, 0 removed, 0 changed" in out
    assert "stored 14 of 14 entries" in out

    out, _err = run("--format", "ofac-sdn", *map(str, OFAC))
    assert "already imported" in out
    assert ListVersion.objects.count() == 1 and imported_events().count() == 1

    out, _err = run(
        "--format", "ofac-sdn", *map(str, modified_ofac(tmp_path)), "--as", "later-analyst"
    )
    assert "1 added, 1 removed, 1 changed" in out
    assert ListVersion.objects.latest("pk").imported_by.username == "later-analyst"


def test_command_prints_a_progress_line_per_5000_entries(analyst, monkeypatch):
    from tutela.vetting import actions

    monkeypatch.setattr(actions, "ENTRY_BATCH", 1)
    monkeypatch.setattr("tutela.vetting.management.commands.import_watchlist.PROGRESS_EVERY", 5)
    out, _err = run("--format", "ofac-sdn", *map(str, OFAC))
    assert [line.strip() for line in out.splitlines() if "stored" in line] == [
        "stored 5 of 14 entries",
        "stored 10 of 14 entries",
        "stored 14 of 14 entries",
    ]


def test_command_prints_every_problem_and_fails(analyst, tmp_path):
    path = tmp_path / "credible.csv"
    lines = CREDIBLE[0].read_text(encoding="utf-8").splitlines()
    lines[2] = "CR-002,dragon," + lines[2].split(",", 2)[2]
    lines.append("CR-099,person,,,,KE,,,high")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_watchlist", "--format", "credible-csv", str(path), stdout=out, stderr=err
        )

    printed = [line for line in err.getvalue().splitlines() if line.startswith("credible.csv:")]
    assert len(printed) >= 2
    assert printed[0].startswith("credible.csv:3:")
    assert not ListVersion.objects.exists() and not Watchlist.objects.exists()


def test_command_needs_an_analyst(secretariat):
    with pytest.raises(CommandError, match="No active vetting analyst"):
        run("--format", "ofac-sdn", *map(str, OFAC))
    with pytest.raises(CommandError, match="not a vetting analyst"):
        run("--format", "ofac-sdn", *map(str, OFAC), "--as", "secretariat")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--format", "ofac-sdn", *map(str, OFAC), "--date", "03/05/2024")
