"""Who may reach the review pages and endpoints added for the human-rights review."""

import json

import pytest
from django.urls import reverse

from tutela.curriculum.models import VersionStatus
from tutela.testing import make_course_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(catalogue):
    return make_course_version(VersionStatus.DRAFT)


def test_anonymous_visitors_are_sent_to_sign_in_from_the_review_pages(anonymous, version):
    module = version.modules.get()
    for url in (
        reverse("curriculum:version_diff", args=[version.pk]),
        version.get_absolute_url(),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "login" in response.url
    for url in (
        reverse("curriculum:module_link", args=[module.pk]),
        reverse("curriculum:module_comment", args=[module.pk]),
        reverse("curriculum:version_assign", args=[version.pk]),
    ):
        response = anonymous.post(url, {})
        assert response.status_code == 302 and "login" in response.url


def test_anonymous_api_calls_are_401_except_the_public_api(anonymous, version):
    module = version.modules.get()
    for url in (
        f"/api/v1/curriculum/modules/{module.pk}/rules",
        f"/api/v1/curriculum/modules/{module.pk}/suggestions",
        f"/api/v1/curriculum/versions/{version.pk}/diff",
    ):
        assert anonymous.get(url).status_code == 401
    assert anonymous.get("/api/v1/public/curriculum/").status_code == 200


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_director", "as_oversight", "as_analyst"])
def test_only_the_secretariat_assigns_reviewers(request, persona, version, reviewer):
    client = request.getfixturevalue(persona)
    page = client.post(
        reverse("curriculum:version_assign", args=[version.pk]), {"reviewer": reviewer.pk}
    )
    assert page.status_code == 403
    api = client.post(
        f"/api/v1/curriculum/versions/{version.pk}/assignments",
        json.dumps({"reviewer": reviewer.pk}),
        "application/json",
    )
    assert api.status_code == 403
    assert not version.assignments.exists()


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_director", "as_oversight", "as_reviewer"])
def test_only_the_secretariat_and_assigned_reviewers_comment(request, persona, version):
    module = version.modules.get()
    client = request.getfixturevalue(persona)
    response = client.post(reverse("curriculum:module_comment", args=[module.pk]), {"text": "x"})
    assert response.status_code == 403
    assert not module.comments.exists()


def test_every_signed_in_role_reads_the_rules_and_the_difference(as_liaison_a, version):
    module = version.modules.get()
    assert as_liaison_a.get(f"/api/v1/curriculum/modules/{module.pk}/rules").status_code == 200
    diff = as_liaison_a.get(reverse("curriculum:version_diff", args=[version.pk]))
    assert diff.status_code == 200 and diff.context["previous"] is None
