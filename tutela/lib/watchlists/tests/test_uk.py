import csv
import gzip
import io
import zipfile
from pathlib import Path

import openpyxl

from tutela.lib.watchlists import ReadReport, read_uk_ods
from tutela.matching.entities import BirthDate, Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

ODS = FIXTURES / "uk" / "uk_sanctions_list.ods"
CSV = FIXTURES / "uk" / "uk_sanctions_list.csv"


def test_ods_counts_and_known_entry() -> None:
    report = ReadReport()
    entities = by_id(list(read_uk_ods(ODS, report)))
    assert report.rows == 22
    assert len(entities) == 21
    assert report.kinds == {"person": 17, "organization": 2, "vessel": 2}
    kiselyov = entities["uk-ods:RUS0001"]
    assert kiselyov.kind is Kind.PERSON
    assert kiselyov.primary_name == "Kiselyov Dmitry Konstantinovich"
    assert kiselyov.programs == ("Russia",)
    assert kiselyov.extra["designated"] == "31-12-2020"
    assert entities["uk-ods:DPR0076"].kind is Kind.VESSEL


def test_the_row_without_a_name_is_a_counted_warning() -> None:
    report = ReadReport()
    entities = by_id(list(read_uk_ods(ODS, report)))
    assert "uk-ods:BEL0174" not in entities
    assert report.extra["rows_without_name"] == 1
    [warning] = report.warnings
    assert (warning.file, warning.line, warning.reason) == (
        "uk_sanctions_list.ods",
        3,
        "BEL0174: no name; row skipped",
    )


def test_csv_and_xlsx_forms_give_the_same_entities(tmp_path: Path) -> None:
    from_ods = list(read_uk_ods(ODS))
    assert list(read_uk_ods(CSV)) == from_ods
    book = openpyxl.Workbook()
    sheet = book.active
    with CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    xlsx = tmp_path / "uk.xlsx"
    book.save(xlsx)
    assert list(read_uk_ods(xlsx)) == from_ods


def test_full_layout_groups_names_by_unique_id(tmp_path: Path) -> None:
    # Invented people, in the columns of the full UK list.
    path = tmp_path / "full.csv"
    path.write_text(
        "Report Date: 01-01-2025\n"
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name type,Alias strength,"
        "Name non-latin script,D.O.B,Nationality(/ies),Regime,Unique ID,Type\n"
        "IVANOVA,Examplia,Petrovna,,,,Primary Name,,Экзамплия Петровна ИВАНОВА,"
        "dd/mm/1970,Russia,Russia,XMP0001,Individual\n"
        "IVANOVA,Ekzamplia,,,,,Alias,Good quality,,,,Russia,XMP0001,Individual\n"
        "EXA,,,,,,Alias,Low quality,,,,Russia,XMP0001,Individual\n",
        encoding="utf-8",
    )
    report = ReadReport()
    [entity] = list(read_uk_ods(path, report))
    assert report.skipped == 1  # the report-date line above the header
    assert entity.entity_id == "uk-ods:XMP0001"
    assert [(n.text, n.quality) for n in entity.names] == [
        ("Examplia Petrovna IVANOVA", NameQuality.PRIMARY),
        ("Экзамплия Петровна ИВАНОВА", NameQuality.PRIMARY),
        ("Ekzamplia IVANOVA", NameQuality.STRONG),
        ("EXA", NameQuality.WEAK),
    ]
    assert entity.names[0].family == "IVANOVA"
    assert entity.birth_dates == (BirthDate(1970),)
    assert entity.nationalities == ("RU",)


def test_bad_rows_are_reported_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Unique ID,Name,Regime Name,Type\n"
        "X1,Someone,Russia,Individual\n"
        ",No Id,Russia,Individual\n"
        "X2,Something,Russia,Spaceship\n"
        "X1,Someone Else,Russia,Entity\n",
        encoding="utf-8",
    )
    problems = problems_of(lambda: read_uk_ods(path))
    assert [(p.line, p.reason) for p in problems] == [
        (3, "no Unique ID"),
        (4, "X2: unknown type 'spaceship'"),
        (5, "X1: type organization differs from row 2"),
    ]


def test_ods_repeated_cells_are_expanded(tmp_path: Path) -> None:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    def cell(value: str, repeat: int = 1) -> str:
        attr = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
        return f"<table:table-cell{attr}><text:p>{value}</text:p></table:table-cell>"

    rows = [
        cell("Unique ID") + cell("Name") + cell("Regime Name") + cell("Type"),
        # "Russia" twice through one repeated cell; the name keeps its text:s spaces.
        cell("X1") + "<table:table-cell><text:p>Two<text:s text:c='2'/>Spaces</text:p>"
        "</table:table-cell>" + cell("Russia", 1) + cell("Individual") + "<table:table-cell "
        'table:number-columns-repeated="16380"/>',
    ]
    content = (
        f'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        f' xmlns:table="{table}" xmlns:text="{text}"><office:body><office:spreadsheet>'
        '<table:table table:name="S">'
        + "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
        + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    path = tmp_path / "small.ods"
    path.write_bytes(buffer.getvalue())
    [entity] = list(read_uk_ods(path))
    assert entity.primary_name == "Two Spaces"  # white space collapsed
    assert entity.programs == ("Russia",)


def test_unreadable_spreadsheets(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ods"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert "cannot read the spreadsheet" in problems_of(lambda: read_uk_ods(broken))[0].reason
    headless = tmp_path / "headless.csv"
    headless.write_text("a,b\n1,2\n")
    assert "no header row" in problems_of(lambda: read_uk_ods(headless))[0].reason
    zipped = tmp_path / "uk.csv.gz"
    zipped.write_bytes(gzip.compress(CSV.read_bytes()))
    assert len(list(read_uk_ods(zipped))) == 21
