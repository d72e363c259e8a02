"""The demo's screening: real shipped lists, resembling nominees found, a real alert queue."""

import pytest

from tutela.accounts.models import Role
from tutela.nominations.models import Officer
from tutela.testing import make_activity, make_agency, make_partner, make_unit, make_user
from tutela.vetting.demo import load_screening_demo
from tutela.vetting.models import Alert, ListVersion

pytestmark = pytest.mark.django_db


def test_the_shipped_lists_are_imported_and_a_resembling_nominee_is_alerted():
    partner = make_partner("CD")
    make_unit(make_agency(partner))
    make_activity()  # open to every partner: no seats allocated yet
    analyst = make_user(Role.ANALYST, username="analyst")
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    lines: list[str] = []

    opened = load_screening_demo(analyst=analyst, secretariat=secretariat, log=lines.append)

    assert ListVersion.objects.count() == 2
    assert any("UK sanctions list" in line for line in lines)
    officer = Officer.objects.get(name_latin="Bosko Ntagandah")
    alerts = Alert.objects.filter(officer=officer)
    assert opened == Alert.objects.count() >= 1
    assert {a.entity_id for a in alerts} >= {"un-xml:CDi.030"}
    # The partners without an open activity are said, not silently skipped.
    assert any("not nominated" in line for line in lines)
