from pathlib import Path

from tutela.lib.watchlists import ReadReport, read_un_xml
from tutela.matching.entities import BirthDate, Kind, NameQuality

from .helpers import FIXTURES, by_id, problems_of

UN = FIXTURES / "un" / "un_consolidated_sample.xml"


def test_counts() -> None:
    report = ReadReport()
    entities = list(read_un_xml(UN, report))
    assert len(entities) == 11
    assert report.kinds == {"person": 8, "organization": 3}


def test_individual_names_original_script_aliases_and_dates() -> None:
    shekau = by_id(list(read_un_xml(UN)))["un-xml:QDi.322"]
    assert shekau.kind is Kind.PERSON
    assert shekau.names[0].text == "ABUBAKAR MOHAMMED SHEKAU"
    assert shekau.names[1].text == "أبو بكر محمد الشكوى"  # original script, unchanged
    assert shekau.names[1].quality is NameQuality.PRIMARY
    good = [n.text for n in shekau.names if n.quality is NameQuality.STRONG]
    low = [n.text for n in shekau.names if n.quality is NameQuality.WEAK]
    assert good == ["Abubakar Shekau"]
    assert "Imam Darul Tawheed" in low
    assert shekau.birth_dates == (BirthDate(1969),)
    assert shekau.nationalities == ("NG",)
    assert shekau.programs == ("Al-Qaida",)
    assert shekau.extra["listed_on"] == "2014-06-26"


def test_between_dates_and_country_names() -> None:
    entities = by_id(list(read_un_xml(UN)))
    assert entities["un-xml:TAi.109"].birth_dates == (BirthDate(1966, year_to=1967),)
    assert entities["un-xml:TAi.109"].nationalities == ("AF",)
    # "Democratic People's Republic of Korea", "Democratic Republic of the Congo"
    assert entities["un-xml:KPi.068"].nationalities == ("KP",)
    assert entities["un-xml:CDi.030"].nationalities == ("CD",)


def test_entity_aliases() -> None:
    wafa = by_id(list(read_un_xml(UN)))["un-xml:QDe.015"]
    assert wafa.kind is Kind.ORGANIZATION
    assert [n.text for n in wafa.names] == [
        "WAFA HUMANITARIAN ORGANIZATION",
        "Al Wafa",
        "Al Wafa Organization",
        "Wafa Al-Igatha Al-Islamia",
    ]


def test_bad_entries_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS>"
        "<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>"
        "<INDIVIDUAL><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER></INDIVIDUAL>"
        "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-02-31</DATE>"
        "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
        "<INDIVIDUAL><FIRST_NAME>B</FIRST_NAME><REFERENCE_NUMBER>QDi.902</REFERENCE_NUMBER>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR>"
        "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
        "</INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    reasons = [str(p) for p in problems_of(lambda: read_un_xml(path))]
    assert reasons == [
        "un.xml: INDIVIDUAL #1: no REFERENCE_NUMBER",
        "un.xml: INDIVIDUAL #2 (QDi.900): no name",
        "un.xml: INDIVIDUAL #3 (QDi.901): bad date of birth (day is out of range for month)",
        "un.xml: INDIVIDUAL #4 (QDi.902): bad date of birth (BETWEEN needs FROM_YEAR and "
        "TO_YEAR, got '1970' and '')",
    ]


def test_broken_xml_and_entities_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL>")
    [problem] = problems_of(lambda: read_un_xml(broken))
    assert "not valid XML" in problem.reason and problem.line == 2
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><CONSOLIDATED_LIST>&b;'
        "</CONSOLIDATED_LIST>"
    )
    assert "not valid XML" in problems_of(lambda: read_un_xml(bomb))[0].reason
