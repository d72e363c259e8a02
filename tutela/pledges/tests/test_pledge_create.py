import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.pledges.models import Pledge, Scope
from tutela.testing import country

pytestmark = pytest.mark.django_db


def _data(**changes):
    data = {
        "title": "5,000 training opportunities, 2025–2029",
        "opportunities": "5000",
        "starts_on": "2025-01-01",
        "ends_on": "2029-12-31",
        "scope": "world",
        "source": "Forum statement",
    }
    data.update(changes)
    return data


def test_secretariat_records_a_world_pledge_with_an_audit_event(as_secretariat):
    assert as_secretariat.get(reverse("pledges:create")).status_code == 200
    response = as_secretariat.post(reverse("pledges:create"), _data())
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response["Location"] == pledge.get_absolute_url()
    assert (pledge.opportunities, pledge.scope) == (5000, Scope.WORLD)
    assert Event.objects.filter(verb="pledge.recorded", object_id=str(pledge.pk)).exists()


def test_secretariat_records_a_reserved_regional_share(as_secretariat):
    as_secretariat.post(reverse("pledges:create"), _data())
    world = Pledge.objects.get()
    form = as_secretariat.get(reverse("pledges:create"), {"parent": world.pk}).context["form"]
    assert form.initial["parent"] == str(world.pk)
    assert ("2", "Africa") in form.fields["region_code"].choices

    response = as_secretariat.post(
        reverse("pledges:create"),
        _data(
            title="1,000 for Africa",
            opportunities="1000",
            scope="region",
            region_code="2",
            starts_on="2026-01-01",
            ends_on="2026-12-31",
            parent=world.pk,
        ),
    )

    share = Pledge.objects.get(title="1,000 for Africa")
    assert response.status_code == 302
    assert (share.parent, share.region_code, share.scope_label) == (world, "2", "Africa")


def test_secretariat_records_a_country_pledge(as_secretariat):
    response = as_secretariat.post(
        reverse("pledges:create"),
        _data(scope="country", country=country("KE").pk, opportunities="200"),
    )
    assert response.status_code == 302
    assert Pledge.objects.get().country.code == "KE"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"scope": "region"}, "region_code", "Choose the region."),
        ({"scope": "country"}, "country", "Choose the country."),
        ({"ends_on": "2024-01-01"}, "ends_on", "The end date is before the start date."),
        ({"opportunities": "0"}, "opportunities", "A pledge is at least one training opportunity."),
        ({"scope": "region", "region_code": "999"}, "region_code", None),
        ({"opportunities": "many"}, "opportunities", None),
        ({"title": ""}, "title", None),
    ],
)
def test_bad_pledge_input_is_400_with_the_field_error(as_secretariat, changes, field, message):
    response = as_secretariat.post(reverse("pledges:create"), _data(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    assert not Pledge.objects.exists()
    assert not Event.objects.filter(verb="pledge.recorded").exists()


def test_reserved_share_larger_than_its_pledge_is_400(as_secretariat):
    as_secretariat.post(reverse("pledges:create"), _data(opportunities="100"))
    world = Pledge.objects.get()
    response = as_secretariat.post(
        reverse("pledges:create"), _data(title="Too big", opportunities="500", parent=world.pk)
    )
    assert response.status_code == 400
    assert "cannot exceed" in response.context["form"].errors["opportunities"][0]
    assert Pledge.objects.count() == 1


@pytest.mark.parametrize("client_name", ["as_analyst", "as_oversight", "as_liaison_a"])
def test_only_the_secretariat_records_pledges(request, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("pledges:create")).status_code == 403
    assert client.post(reverse("pledges:create"), _data()).status_code == 403
    assert not Pledge.objects.exists()


def test_record_button_only_for_the_secretariat(as_secretariat, as_oversight):
    assert reverse("pledges:create") in as_secretariat.get(reverse("pledges:list")).content.decode()
    assert (
        reverse("pledges:create") not in as_oversight.get(reverse("pledges:list")).content.decode()
    )
