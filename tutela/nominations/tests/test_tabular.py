import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tutela.lib.tabular import TableError, read_table, write_csv, write_xlsx

REQUIRED = ["full_name", "birth_date"]
NAMES = ["أمينة حسن", "王小明", "አበበ ቢቂላ", "Иван Петров", "สมชาย ใจดี"]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_csv_with_bom_and_commas_keeps_names_in_every_script():
    text = "full_name,birth_date\n" + "".join(
        f"{n},1980-01-0{i + 1}\n" for i, n in enumerate(NAMES)
    )
    rows = read_table(upload("r.csv", ("\ufeff" + text).encode()), required=REQUIRED)
    assert [r.get("full_name") for r in rows] == NAMES
    assert [r.number for r in rows] == [2, 3, 4, 5, 6]


def test_csv_with_semicolons_and_no_bom_is_sniffed():
    content = "full_name;birth_date;rank\nИван Петров;1980-01-02;Major\n".encode()
    rows = read_table(upload("r.csv", content), required=REQUIRED, optional=["rank"])
    assert rows[0].cells == {
        "full_name": "Иван Петров",
        "birth_date": "1980-01-02",
        "rank": "Major",
    }


def test_headers_are_matched_whatever_their_case_and_extra_columns_are_ignored():
    content = b" Full Name ,Birth-Date,Notes\nA,1980-01-02,x\n"
    rows = read_table(upload("r.csv", content), required=REQUIRED)
    assert rows[0].cells == {"full_name": "A", "birth_date": "1980-01-02"}


def test_blank_rows_are_skipped_but_still_counted_like_a_spreadsheet():
    content = b"full_name,birth_date\nA,1980-01-02\n\n,\nB,1981-01-02\n"
    rows = read_table(upload("r.csv", content), required=REQUIRED)
    assert [(r.number, r.get("full_name")) for r in rows] == [(2, "A"), (5, "B")]


def test_short_rows_get_empty_cells():
    rows = read_table(upload("r.csv", b"full_name,birth_date\nA\n"), required=REQUIRED)
    assert rows[0].get("birth_date") == ""


def test_xlsx_keeps_dates_numbers_and_row_numbers():
    content = xlsx(
        [["full_name", "birth_date"], [NAMES[1], dt.date(1980, 1, 2)], [], [NAMES[2], 29222]]
    )
    rows = read_table(upload("r.xlsx", content), required=REQUIRED)
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].get("full_name") == "王小明"
    assert rows[0].get("birth_date") == dt.datetime(1980, 1, 2)
    assert rows[1].get("birth_date") == 29222


def test_file_over_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 100
    content = b"full_name,birth_date\n" + b"A,1980-01-02\n" * 20
    with pytest.raises(TableError, match="larger than"):
        read_table(upload("r.csv", content), required=REQUIRED)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("r.pdf", b"%PDF-1.4 something", "Upload a .xlsx or .csv"),
        ("r.xls", b"\xd0\xcf\x11\xe0 old excel", ".xls"),
        ("r.xlsx", b"full_name,birth_date\nA,1980-01-02\n", "not a valid .xlsx"),
        ("r.xlsx", b"PK\x03\x04 not really a zip", "not a valid .xlsx"),
        ("r.csv", xlsx([["full_name", "birth_date"]]), "not a CSV"),
        ("r.csv", b"full_name,birth_date\n\x00\x01\x02", "not a CSV"),
        ("r.csv", "full_name,birth_date\nJosé,1980-01-02\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_files_that_are_not_csv_or_xlsx_are_refused(name, content, message):
    with pytest.raises(TableError, match=message):
        read_table(upload(name, content), required=REQUIRED)


def test_missing_required_columns_are_named():
    with pytest.raises(TableError) as refused:
        read_table(upload("r.csv", b"name,rank\nA,B\n"), required=REQUIRED)
    assert refused.value.message == "Missing required columns: full_name, birth_date."


def test_repeated_column_is_refused():
    with pytest.raises(TableError, match="more than once: full_name"):
        read_table(upload("r.csv", b"full_name,full_name,birth_date\nA,B,C\n"), required=REQUIRED)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("r.csv", b"", "The file is empty."),
        ("r.csv", b"\xef\xbb\xbf\n\n", "The file is empty."),
        ("r.csv", b"full_name,birth_date\n", "no data rows"),
        ("r.csv", b"full_name,birth_date\n,\n\n", "no data rows"),
        ("r.xlsx", xlsx([]), "The file is empty."),
        ("r.xlsx", xlsx([["full_name", "birth_date"]]), "no data rows"),
    ],
)
def test_empty_files_are_refused(name, content, message):
    with pytest.raises(TableError, match=message):
        read_table(upload(name, content), required=REQUIRED)


def test_too_many_rows_is_refused():
    content = b"full_name,birth_date\n" + b"A,1980-01-02\n" * 4
    with pytest.raises(TableError, match="more than 3 rows"):
        read_table(upload("r.csv", content), required=REQUIRED, max_rows=3)


def test_written_files_read_back_in_every_script():
    rows = [[n, dt.date(1980, 1, i + 1)] for i, n in enumerate(NAMES)]
    for name, content in (
        ("t.csv", write_csv(REQUIRED, rows)),
        ("t.xlsx", write_xlsx(REQUIRED, rows, notes=[("a", "b")])),
    ):
        read = read_table(upload(name, content), required=REQUIRED)
        assert [r.get("full_name") for r in read] == NAMES
    assert write_csv(REQUIRED, rows).startswith("\ufeff".encode())


def test_header_must_be_on_row_1():
    with pytest.raises(TableError, match="Row 1 must hold the column names"):
        read_table(upload("r.csv", b"\nfull_name,birth_date\nA,1980-01-02\n"), required=REQUIRED)
