import gzip
from pathlib import Path

from tutela.lib.watchlists import ReadReport, read_us_csl
from tutela.matching.entities import BirthDate, Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

CSL = FIXTURES / "us_csl" / "consolidated.csv.gz"
HEADER = gzip.decompress(CSL.read_bytes()).decode().splitlines()[0]


def test_gzip_counts_and_merging() -> None:
    report = ReadReport()
    entities = by_id(list(read_us_csl(CSL, report)))
    assert report.rows == 20
    assert len(entities) == 18
    assert report.extra["rows_merged"] == 2
    arimero = entities["us-csl:34616"]
    assert arimero.programs[:2] == (
        "Capta List (CAP) - Treasury Department",
        "RUSSIA-EO14024",
    )
    assert "Specially Designated Nationals (SDN) - Treasury Department" in arimero.programs


def test_known_individual() -> None:
    abbas = by_id(list(read_us_csl(CSL)))["us-csl:24904"]
    assert abbas.kind is Kind.PERSON
    assert abbas.names[0].text == "Yasir 'ABBAS"
    assert abbas.names[0].family == "'ABBAS"
    assert [(n.text, n.quality) for n in abbas.names[1:]] == [
        ("Yasir 'Aziz 'ABBAS", NameQuality.STRONG)
    ]
    assert abbas.birth_dates == (BirthDate(1978, 8, 22),)
    assert abbas.nationalities == ("SY",)
    assert abbas.gender == "M"
    assert abbas.programs[0] == "Specially Designated Nationals (SDN) - Treasury Department"
    assert abbas.sources == ("http://bit.ly/1I7ipyR", "http://bit.ly/1MLgpye")


def test_semicolon_aliases_and_empty_type() -> None:
    entities = list(read_us_csl(CSL))
    assert any(len(e.names) > 3 for e in entities)
    ash = by_id(entities)["us-csl:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7"]
    assert ash.kind is Kind.ORGANIZATION  # the Denied Persons List leaves the type empty
    assert ash.primary_name == "I. ASH"


def test_plain_csv_gives_the_same(tmp_path: Path) -> None:
    plain = tmp_path / "csl.csv"
    plain.write_bytes(gzip.decompress(CSL.read_bytes()))
    assert list(read_us_csl(plain)) == list(read_us_csl(CSL))


def test_bad_rows(tmp_path: Path) -> None:
    blank = "," * (HEADER.count(","))
    good = '1,SDN,1,Individual,SDGT,"DOE, Jan"' + blank[5:]
    rows = [
        HEADER,
        good,
        ",SDN,1,Individual,SDGT,Nobody" + blank[5:],
        "2,SDN,2,Individual,SDGT," + blank[5:],
        "3,SDN,3,Robot,SDGT,R2" + blank[5:],
        "4,SDN,4,Individual,SDGT,X" + blank[5:-1],
        "5,SDN,5,Individual,SDGT,Y" + blank[5:] + ",extra",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n")
    problems = problems_of(lambda: read_us_csl(path))
    assert [(p.line, p.reason) for p in problems] == [
        (3, "no _id"),
        (4, "2: no name"),
        (5, "3: unknown type 'Robot'"),
        (6, "fewer fields than the header"),
        (7, "30 fields, more than the header"),
    ]


def test_bad_date_and_missing_columns(tmp_path: Path) -> None:
    columns = HEADER.split(",")
    values = dict.fromkeys(columns, "")
    values.update(_id="9", source="SDN", type="Individual", name="X", dates_of_birth="1970; soon")
    path = tmp_path / "date.csv"
    path.write_text(HEADER + "\n" + ",".join(values[c] for c in columns) + "\n")
    [problem] = problems_of(lambda: read_us_csl(path))
    assert (problem.line, problem.reason) == (2, "9: bad date of birth (not a date: 'soon')")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,name\n1,x\n")
    assert "missing columns" in problems_of(lambda: read_us_csl(wrong))[0].reason
    empty = tmp_path / "empty.csv.gz"
    empty.write_bytes(gzip.compress(b""))
    assert "empty" in problems_of(lambda: read_us_csl(empty))[0].reason
    truncated = tmp_path / "cut.csv.gz"
    truncated.write_bytes(CSL.read_bytes()[:200])
    assert "cannot read" in problems_of(lambda: read_us_csl(truncated))[0].reason
