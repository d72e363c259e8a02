"""Partners, agencies and the dated unit hierarchy, through the actions."""

import datetime as dt

import pytest

from tutela.audit.models import Event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.partners.actions import add_agency, add_partner, add_unit, record_agreement
from tutela.partners.models import Country, Unit
from tutela.testing import country

pytestmark = pytest.mark.django_db


def test_every_iso_country_and_kosovo_with_m49_regions():
    assert Country.objects.count() == 250
    kosovo = Country.objects.get(code="XK")
    assert (kosovo.region, kosovo.sub_region) == ("Europe", "Southern Europe")
    assert Country.objects.get(code="NA").name == "Namibia"
    assert Country.objects.get(code="KE").sub_region == "Sub-Saharan Africa"


def test_country_and_organisation_partners(secretariat, liaison_a):
    kenya = add_partner(by=secretariat, kind="country", country=country("GH"))
    interpol = add_partner(by=secretariat, kind="organisation", name="INTERPOL", acronym="INTERPOL")
    assert kenya.name == "Ghana" and kenya.region == "Africa"
    assert interpol.country is None
    with pytest.raises(Conflict):
        add_partner(by=secretariat, kind="country", country=country("GH"))
    with pytest.raises(NotAllowed):
        add_partner(by=liaison_a, kind="organisation", name="AFRIPOL")
    assert Event.objects.filter(verb="partner.added").count() == 2


def test_units_form_a_dated_hierarchy_within_one_agency(secretariat):
    partner = add_partner(by=secretariat, kind="country", country=country("PE"))
    police = add_agency(partner, by=secretariat, name="Policía Nacional", kind="police")
    other = add_agency(partner, by=secretariat, name="Migraciones", kind="border")
    region = add_unit(police, by=secretariat, name="Región Policial Lima")
    squad = add_unit(
        police,
        by=secretariat,
        name="Escuadrón 3",
        parent=region,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    assert [u.name for u in squad.path()] == ["Región Policial Lima", "Escuadrón 3"]
    assert list(Unit.objects.current_on(dt.date(2025, 6, 1))) == [region]
    with pytest.raises(ActionError) as refused:
        add_unit(other, by=secretariat, name="x", parent=region)
    assert refused.value.field == "parent"
    with pytest.raises(ActionError):
        add_unit(
            police,
            by=secretariat,
            name="x",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2024, 1, 1),
        )


def test_agreement_needs_parties_and_ordered_dates(secretariat):
    partner = add_partner(by=secretariat, kind="country", country=country("KE"))
    with pytest.raises(ActionError):
        record_agreement(
            by=secretariat, title="MoU", scope="Training", parties=[], starts_on=dt.date(2025, 1, 1)
        )
    agreement = record_agreement(
        by=secretariat,
        title="MoU",
        scope="Training",
        parties=[partner],
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31),
    )
    assert list(agreement.parties.all()) == [partner]
