import datetime as dt

import pytest
from django.urls import reverse

from tutela.activities.models import ActivityStatus, SeatAllocation
from tutela.audit.models import Event
from tutela.nominations.models import Nomination, Officer
from tutela.testing import country, make_activity, make_agency, make_unit

pytestmark = pytest.mark.django_db
URL = reverse("nominations:create")


def form_data(officer_unit, activity, **changes):
    data = {
        "full_name": "Иван Петров",
        "name_latin": "Ivan Petrov",
        "birth_date": "1984-06-30",
        "gender": "M",
        "nationality": country("KE").pk,
        "rank": "Chief Inspector",
        "agency": officer_unit.agency.pk,
        "unit": officer_unit.pk,
        "activity": activity.pk,
        "justification": "Runs the cybercrime desk.",
        "email": "ivan@example.org",
    }
    data.update(changes)
    return data


def test_liaison_nominates_an_officer_of_their_partner(
    as_liaison_a, liaison_a, partner_a, kenya_unit, open_activity
):
    response = as_liaison_a.post(URL, form_data(kenya_unit, open_activity))

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert response["Location"] == nomination.get_absolute_url()
    assert nomination.partner == partner_a
    assert nomination.nominated_by == liaison_a
    officer = nomination.officer
    assert (officer.full_name, officer.name_latin, officer.birth_date) == (
        "Иван Петров",
        "Ivan Petrov",
        dt.date(1984, 6, 30),
    )
    assert officer.unit == kenya_unit
    assert Event.objects.filter(verb="nomination.created", object_id=str(nomination.pk)).exists()


def test_form_offers_only_the_partners_units_and_activities_open_to_it(
    as_liaison_a, partner_a, partner_b, kenya_unit, open_activity
):
    peru_unit = make_unit(make_agency(partner_b, name="Policía Nacional"), name="DIRINCRI")
    planned = make_activity(status=ActivityStatus.PLANNED)
    others_only = make_activity()
    SeatAllocation.objects.create(activity=others_only, partner=partner_b, requested=2, seats=2)
    ours = make_activity()
    SeatAllocation.objects.create(activity=ours, partner=partner_a, requested=2, seats=2)

    form = as_liaison_a.get(URL).context["form"]

    assert set(form.fields["unit"].queryset) == {kenya_unit, kenya_unit.parent}
    assert peru_unit not in form.fields["unit"].queryset
    assert set(form.fields["agency"].queryset) == {kenya_unit.agency}
    assert set(form.fields["activity"].queryset) == {open_activity, ours}
    assert planned not in form.fields["activity"].queryset


def test_missing_and_bad_fields_are_shown_per_field_with_400(
    as_liaison_a, kenya_unit, open_activity
):
    data = form_data(
        kenya_unit,
        open_activity,
        full_name="",
        birth_date="30/06/1984",
        name_latin="Иван",
        email="nope",
    )
    response = as_liaison_a.post(URL, data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"full_name", "birth_date", "name_latin", "email"}
    assert "Write this name in Latin letters." in errors["name_latin"]
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert not Officer.objects.exists()


def test_the_actions_refusal_lands_on_its_field(as_liaison_a, kenya_unit, open_activity):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = as_liaison_a.post(URL, form_data(kenya_unit, open_activity, birth_date=future))
    assert response.status_code == 400
    assert response.context["form"].errors["birth_date"] == ["The birth date is in the future."]


def test_nominating_the_same_officer_twice_is_refused(as_liaison_a, kenya_unit, open_activity):
    assert as_liaison_a.post(URL, form_data(kenya_unit, open_activity)).status_code == 302
    response = as_liaison_a.post(URL, form_data(kenya_unit, open_activity))
    assert response.status_code == 400
    assert "already nominated" in response.context["form"].errors["full_name"][0]
    assert Nomination.objects.count() == 1


def test_unit_of_another_agency_or_partner_is_refused(
    as_liaison_a, partner_a, partner_b, kenya_unit, open_activity
):
    other_agency_unit = make_unit(make_agency(partner_a, name="Kenya Wildlife Service"))
    peru_unit = make_unit(make_agency(partner_b))
    response = as_liaison_a.post(
        URL, form_data(kenya_unit, open_activity, unit=other_agency_unit.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]
    response = as_liaison_a.post(URL, form_data(kenya_unit, open_activity, unit=peru_unit.pk))
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_secretariat_first_chooses_the_partner(
    as_secretariat, secretariat, partner_a, kenya_unit, open_activity
):
    response = as_secretariat.get(URL)
    assert response.status_code == 200
    assert 'data-testid="partner-chooser"' in response.content.decode()
    assert 'name="full_name"' not in response.content.decode()

    chosen = as_secretariat.get(URL, {"partner": partner_a.pk})
    assert kenya_unit in chosen.context["form"].fields["unit"].queryset

    data = form_data(kenya_unit, open_activity, partner=partner_a.pk)
    response = as_secretariat.post(URL, data)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.partner, nomination.nominated_by) == (partner_a, secretariat)


def test_secretariat_post_without_partner_is_400(as_secretariat, kenya_unit, open_activity):
    response = as_secretariat.post(URL, form_data(kenya_unit, open_activity))
    assert response.status_code == 400
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight", "as_reviewer", "as_director"])
def test_other_roles_may_not_nominate(request, persona, kenya_unit, open_activity):
    client = request.getfixturevalue(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(kenya_unit, open_activity)).status_code == 403
    assert not Nomination.objects.exists()


def test_activity_can_be_preselected(as_liaison_a, kenya_unit, open_activity):
    form = as_liaison_a.get(URL, {"activity": open_activity.pk}).context["form"]
    assert form.initial["activity"] == open_activity.pk
