"""The approved curriculum and its review summary, public (no sign-in), as pages and API."""

import pytest
from django.urls import reverse

from tutela.curriculum.models import ModuleProvisionLink, Provision, VersionStatus
from tutela.testing import make_course_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(catalogue):
    version = make_course_version(VersionStatus.APPROVED, summary="Public summary.")
    ModuleProvisionLink.objects.create(
        module=version.modules.get(),
        provision=Provision.objects.get(code="UN-CCLEO-1979:A02"),
        how="Dignity in every encounter.",
    )
    version.approved_at = version.reviews.get().decided_at
    version.save()
    return version


def test_anyone_reads_the_approved_curriculum(anonymous, approved):
    draft = make_course_version(VersionStatus.DRAFT)
    html = anonymous.get(reverse("curriculum:public_list")).content.decode()
    assert approved.course.code in html and draft.course.code not in html
    page = anonymous.get(reverse("curriculum:public_version", args=[approved.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dignity in every encounter." in html and "UN-CCLEO-1979:A02" in html
    assert "by 1 curriculum reviewer(s)" in html
    reviewer = approved.reviews.get().reviewer
    assert reviewer.username not in html  # reviewers are numbered, not named


@pytest.mark.parametrize(
    "status", [VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.REJECTED]
)
def test_versions_not_approved_are_not_public(anonymous, catalogue, status):
    version = make_course_version(status)
    assert anonymous.get(reverse("curriculum:public_version", args=[version.pk])).status_code == 404
    assert anonymous.get(f"/api/v1/public/curriculum/{version.pk}").status_code == 404


def test_public_api_lists_and_details_without_a_token(anonymous, approved):
    listing = anonymous.get("/api/v1/public/curriculum/")
    assert listing.status_code == 200
    [row] = listing.json()
    assert (row["course"], row["provisions"], row["modules"]) == (approved.course.code, 1, 1)
    body = anonymous.get(f"/api/v1/public/curriculum/{approved.pk}").json()
    assert body["modules"][0]["provisions"][0]["provision"] == "UN-CCLEO-1979:A02"
    review = body["review"]
    assert review["complete"] is True and review["approvals"] == 1
    assert review["decisions"][0]["reviewer"] == 1
    assert "reviewer" not in str(review["decisions"][0]["reasons"]).lower()
    standards = anonymous.get("/api/v1/public/curriculum/standards").json()
    assert {"code": "UN-IP-2004", "superseded_by": "UN-IP-2022"}.items() <= next(
        s for s in standards if s["code"] == "UN-IP-2004"
    ).items()
    provisions = anonymous.get("/api/v1/public/curriculum/provisions").json()
    assert len(provisions) == Provision.objects.count()


def test_the_authenticated_curriculum_api_still_needs_a_token(anonymous):
    assert anonymous.get("/api/v1/curriculum/courses").status_code == 401


def test_public_list_queries_are_bounded(anonymous, catalogue, django_assert_max_num_queries):
    for _ in range(5):
        make_course_version(VersionStatus.APPROVED)
    with django_assert_max_num_queries(3):
        assert anonymous.get(reverse("curriculum:public_list")).status_code == 200
    with django_assert_max_num_queries(3):
        assert len(anonymous.get("/api/v1/public/curriculum/").json()) == 5


def test_the_public_api_has_its_own_openapi_document(anonymous):
    paths = anonymous.get("/api/v1/public/openapi.json").json()["paths"]
    assert "/api/v1/public/curriculum/{version_id}" in paths
    assert all("security" not in op for ops in paths.values() for op in ops.values())
