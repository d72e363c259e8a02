import datetime as dt

import pytest

from tutela.activities.models import ActivityStatus, SeatAllocation
from tutela.audit.models import Event
from tutela.lib.errors import GateClosed, NotAllowed
from tutela.lib.tabular import TableRow
from tutela.nominations.actions import RosterInvalid, RowError, import_roster
from tutela.nominations.models import Nomination, Officer
from tutela.testing import make_agency, make_nomination, make_officer, make_partner, make_unit

pytestmark = pytest.mark.django_db

NAMES = [
    ("أمينة حسن", "Amina Hassan"),
    ("王小明", "Wang Xiaoming"),
    ("አበበ ቢቂላ", "Abebe Bikila"),
    ("Иван Петров", "Ivan Petrov"),
    ("สมชาย ใจดี", "Somchai Jaidee"),
]


def row(number: int, **cells: object) -> TableRow:
    base: dict[str, object] = {
        "full_name": "Amina Wanjiru",
        "name_latin": "Amina Wanjiru",
        "birth_date": "1985-03-14",
        "gender": "F",
        "nationality": "KE",
        "rank": "Inspector",
        "agency": "Kenya Police Service",
        "unit": "Community Policing Unit",
        "justification": "Leads the community policing desk.",
        "email": "",
    }
    base.update(cells)
    return TableRow(number=number, cells=base)


def many_scripts() -> list[TableRow]:
    return [
        row(i + 2, full_name=native, name_latin=latin, birth_date=f"198{i}-05-0{i + 1}")
        for i, (native, latin) in enumerate(NAMES)
    ]


def test_a_clean_roster_nominates_every_officer_in_any_script(
    liaison_a, partner_a, kenya_unit, open_activity
):
    nominations = import_roster(open_activity, many_scripts(), partner=partner_a, by=liaison_a)

    assert len(nominations) == 5
    assert sorted(Officer.objects.values_list("full_name", flat=True)) == sorted(
        n for n, _latin in NAMES
    )
    officer = Officer.objects.get(name_latin="Abebe Bikila")
    assert officer.full_name == "አበበ ቢቂላ"
    assert officer.unit == kenya_unit
    assert officer.birth_date == dt.date(1982, 5, 3)
    assert Nomination.objects.filter(activity=open_activity, partner=partner_a).count() == 5
    assert Event.objects.filter(verb="nomination.created").count() == 5
    summary = Event.objects.get(verb="roster.imported")
    assert summary.data["nominations"] == [n.pk for n in nominations]


def test_excel_dates_and_serial_numbers_are_read(liaison_a, partner_a, kenya_unit, open_activity):
    rows = [
        row(2, full_name="A One", name_latin="A One", birth_date=dt.datetime(1980, 1, 2)),
        row(
            3, full_name="B Two", name_latin="B Two", birth_date=29221.0
        ),  # Excel serial for 1980-01-01
        row(4, full_name="C Three", name_latin="C Three", birth_date=dt.date(1990, 7, 1)),
    ]
    import_roster(open_activity, rows, partner=partner_a, by=liaison_a)
    days = dict(Officer.objects.values_list("name_latin", "birth_date"))
    assert days == {
        "A One": dt.date(1980, 1, 2),
        "B Two": dt.date(1980, 1, 1),
        "C Three": dt.date(1990, 7, 1),
    }


def test_codes_and_names_are_matched_whatever_their_case(
    liaison_a, partner_a, kenya_unit, open_activity
):
    rows = [
        row(
            2,
            gender="m",
            nationality="ken",
            agency="kenya police  service",
            unit="COMMUNITY POLICING UNIT",
        )
    ]
    (nomination,) = import_roster(open_activity, rows, partner=partner_a, by=liaison_a)
    assert nomination.officer.gender == "M"
    assert nomination.officer.nationality.code == "KE"


def test_every_error_is_listed_and_nothing_is_written(
    liaison_a, partner_a, kenya_unit, open_activity
):
    make_unit(kenya_unit.agency, name="Twin")
    make_unit(kenya_unit.agency, name="Twin")
    rows = [
        row(2, full_name="", rank=""),
        row(3, full_name="Bad Date", name_latin="Bad Date", birth_date="14/03/1985"),
        row(4, full_name="Future", name_latin="Future", birth_date="2999-01-01"),
        row(5, full_name="Gender", name_latin="Gender", gender="female"),
        row(6, full_name="Country", name_latin="Country", nationality="Kenya"),
        row(7, full_name="Agency", name_latin="Agency", agency="Army"),
        row(8, full_name="Unit", name_latin="Unit", unit="Nowhere"),
        row(9, full_name="Ambiguous", name_latin="Ambiguous", unit="Twin"),
        row(10, full_name="王小明", name_latin="王小明", email="not-an-email"),
        row(11, full_name="Twice", name_latin="Twice"),
        row(12, full_name="twice ", name_latin="Twice"),
        row(13, birth_date="", justification=""),
    ]
    officers, events = Officer.objects.count(), Event.objects.count()

    with pytest.raises(RosterInvalid) as refused:
        import_roster(open_activity, rows, partner=partner_a, by=liaison_a)

    found = [(e.row, e.column) for e in refused.value.errors]
    assert found == [
        (2, "full_name"),
        (2, "rank"),
        (3, "birth_date"),
        (4, "birth_date"),
        (5, "gender"),
        (6, "nationality"),
        (7, "agency"),
        (8, "unit"),
        (9, "unit"),
        (10, "name_latin"),
        (10, "email"),
        (12, "full_name"),
        (13, "birth_date"),
        (13, "justification"),
    ]
    reasons = {(e.row, e.column): e.reason for e in refused.value.errors}
    assert reasons[(2, "full_name")] == "This cell is empty."
    assert "YYYY-MM-DD" in reasons[(3, "birth_date")]
    assert reasons[(4, "birth_date")] == "The birth date is in the future."
    assert reasons[(7, "agency")] == "No agency called “Army” is registered for Kenya."
    assert reasons[(12, "full_name")] == (
        "The same officer (same name and birth date) is in row 11."
    )
    assert refused.value.message == "The roster has 14 errors; nothing was imported."
    assert refused.value.field == "file"
    assert Officer.objects.count() == officers
    assert Nomination.objects.count() == 0
    assert Event.objects.count() == events


def test_officers_already_nominated_or_of_another_partner_are_errors(
    liaison_a, partner_a, kenya_unit, open_activity
):
    existing = make_officer(
        kenya_unit,
        full_name="Иван Петров",
        name_latin="Ivan Petrov",
        birth_date=dt.date(1979, 2, 3),
    )
    make_nomination(activity=open_activity, officer=existing)
    foreign_unit = make_unit(make_agency(make_partner("PE")))
    make_officer(
        foreign_unit,
        full_name="Rosa Quispe",
        name_latin="Rosa Quispe",
        birth_date=dt.date(1990, 1, 1),
    )
    rows = [
        row(2, full_name="Иван Петров", name_latin="Ivan Petrov", birth_date="1979-02-03"),
        row(3, full_name="Rosa Quispe", name_latin="Rosa Quispe", birth_date="1990-01-01"),
        row(4, full_name="New Person", name_latin="New Person"),
    ]

    with pytest.raises(RosterInvalid) as refused:
        import_roster(open_activity, rows, partner=partner_a, by=liaison_a)

    assert refused.value.errors == [
        RowError(2, "full_name", f"Already nominated for {open_activity.code}."),
        RowError(
            3,
            "full_name",
            "An officer with this name and birth date is registered with another partner.",
        ),
    ]
    assert not Officer.objects.filter(name_latin="New Person").exists()


def test_a_known_officer_of_the_partner_is_nominated_again_for_another_activity(
    liaison_a, partner_a, kenya_unit, open_activity
):
    officer = make_officer(kenya_unit, full_name="Amina Wanjiru", birth_date=dt.date(1985, 3, 14))
    (nomination,) = import_roster(open_activity, [row(2)], partner=partner_a, by=liaison_a)
    assert nomination.officer == officer


def test_liaison_imports_only_for_their_own_partner(
    liaison_b, partner_a, kenya_unit, open_activity
):
    with pytest.raises(NotAllowed):
        import_roster(open_activity, [row(2)], partner=partner_a, by=liaison_b)


def test_activity_must_be_open_to_the_partner(
    liaison_a, partner_a, partner_b, kenya_unit, open_activity
):
    SeatAllocation.objects.create(activity=open_activity, partner=partner_b, requested=3, seats=3)
    with pytest.raises(GateClosed, match="no seats allocated"):
        import_roster(open_activity, [row(2)], partner=partner_a, by=liaison_a)
    open_activity.status = ActivityStatus.PLANNED
    open_activity.save()
    with pytest.raises(GateClosed, match="not open"):
        import_roster(open_activity, [row(2)], partner=partner_a, by=liaison_a)
    assert not Officer.objects.exists()


def test_secretariat_imports_for_any_partner(secretariat, partner_a, kenya_unit, open_activity):
    nominations = import_roster(open_activity, many_scripts(), partner=partner_a, by=secretariat)
    assert {n.nominated_by for n in nominations} == {secretariat}
