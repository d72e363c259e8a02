from pathlib import Path

from tutela.lib.watchlists import ReadReport, read, read_ofac_sdn
from tutela.matching.entities import BirthDate, Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

OFAC = [FIXTURES / "ofac" / n for n in ("sdn.csv", "alt.csv", "add.csv")]


def test_counts_and_kinds() -> None:
    report = ReadReport()
    entities = list(read("ofac-sdn", OFAC, report))
    assert len(entities) == 14
    assert report.entities == 14
    assert report.kinds == {"person": 9, "organization": 2, "vessel": 2, "aircraft": 1}
    assert report.skipped == 3  # the Ctrl-Z end-of-file mark of each file
    assert report.files == ["sdn.csv", "alt.csv", "add.csv"]


def test_individual_flipped_with_aliases_dob_nationality_gender() -> None:
    zubaydah = by_id(list(read_ofac_sdn(OFAC)))["ofac-sdn:6905"]
    assert zubaydah.kind is Kind.PERSON
    primary = zubaydah.names[0]
    assert primary.text == "Zayn al-Abidin Muhammad HUSAYN"
    assert (primary.given, primary.family) == ("Zayn al-Abidin Muhammad", "HUSAYN")
    strong = [n.text for n in zubaydah.names if n.quality is NameQuality.STRONG]
    weak = [n.text for n in zubaydah.names if n.quality is NameQuality.WEAK]
    assert "Zain Al-Abidin Muhammad HUSAIN" in strong
    assert weak == ["ABU ZUBAIDA", "ABU ZUBAYDAH"]
    assert zubaydah.birth_dates == (BirthDate(1971, 3, 12),)
    assert zubaydah.nationalities == ("PS",)  # "nationality Palestinian"
    assert zubaydah.gender == "M"
    assert zubaydah.programs == ("SDGT",)


def test_entity_vessel_aircraft_and_addresses() -> None:
    entities = by_id(list(read_ofac_sdn(OFAC)))
    bank = entities["ofac-sdn:306"]
    assert bank.kind is Kind.ORGANIZATION
    assert [n.text for n in bank.names] == [
        "BANCO NACIONAL DE CUBA",
        "NATIONAL BANK OF CUBA",
        "BNC",
    ]
    assert {"CH", "ES", "PA"} <= set(bank.countries)
    ebano = entities["ofac-sdn:4243"]
    assert ebano.kind is Kind.VESSEL
    assert [n.text for n in ebano.names] == ["EBANO", "ANA I", "SAND SWAN"]  # f.k.a. in remarks
    assert "PA" in ebano.countries  # flag
    assert sum(e.kind is Kind.AIRCRAFT for e in entities.values()) == 1


def test_circa_and_alternative_dates() -> None:
    entities = by_id(list(read_ofac_sdn(OFAC)))
    assert entities["ofac-sdn:7782"].birth_dates == (BirthDate(1951),)  # "DOB circa 1951"
    assert entities["ofac-sdn:2679"].birth_dates == (BirthDate(1938), BirthDate(1936))


def test_sdn_alone_works_and_file_order_does_not_matter() -> None:
    alone = by_id(list(read_ofac_sdn(FIXTURES / "ofac" / "sdn.csv")))
    assert [n.text for n in alone["ofac-sdn:306"].names] == ["BANCO NACIONAL DE CUBA", "BNC"]
    shuffled = list(read_ofac_sdn(list(reversed(OFAC))))
    assert by_id(shuffled) == by_id(list(read_ofac_sdn(OFAC)))


def test_every_bad_row_is_reported_with_its_line(tmp_path: Path) -> None:
    good = (FIXTURES / "ofac" / "sdn.csv").read_bytes().split(b"\r\n")
    bad_rows = [
        b'X1,"NOBODY","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        b'99999991,-0- ,"individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        b'99999992,"SHORT ROW","individual"',
        b'99999993,"ODD TYPE","spaceship","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        good[0],  # the first entry again
    ]
    lines = [*good[:3], *bad_rows, *good[3:]]
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\r\n".join(lines))
    problems = problems_of(lambda: read_ofac_sdn(path))
    assert [(p.file, p.line) for p in problems] == [("sdn.csv", n) for n in range(4, 9)]
    reasons = [p.reason for p in problems]
    assert "not a number" in reasons[0]
    assert "has no name" in reasons[1]
    assert "3 columns, expected 12" in reasons[2]
    assert "unknown type 'spaceship'" in reasons[3]
    assert "repeated (first on line 1)" in reasons[4]


def test_bad_alias_rows_and_unjoined_rows(tmp_path: Path) -> None:
    alt = tmp_path / "alt.csv"
    alt.write_text(
        '306,1,"aka","OK NAME",-0- \n306,2,"xyz","BAD TYPE",-0- \n777,3,"aka","ELSE",-0- \n'
    )
    problems = problems_of(lambda: read_ofac_sdn([FIXTURES / "ofac" / "sdn.csv", alt]))
    assert [(p.file, p.line) for p in problems] == [("alt.csv", 2)]
    alt.write_text('306,1,"aka","OK NAME",-0- \n777,3,"aka","ELSE",-0- \n')
    report = ReadReport()
    list(read_ofac_sdn([FIXTURES / "ofac" / "sdn.csv", alt], report))
    assert report.extra["unjoined_aliases"] == 1


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "sdn.csv"
    empty.write_text("\n")
    assert "empty" in problems_of(lambda: read_ofac_sdn(empty))[0].reason
    missing = tmp_path / "nope.csv"
    assert "cannot read" in problems_of(lambda: read_ofac_sdn(missing))[0].reason
    alt_only = [FIXTURES / "ofac" / "alt.csv"]
    assert "no sdn.csv" in problems_of(lambda: read_ofac_sdn(alt_only))[0].reason


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(
        '1,"PEÑA, José","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'.encode(
            "cp1252"
        )
    )
    report = ReadReport()
    [entity] = list(read_ofac_sdn(path, report))
    assert entity.primary_name == "José PEÑA"
    assert "Windows-1252" in report.warnings[0].reason
