"""Fixtures for the nominations tests: a Kenyan agency and unit, and an open activity."""

from typing import Any

import pytest

from tutela.activities.models import Activity
from tutela.partners.models import Partner, Unit
from tutela.testing import make_activity, make_agency, make_host_institution, make_unit


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Personas are created with a password; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kenya_unit(partner_a: Partner) -> Unit:
    agency = make_agency(partner_a, name="Kenya Police Service")
    command = make_unit(agency, name="Nairobi Command")
    return make_unit(agency, name="Community Policing Unit", parent=command)


@pytest.fixture
def open_activity(db: None) -> Activity:
    return make_activity(
        title="Community policing and human rights",
        location="Lyon",
        host_institution=make_host_institution(name="École nationale de police"),
    )
