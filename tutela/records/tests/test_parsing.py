"""Reading printed values: dates, quantities, costs, years, programmes and country names."""

import datetime as dt
from decimal import Decimal

import pytest

from tutela.records.parsing import (
    QuantityStatus,
    RowKind,
    normalise_country,
    parse_cost,
    parse_date,
    parse_quantity,
    programme_name,
    report_years,
    row_kind,
    training_year,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("12/3/2018", dt.date(2018, 12, 3)),  # m/d/yyyy
        ("1/9/2015", dt.date(2015, 1, 9)),  # single-digit month and day
        ("10/21/02", dt.date(2002, 10, 21)),  # m/d/yy, this century
        ("6/7/99", dt.date(1999, 6, 7)),  # m/d/yy, last century
        (" 3/15/02 ", dt.date(2002, 3, 15)),  # stray spaces
        ("5/3/02 9/16/02", dt.date(2002, 5, 3)),  # start and end run together: the first
        ("", None),  # about 11 % of rows
        ("$0", None),  # a cost in the date column
        ("2/30/2010", None),  # no such day
        ("11/30/201", None),  # a three-digit year (one row prints 99/99/999)
    ],
)
def test_dates_in_each_printed_format(printed: str, expected: dt.date | None) -> None:
    assert parse_date(printed) == expected


def test_two_dates_in_an_end_date_cell_give_the_last() -> None:
    assert parse_date("5/3/02 9/16/02", last=True) == dt.date(2002, 9, 16)
    assert parse_date("9/16/02", last=True) == dt.date(2002, 9, 16)


@pytest.mark.parametrize(
    ("printed", "current_year", "expected"),
    [
        ("51", False, (51, QuantityStatus.NUMBER)),
        ("0", False, (0, QuantityStatus.NUMBER)),  # a reported year's zero is zero
        ("0", True, (None, QuantityStatus.TO_BE_DETERMINED)),  # "to be determined"
        ("", False, (None, QuantityStatus.EMPTY)),
        ("1 Garmisch,", False, (None, QuantityStatus.NOT_NUMERIC)),  # location run in
        ("N/A", False, (None, QuantityStatus.NOT_NUMERIC)),
        ("30 30", False, (None, QuantityStatus.NOT_NUMERIC)),
        ("1 39529-7099", False, (None, QuantityStatus.NOT_NUMERIC)),
    ],
)
def test_quantities(printed: str, current_year: bool, expected: tuple[int | None, str]) -> None:
    assert parse_quantity(printed, current_year=current_year) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("$12,190", Decimal("12190")),
        ("$4,634,880", Decimal("4634880")),
        ("12190", Decimal("12190")),
        ("4180.50", Decimal("4180.50")),
        ("$0", Decimal("0")),
        ("$", None),
        ("", None),
        ("3250 9/9/2009", None),  # a date run into the cost column
        ("$1,23", None),
    ],
)
def test_costs(printed: str, expected: Decimal | None) -> None:
    assert parse_cost(printed, current_year=False) == expected


def test_a_current_year_zero_cost_is_to_be_determined() -> None:
    assert parse_cost("$0", current_year=True) is None
    assert parse_cost("$10", current_year=True) == Decimal("10")


def test_report_years_and_the_year_of_training() -> None:
    assert report_years("2019_2020") == (2019, 2020)
    assert report_years("2019_2021") is None
    assert report_years("FY2019") is None
    years = (1999, 2000)
    assert training_year("IMET-1 - Fiscal Year 2020 Department of State Training", years) == 2020
    assert training_year("DOD Europe Region, Yugoslavia, Marshall Center, FY02", years) == 2002
    assert training_year("Service Academies, FY 00", years) == 2000
    assert training_year("Misc, FY99", years) == 1999
    assert training_year("Miscellaneous DoD-DoS Activities, FY", years) == 1999  # the report's


def test_row_kinds() -> None:
    assert row_kind("PKO - Fiscal Year 2019 …", "Fiscal Year 2019 Program Totals") == (
        RowKind.PROGRAMME_TOTAL
    )
    assert row_kind("Regional Centers - FY 2008", "FY 2008 Program Totals") == (
        RowKind.PROGRAMME_TOTAL
    )
    assert row_kind("No activities reported for Niue in 2007-2008", "") == RowKind.NO_ACTIVITY
    assert row_kind("IMET-1 - Fiscal Year 2019", "TOTAL QUALITY MGMT") == RowKind.DELIVERY


def test_programme_names_drop_year_region_and_country() -> None:
    assert programme_name("IMET-1 - Fiscal Year 2020 Department of State Training", "Kenya") == (
        "IMET-1"
    )
    assert programme_name("DOD Europe Region, Albania, Marshall Center, FY02", "Albania") == (
        "Marshall Center"
    )
    assert programme_name("Service Academies, FY 00", "Korea") == "Service Academies"


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("Kenya", "KE"),
        ("Kosovo", "XK"),  # not in ISO 3166-1
        ("Cote D'Ivoire, Republic of", "CI"),
        ("Cote D’ivoire, Republic Of", "CI"),
        ("Côte d'Ivoire, Republic of", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Korea", "KR"),
        ("Korea - South (Republic of)", "KR"),
        ("Korea, Republic of South", "KR"),
        ("Antigua And Barbuda (UK)", "AG"),  # a territory mark
        ("Cayman Islands (UK)", "KY"),  # a territory
        ("Sint Maarten", "SX"),
        ("Hong Kong", "HK"),
        ("Burkina FASO", "BF"),
        ("Bosnia & Herzegovina", "BA"),
        ("Trinidad -Tobago", "TT"),
        ("Congo (DROC)", "CD"),
        ("Republic of Congo (Congo - Brazzaville)", "CG"),
        ("Gambia, The", "GM"),
        ("Serbia, Republic of", "RS"),
        ("Republic of Montenegro", "ME"),
        ("Swaziland", "SZ"),
        ("Burma", "MM"),
        ("Sudan, Government of Southern", "SS"),
        ("Taiwan", "TW"),
    ],
)
def test_country_names_as_printed(printed: str, code: str) -> None:
    match = normalise_country(printed)
    assert match is not None
    assert match.code == code


@pytest.mark.parametrize(
    "printed", ["Yugoslavia", "Serbia and Montenegro", "Netherlands Antilles (NE)", "Indochina"]
)
def test_former_states_and_regions_are_known_without_a_code(printed: str) -> None:
    match = normalise_country(printed)
    assert match is not None
    assert match.code == ""
    assert match.note


@pytest.mark.parametrize("printed", ["Atlantis", "", "   ", "Korea North"])
def test_unknown_names_are_not_guessed(printed: str) -> None:
    assert normalise_country(printed) is None
