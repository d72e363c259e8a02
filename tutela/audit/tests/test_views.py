import pytest
from django.db import transaction
from django.urls import reverse

from tutela.audit.actions import record_event
from tutela.audit.models import Event
from tutela.testing import make_partner

pytestmark = pytest.mark.django_db


def _events(user, n: int = 3) -> None:
    partner = make_partner("KE")
    with transaction.atomic():
        for i in range(n):
            record_event(user, "partner.touched", partner, {"i": i})


def test_oversight_reads_the_trail_and_head(as_oversight, secretariat):
    _events(secretariat, 25)
    head = Event.objects.order_by("-sequence").first()
    response = as_oversight.get(reverse("audit:list"))
    assert response.status_code == 200
    assert head.hash in response.content.decode()


def test_liaison_and_analyst_may_not_read_the_trail(as_liaison_a, as_analyst):
    assert as_liaison_a.get(reverse("audit:list")).status_code == 403
    assert as_analyst.get(reverse("audit:list")).status_code == 403


def test_trail_list_partial_for_htmx_and_bounded_queries(
    as_oversight, secretariat, django_assert_max_num_queries
):
    _events(secretariat, 30)
    with django_assert_max_num_queries(8):
        response = as_oversight.get(
            reverse("audit:list"), {"q": "touched"}, headers={"HX-Request": "true"}
        )
    body = response.content.decode()
    assert "<html" not in body
    assert "partner.touched" in body


def test_verify_reports_intact_then_broken(as_oversight, secretariat):
    _events(secretariat, 4)
    ok = as_oversight.post(reverse("audit:verify"))
    assert ok.status_code == 200 and "Chain intact: 4 events" in ok.content.decode()

    Event.objects.filter(sequence=2).update(verb="partner.forged")
    broken = as_oversight.post(reverse("audit:verify"), headers={"HX-Request": "true"})
    assert broken.status_code == 409
    assert "#2" in broken.content.decode()
    assert "<html" not in broken.content.decode()
