import datetime as dt

import pytest
from django.urls import reverse

from tutela.accounts.models import Role
from tutela.activities.actions import assign_activity_staff
from tutela.activities.models import Activity, ActivityStatus, Mode
from tutela.audit.models import Event
from tutela.curriculum.models import VersionStatus
from tutela.lib.errors import ActionError, NotAllowed
from tutela.testing import country, make_activity, make_course_version, make_user

pytestmark = pytest.mark.django_db
CREATE = reverse("activities:create")


def form_data(**overrides):
    start = dt.date.today() + dt.timedelta(days=60)
    data = {
        "code": "CP-2031-01",
        "title": "Community policing",
        "mode": Mode.ACADEMY_COURSE,
        "course_version": make_course_version().pk,
        "starts_on": start.isoformat(),
        "ends_on": (start + dt.timedelta(days=4)).isoformat(),
        "country": country("FR").pk,
        "location": "Lyon",
        "capacity": "20",
        "languages": "en, FR",
        "seat_floor": "1",
        "seat_cap": "",
    }
    data.update(overrides)
    return data


def test_secretariat_schedules_an_activity_with_an_audit_event(as_secretariat, director):
    response = as_secretariat.post(CREATE, form_data(director=director.pk))

    activity = Activity.objects.get(code="CP-2031-01")
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.languages == ["en", "fr"]
    assert activity.director == director
    assert activity.seat_floor == 1
    assert activity.status == ActivityStatus.PLANNED
    assert Event.objects.filter(verb="activity.scheduled", object_id=str(activity.pk)).exists()


def test_course_version_choices_are_only_approved_versions(as_secretariat):
    approved = make_course_version()
    draft = make_course_version(status=VersionStatus.DRAFT)

    response = as_secretariat.get(CREATE)

    choices = list(response.context["form"].fields["course_version"].queryset)
    assert approved in choices
    assert draft not in choices


def test_unapproved_version_is_refused_with_a_field_error(as_secretariat):
    draft = make_course_version(status=VersionStatus.IN_REVIEW)

    response = as_secretariat.post(CREATE, form_data(course_version=draft.pk))

    assert response.status_code == 400
    assert response.context["form"].errors["course_version"]
    assert not Activity.objects.exists()


def test_no_course_version_shows_the_gate_message_on_the_field(as_secretariat):
    response = as_secretariat.post(CREATE, form_data(course_version=""))

    assert response.status_code == 400
    errors = response.context["form"].errors["course_version"]
    assert "only exchange placements may have none" in errors[0]
    assert "only exchange placements may have none" in response.content.decode()
    assert not Activity.objects.exists()


def test_exchange_placement_may_have_no_course_version(as_secretariat):
    response = as_secretariat.post(
        CREATE, form_data(course_version="", mode=Mode.EXCHANGE_PLACEMENT)
    )

    assert response.status_code == 302
    assert Activity.objects.get().course_version is None


def test_end_before_start_is_a_field_error(as_secretariat):
    response = as_secretariat.post(CREATE, form_data(ends_on="2020-01-01"))

    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"]


def test_duplicate_code_is_a_field_error(as_secretariat):
    make_activity(code="CP-2031-01")

    response = as_secretariat.post(CREATE, form_data())

    assert response.status_code == 400
    assert "exists" in response.context["form"].errors["code"][0]


@pytest.mark.parametrize(
    "field,value",
    [("capacity", "0"), ("languages", "english!"), ("mode", "teleport"), ("starts_on", "tomorrow")],
)
def test_malformed_input_is_a_field_error(as_secretariat, field, value):
    response = as_secretariat.post(CREATE, form_data(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    "client_name", ["as_liaison_a", "as_analyst", "as_oversight", "as_reviewer", "as_director"]
)
def test_only_secretariat_may_schedule(request, client_name):
    client = request.getfixturevalue(client_name)

    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert not Activity.objects.exists()


# --- Director and staff ---------------------------------------------------------------------


def test_secretariat_assigns_director_and_staff(as_secretariat, director):
    consultant = make_user(Role.CONSULTANT)
    activity = make_activity()
    url = reverse("activities:staff_update", args=[activity.pk])

    assert as_secretariat.get(url).status_code == 200
    response = as_secretariat.post(url, {"director": director.pk, "staff": [consultant.pk]})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.director == director
    assert list(activity.staff.all()) == [consultant]
    event = Event.objects.get(verb="activity.staff_assigned", object_id=str(activity.pk))
    assert event.data == {"director": director.pk, "staff": [consultant.pk]}


def test_a_liaison_cannot_be_named_director(as_secretariat, liaison_a):
    activity = make_activity()

    response = as_secretariat.post(
        reverse("activities:staff_update", args=[activity.pk]), {"director": liaison_a.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["director"]
    activity.refresh_from_db()
    assert activity.director is None


def test_staff_of_a_closed_activity_cannot_change(as_secretariat, director):
    activity = make_activity(status=ActivityStatus.COMPLETED)

    response = as_secretariat.post(
        reverse("activities:staff_update", args=[activity.pk]), {"director": director.pk}
    )

    assert response.status_code == 400
    assert "can no longer change" in response.content.decode()


def test_only_secretariat_assigns_staff(as_liaison_a, as_director, director):
    activity = make_activity(director=director)
    url = reverse("activities:staff_update", args=[activity.pk])

    assert as_liaison_a.post(url, {"director": ""}).status_code == 403
    assert as_director.post(url, {"director": ""}).status_code == 403
    activity.refresh_from_db()
    assert activity.director == director


def test_assign_staff_action_rechecks_role_and_people(secretariat, liaison_a, director):
    activity = make_activity()

    with pytest.raises(NotAllowed):
        assign_activity_staff(activity, director=director, staff=[], by=liaison_a)
    with pytest.raises(ActionError) as refused:
        assign_activity_staff(activity, director=None, staff=[liaison_a], by=secretariat)
    assert refused.value.field == "staff"
    assert not Event.objects.filter(verb="activity.staff_assigned").exists()
