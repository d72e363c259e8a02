"""The demo programme's curriculum is reviewed as the rules require, its agreements passed due
diligence, and it has complaints to look at."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from tutela.activities.actions import check_course_version
from tutela.activities.models import Activity
from tutela.complaints.models import Complaint
from tutela.curriculum import rules
from tutela.curriculum.models import CourseVersion, ModuleProvisionLink, Standard, VersionStatus
from tutela.demo import load_demo, reset_programme_data
from tutela.partners.actions import check_due_diligence
from tutela.partners.models import Agreement, AgreementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hashers):
        load_demo(scale=0.05, log=lambda line: None)
    yield
    with django_db_blocker.unblock():
        reset_programme_data()


def test_every_approved_demo_version_passes_the_scheduling_gate(demo: None) -> None:
    approved = CourseVersion.objects.filter(status=VersionStatus.APPROVED)
    assert approved.exists()
    for version in approved:
        check_course_version("academy_course", version)
    scheduled = CourseVersion.objects.filter(
        pk__in=Activity.objects.values("course_version"), status=VersionStatus.APPROVED
    )
    assert scheduled.exists()


def test_submitted_demo_versions_meet_their_topic_rules(demo: None) -> None:
    assert ModuleProvisionLink.objects.count() > 300
    for version in CourseVersion.objects.exclude(status=VersionStatus.DRAFT):
        assert rules.unmet(version) == []


def test_active_demo_agreements_passed_due_diligence_and_complaints_exist(demo: None) -> None:
    import datetime as dt

    active = Agreement.objects.filter(status=AgreementStatus.ACTIVE)
    assert active.exists() and Agreement.objects.filter(status=AgreementStatus.PENDING).exists()
    for agreement in active:
        latest = agreement.assessments.order_by("-assessed_on", "-pk").first()
        assert latest is not None
        check_due_diligence(agreement, latest.assessed_on + dt.timedelta(days=1))
    assert Complaint.objects.count() == 6


def test_the_demo_loads_the_catalogue_with_a_superseded_instrument(demo: None) -> None:
    assert Standard.objects.get(code="UN-IP-2004").superseded_by == Standard.objects.get(
        code="UN-IP-2022"
    )
