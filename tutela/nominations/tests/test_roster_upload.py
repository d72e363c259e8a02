import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tutela.audit.models import Event
from tutela.lib.tabular import read_table
from tutela.nominations.actions import ROSTER_COLUMNS
from tutela.nominations.models import Nomination, Officer

pytestmark = pytest.mark.django_db
URL = reverse("nominations:roster_upload")
HEADER = "full_name,name_latin,birth_date,gender,nationality,rank,agency,unit,justification,email"
PEOPLE = [
    ("أمينة حسن", "Amina Hassan", "1986-04-12", "F"),
    ("王小明", "Wang Xiaoming", "1980-01-02", "M"),
    ("አበበ ቢቂላ", "Abebe Bikila", "1982-08-07", "M"),
    ("Иван Петров", "Ivan Petrov", "1979-02-03", "M"),
    ("สมชาย ใจดี", "Somchai Jaidee", "1990-11-30", "X"),
]


def csv_line(native, latin, born, gender, **changes):
    cells = {
        "full_name": native,
        "name_latin": latin,
        "birth_date": born,
        "gender": gender,
        "nationality": "KE",
        "rank": "Inspector",
        "agency": "Kenya Police Service",
        "unit": "Community Policing Unit",
        "justification": "Trains others",
        "email": "",
    }
    cells.update(changes)
    return ",".join(cells[c] for c in HEADER.split(","))


def csv_file(lines, name="roster.csv", bom=True):
    text = HEADER + "\n" + "\n".join(lines) + "\n"
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + text).encode("utf-8"))


def text(response):
    return html.unescape(response.content.decode())


def test_liaison_uploads_a_csv_roster_in_five_scripts(
    as_liaison_a, partner_a, kenya_unit, open_activity
):
    upload = csv_file([csv_line(*p) for p in PEOPLE])

    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('nominations:list')}?activity={open_activity.pk}"
    assert set(Officer.objects.values_list("full_name", flat=True)) == {p[0] for p in PEOPLE}
    assert Nomination.objects.filter(activity=open_activity, partner=partner_a).count() == 5
    assert Event.objects.filter(verb="roster.imported").count() == 1


def test_xlsx_roster_with_date_cells_is_imported(as_liaison_a, kenya_unit, open_activity):
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "王小明",
            "Wang Xiaoming",
            dt.date(1980, 1, 2),
            "M",
            "KEN",
            "Sergeant",
            "Kenya Police Service",
            "Community Policing Unit",
            "Cyber desk",
            None,
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("roster.xlsx", out.getvalue())

    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload})

    assert response.status_code == 302
    officer = Officer.objects.get()
    assert (officer.full_name, officer.birth_date) == ("王小明", dt.date(1980, 1, 2))


def test_errors_are_listed_in_a_table_and_nothing_is_imported(
    as_liaison_a, kenya_unit, open_activity
):
    lines = [
        csv_line(*PEOPLE[0]),
        csv_line(*PEOPLE[1], rank=""),
        csv_line("", "Nobody", "1980-01-01", "F"),
        csv_line(*PEOPLE[0]),
        csv_line(*PEOPLE[3], unit="Nowhere"),
    ]
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": csv_file(lines)})

    assert response.status_code == 400
    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert errors == [(3, "rank"), (4, "full_name"), (5, "full_name"), (6, "unit")]
    page = text(response)
    assert 'data-testid="roster-errors"' in page
    assert "4 errors — nothing was imported" in page
    assert "<td>5</td><td><code>full_name</code></td>" in page
    assert "The same officer (same name and birth date) is in row 2." in page
    assert not Officer.objects.exists()
    assert not Nomination.objects.exists()


def test_semicolon_csv_without_bom_is_accepted(as_liaison_a, kenya_unit, open_activity):
    line = csv_line(*PEOPLE[4]).replace(",", ";")
    content = (HEADER.replace(",", ";") + "\n" + line + "\n").encode()
    upload = SimpleUploadedFile("roster.csv", content)
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload})
    assert response.status_code == 302
    assert Officer.objects.get().full_name == "สมชาย ใจดี"


def test_oversized_file_is_refused(as_liaison_a, kenya_unit, open_activity, settings):
    settings.MAX_UPLOAD_BYTES = 200
    upload = csv_file([csv_line(*p) for p in PEOPLE])
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload})
    assert response.status_code == 400
    assert "larger than" in response.context["form"].errors["file"][0]
    assert not Officer.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("roster.pdf", b"%PDF-1.7 not a table"),
        ("roster.xlsx", b"just text pretending"),
        ("roster.docx", b"PK\x03\x04 a word file"),
    ],
)
def test_wrong_file_type_is_refused(as_liaison_a, kenya_unit, open_activity, name, content):
    upload = SimpleUploadedFile(name, content)
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Officer.objects.exists()


def test_empty_file_and_missing_columns_are_refused(as_liaison_a, kenya_unit, open_activity):
    empty = SimpleUploadedFile("roster.csv", b"")
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": empty})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]

    partial = SimpleUploadedFile("roster.csv", b"full_name,name_latin\nA,A\n")
    response = as_liaison_a.post(URL, {"activity": open_activity.pk, "file": partial})
    assert response.status_code == 400
    assert (
        "Missing required columns: birth_date, gender" in response.context["form"].errors["file"][0]
    )


def test_missing_activity_is_a_field_error(as_liaison_a, kenya_unit):
    response = as_liaison_a.post(URL, {"file": csv_file([csv_line(*PEOPLE[0])])})
    assert response.status_code == 400
    assert response.context["form"].errors["activity"]


def test_secretariat_chooses_the_partner(as_secretariat, partner_a, kenya_unit, open_activity):
    upload = csv_file([csv_line(*PEOPLE[0])])
    response = as_secretariat.post(URL, {"activity": open_activity.pk, "file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["partner"]

    upload = csv_file([csv_line(*PEOPLE[0])])
    response = as_secretariat.post(
        URL, {"activity": open_activity.pk, "partner": partner_a.pk, "file": upload}
    )
    assert response.status_code == 302
    assert Nomination.objects.get().partner == partner_a


def test_liaison_form_has_no_partner_field(as_liaison_a, kenya_unit, open_activity):
    response = as_liaison_a.get(URL, {"activity": open_activity.pk})
    assert response.status_code == 200
    assert "partner" not in response.context["form"].fields
    assert response.context["form"].initial["activity"] == open_activity.pk


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight", "as_reviewer", "as_director"])
def test_other_roles_may_not_upload(request, persona, kenya_unit, open_activity):
    client = request.getfixturevalue(persona)
    assert client.get(URL).status_code == 403
    upload = csv_file([csv_line(*PEOPLE[0])])
    assert client.post(URL, {"activity": open_activity.pk, "file": upload}).status_code == 403
    assert client.get(reverse("nominations:roster_template", args=["csv"])).status_code == 403
    assert not Officer.objects.exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_templates_have_the_header_and_a_non_latin_example_that_imports(
    as_liaison_a, kenya_unit, open_activity, fmt
):
    response = as_liaison_a.get(reverse("nominations:roster_template", args=[fmt]))

    assert response.status_code == 200
    assert f'filename="tutela-roster-template.{fmt}"' in response["Content-Disposition"]
    upload = SimpleUploadedFile(f"template.{fmt}", response.content)
    rows = read_table(upload, required=ROSTER_COLUMNS)
    assert len(rows) == 1
    assert rows[0].get("full_name") == "أمينة حسن عبد الله"
    # The liaison's template names their own agency and unit, so it imports as it stands.
    upload.seek(0)
    assert as_liaison_a.post(URL, {"activity": open_activity.pk, "file": upload}).status_code == 302
    assert Officer.objects.get().full_name == "أمينة حسن عبد الله"


def test_unknown_template_format_is_404(as_liaison_a):
    assert as_liaison_a.get(reverse("nominations:roster_template", args=["pdf"])).status_code == 404


def test_refusal_for_the_whole_roster_is_shown_on_the_form(
    as_secretariat, partner_a, partner_b, kenya_unit, open_activity
):
    from tutela.activities.models import SeatAllocation

    SeatAllocation.objects.create(activity=open_activity, partner=partner_b, requested=1, seats=1)
    upload = csv_file([csv_line(*PEOPLE[0])])
    data = {"activity": open_activity.pk, "partner": partner_a.pk, "file": upload}

    response = as_secretariat.post(URL, data)

    assert response.status_code == 400
    assert "Kenya has no seats allocated" in response.context["form"].non_field_errors()[0]
    assert not Officer.objects.exists()
