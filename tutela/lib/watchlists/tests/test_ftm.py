from pathlib import Path

from tutela.lib.watchlists import ReadReport, read_ftm_json
from tutela.matching.entities import BirthDate, Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

FTM = FIXTURES / "ftm" / "entities.ftm.json"


def test_counts_and_skipped_schemas() -> None:
    report = ReadReport()
    entities = by_id(list(read_ftm_json(FTM, report)))
    assert len(entities) == 7
    assert report.kinds == {"person": 3, "organization": 3, "vessel": 1}
    assert report.skipped == 2  # one blank line, one Sanction
    assert report.extra["skipped_Sanction"] == 1


def test_known_person() -> None:
    shekau = by_id(list(read_ftm_json(FTM)))["ftm-json:un-sc-qdi-322"]
    assert shekau.kind is Kind.PERSON
    assert [n.text for n in shekau.names[:2]] == ["ABUBAKAR MOHAMMED SHEKAU", "أبو بكر محمد الشكوى"]
    assert [n.text for n in shekau.names if n.quality is NameQuality.WEAK] == [
        "Shekau",
        "Shehu",
        "Shayku",
    ]
    assert shekau.birth_dates == (BirthDate(1969),)
    assert shekau.nationalities == ("NG",)
    assert shekau.gender == "M"
    assert shekau.sources
    assert shekau.programs == ("un_sc_sanctions",)


def test_vessel_previous_names_and_company() -> None:
    entities = by_id(list(read_ftm_json(FTM)))
    vessel = entities["ftm-json:ofac-4243"]
    assert vessel.kind is Kind.VESSEL
    assert [n.text for n in vessel.names] == ["EBANO", "ANA I", "SAND SWAN"]
    assert vessel.countries == ("PA",)
    assert entities["ftm-json:ofac-306"].kind is Kind.ORGANIZATION
    assert entities["ftm-json:ofac-306"].countries == ("CU",)


def test_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n'
        "{not json\n"
        '["a list"]\n'
        '{"schema": "Person", "properties": {"name": ["B"]}}\n'
        '{"id": "c", "schema": "Person", "properties": {}}\n'
        '{"id": "d", "schema": "Person",'
        ' "properties": {"name": ["D"], "birthDate": ["1970-02-30"]}}\n'
        '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n'
    )
    problems = problems_of(lambda: read_ftm_json(path))
    assert [p.line for p in problems] == [2, 3, 4, 5, 6, 7]
    assert problems[0].reason.startswith("not JSON")
    assert problems[-1].reason == "ftm-json:a repeated"


def test_unknown_country_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A"], "nationality": ["zz"]}}\n'
    )
    report = ReadReport()
    [entity] = list(read_ftm_json(path, report))
    assert entity.nationalities == ()
    assert entity.extra["unresolved_countries"] == "zz"
    assert "unknown country 'zz'" in report.warnings[0].reason
