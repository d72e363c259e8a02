from pathlib import Path

from tutela.lib.watchlists import ReadReport, read_credible_csv
from tutela.matching.entities import Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

CREDIBLE = FIXTURES / "credible" / "credible_list.csv"
HEADER = "id,kind,name,aliases,unit,country,incident_summary,sources,confidence\n"


def test_counts_and_known_entries() -> None:
    report = ReadReport()
    entities = by_id(list(read_credible_csv(CREDIBLE, report)))
    assert report.kinds == {"person": 3, "organization": 2}
    person = entities["credible-csv:CR-001"]
    assert person.kind is Kind.PERSON
    assert [(n.text, n.quality) for n in person.names] == [
        ("Tavrin Oskel Mabaro", NameQuality.PRIMARY),
        ("T. O. Mabaro", NameQuality.STRONG),
        ("Tavrin Mabbaro", NameQuality.STRONG),
    ]
    assert person.extra == {"confidence": "high", "unit": "Example Rapid Response Battalion"}
    assert person.countries == ("KE",)
    assert person.sources == ("https://example.org/report-1", "Example NGO report 2021 p. 14")
    assert person.remarks.startswith("Invented example")
    assert entities["credible-csv:CR-002"].names[0].text == "Дарья Петровна Фиктивная"
    assert entities["credible-csv:CR-002"].countries == ("UA",)  # a country name
    assert entities["credible-csv:CR-004"].names[0].text == "ተስፋዬ ገብረ ምሳሌ"
    assert entities["credible-csv:CR-003"].kind is Kind.ORGANIZATION


def test_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER + "A1,person,Ok Name,,,KE,,,high\n"
        "A2,unit,Bad Kind,,,KE,,,high\n"
        "A3,person,,,,Atlantis,,,certain\n"
        "A4,person,Short\n"
        "A1,person,Again,,,KE,,,low\n"
    )
    problems = problems_of(lambda: read_credible_csv(path))
    assert [(p.line, p.reason) for p in problems] == [
        (3, "kind 'unit' is not person or organization"),
        (4, "no name; unknown country 'Atlantis'; confidence 'certain' is not low, medium or high"),
        (5, "3 fields, expected 9"),
        (6, "id credible-csv:A1 repeated (line 2)"),
    ]


def test_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,name\n1,x\n")
    [problem] = problems_of(lambda: read_credible_csv(path))
    assert (problem.line, problem.reason) == (1, "header must be " + HEADER.strip())
