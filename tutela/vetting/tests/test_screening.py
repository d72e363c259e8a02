"""Screening against the lists in the database: the cached index, queries for officers and units,
and the `tutela screen` command."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tutela.matching.entities import Kind
from tutela.matching.screener import ALERT_THRESHOLD
from tutela.nominations.models import Gender
from tutela.testing import country, make_officer, make_unit
from tutela.vetting import screening
from tutela.vetting.actions import import_watchlist
from tutela.vetting.screening import current_lists, current_screener, officer_query, unit_query

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
OFAC = [FIXTURES / "ofac" / name for name in ("sdn.csv", "alt.csv", "add.csv")]
UN = [FIXTURES / "un" / "un_consolidated_sample.xml"]
CREDIBLE = [FIXTURES / "credible" / "credible_list.csv"]
HEADER = "id,name,kind,birth_date,nationality\n"


@pytest.fixture
def lists(analyst):
    """OFAC, the UN sample and the invented credible-allegations list, as current versions."""
    return [
        import_watchlist(format=fmt, paths=paths, by=analyst)
        for fmt, paths in [("ofac-sdn", OFAC), ("un-xml", UN), ("credible-csv", CREDIBLE)]
    ]


def run_screen(tmp_path: Path, text: str, *args: str) -> tuple[list[dict[str, str]], str]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("screen", str(source), "--out", str(target), *args, stdout=out)
    with target.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file)), out.getvalue()


# --- The index ----------------------------------------------------------------------------------


def test_the_index_holds_every_current_entry_and_is_built_once_per_set_of_versions(
    lists, analyst, tmp_path, monkeypatch
):
    built = []
    build = screening._build

    def counting_build(versions):
        built.append(versions)
        return build(versions)

    monkeypatch.setattr(screening, "_build", counting_build)

    first = current_lists()
    assert current_lists() is first and current_screener() is first.screener
    assert len(built) == 1
    assert len(first.refs) == sum(v.entity_count for v in lists)
    assert {r.list_name for r in first.refs.values()} == {v.watchlist.name for v in lists}

    # A new version of one list (a copy of the credible list with one more person) rebuilds it.
    changed = tmp_path / "credible_list.csv"
    changed.write_text(
        CREDIBLE[0].read_text(encoding="utf-8")
        + "CR-999,person,Kesto Varumbe Lindqvar,,,KE,Invented.,https://example.org,low\n",
        encoding="utf-8",
    )
    import_watchlist(format="credible-csv", paths=[changed], by=analyst)
    second = current_lists()
    assert second is not first and len(built) == 2
    assert len(second.refs) == len(first.refs) + 1
    [(match, ref)] = second.screen(
        officer_query(make_officer(full_name="Kesto Lindqvar Varumbe", name_latin="")), top=1
    )
    assert match.entity_id == ref.entity_id == "credible-csv:CR-999"


def test_the_same_identifier_in_two_lists_is_kept_in_both(lists, analyst):
    import_watchlist(format="credible-csv", paths=CREDIBLE, by=analyst, name="Second list")
    found = current_lists().screen(
        officer_query(make_officer(full_name="Tavrin Oskel Mabaro", name_latin="")), top=2
    )
    assert [m.entity_id for m, _ref in found] == ["credible-csv:CR-001"] * 2
    assert {ref.list_name for _m, ref in found} == {"Credible allegations list", "Second list"}


def test_a_listed_officer_is_found_first_and_a_clean_one_is_not(lists):
    listed = make_officer(
        full_name="Дарья Петровна Фиктивная",
        name_latin="Darya Petrovna Fiktivnaya",
        gender=Gender.FEMALE,
    )
    clean = make_officer(full_name="Wairimu Njeri Kamau", name_latin="Wairimu Njeri Kamau")

    [(best, ref), *_] = current_lists().screen(officer_query(listed))
    assert best.entity_id == "credible-csv:CR-002" and best.score >= ALERT_THRESHOLD
    assert ref.list_name == "Credible allegations list"
    assert current_lists().screen(officer_query(clean), min_score=ALERT_THRESHOLD) == []


def test_officer_query_carries_both_names_birth_date_nationality_and_gender():
    officer = make_officer(
        full_name="Дарья Фиктивная",
        name_latin="Darya Fiktivnaya",
        birth_date=dt.date(1980, 2, 29),
        gender=Gender.OTHER,
        nationality=country("UA"),
    )
    query = officer_query(officer)
    assert query.kind == Kind.PERSON
    assert [n.text for n in query.names] == ["Дарья Фиктивная", "Darya Fiktivnaya"]
    assert query.birth_dates[0].date == dt.date(1980, 2, 29)
    assert query.nationalities == ("UA",) and query.gender == ""
    same = make_officer(full_name="Amina Otieno", name_latin="Amina Otieno", gender=Gender.MALE)
    assert [n.text for n in officer_query(same).names] == ["Amina Otieno"]
    assert officer_query(same).gender == "M"


def test_unit_query_is_an_organisation_in_its_partner_country(lists):
    parent = make_unit(name="Example Regional Command")
    unit = make_unit(parent.agency, name="Example Rapid Response Battalion", parent=parent)
    query = unit_query(unit)
    assert query.kind == Kind.ORGANIZATION and query.countries == ("KE",)
    assert query.extra == {"agency": unit.agency.name, "parent": "Example Regional Command"}
    [(best, _ref), *_] = current_lists().screen(query)
    assert best.entity_id == "credible-csv:CR-003"


# --- The command --------------------------------------------------------------------------------


def test_screen_writes_the_best_candidates_of_each_name(lists, tmp_path):
    rows, printed = run_screen(
        tmp_path,
        HEADER
        + "q1,ABBAS Abu,person,1948-12-10,\n"
        + "q2,Wairimu Njeri Kamau,person,1990-01-01,KE\n"
        + "q3,Example Rapid Response Battalion,organization,,KEN\n",
    )
    assert list(rows[0]) == [
        "id", "rank", "entity_id", "list", "score", "matched_name", "explanation"
    ]  # fmt: skip
    first = rows[0]
    assert (first["id"], first["rank"], first["list"]) == ("q1", "1", "OFAC SDN")
    assert first["entity_id"] == "ofac-sdn:2674" and first["matched_name"] == "Abu ABBAS"
    assert float(first["score"]) >= ALERT_THRESHOLD
    assert "birth_date" in first["explanation"] and "\n" not in first["explanation"]
    assert not [r for r in rows if r["id"] == "q2"]  # a clean invented name: no candidates
    [battalion, *_] = [r for r in rows if r["id"] == "q3"]
    assert battalion["entity_id"] == "credible-csv:CR-003" and battalion["rank"] == "1"
    assert all(float(r["score"]) >= ALERT_THRESHOLD for r in rows)
    assert "Screened 3 names" in printed


def test_top_and_min_score_choose_how_many_candidates_are_written(lists, tmp_path):
    rows, _ = run_screen(
        tmp_path, HEADER + "q1,ABBAS Abu,person,,\n", "--top", "3", "--min-score", "0"
    )
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_a_progress_line_every_thousand_names(lists, tmp_path):
    names = "".join(f"q{i},Person Number {i},person,,\n" for i in range(2001))
    _rows, printed = run_screen(tmp_path, HEADER + names)
    assert "screened 1,000 of 2,001" in printed and "screened 2,000 of 2,001" in printed


def test_bad_rows_are_reported_by_number_and_nothing_is_written(lists, tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        HEADER
        + "q1,ABBAS Abu,person,,\n"
        + "q2,Somebody,vessel,,\n"
        + "q3,Somebody Else,person,10/12/1948,\n"
        + ",No Identifier,person,,\n"
        + "q5,,person,,\n"
        + "q6,Someone,person,,ZZ\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="5 bad row"):
        call_command("screen", str(source), "--out", str(target), stderr=err, stdout=io.StringIO())
    reported = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in reported] == [
        "row 3", "row 4", "row 5", "row 6", "row 7"
    ]  # fmt: skip
    assert "'vessel'" in reported[0] and "10/12/1948" in reported[1]
    assert "id is empty" in reported[2] and "name is empty" in reported[3]
    assert "'ZZ'" in reported[4]
    assert not target.exists()


def test_a_file_without_the_columns_or_without_lists_is_refused(analyst, tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("name,kind\nABBAS Abu,person\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("screen", str(source), "--out", str(target))
    source.write_text(HEADER + "q1,ABBAS Abu,person,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No watchlist"):
        call_command("screen", str(source), "--out", str(target), stdout=io.StringIO())
    assert not target.exists()
