"""Linking provisions to modules, the rules shown to the author, and suggestions."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.curriculum.actions import (
    add_module,
    create_course,
    create_version,
    link_provision,
    unlink_provision,
)
from tutela.curriculum.models import ModuleProvisionLink, Provision, Topic, VersionStatus
from tutela.curriculum.suggestions import suggest_for_module
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.testing import make_course_version

pytestmark = pytest.mark.django_db


def _crowd_version(secretariat):
    course = create_course(code="PO-1", title="Public order", by=secretariat)
    version = create_version(course, by=secretariat, learning_outcomes="Police assemblies.")
    module = add_module(
        version,
        by=secretariat,
        title="Facilitating peaceful protests",
        hours=Decimal(6),
        learning_outcomes="Negotiate with organisers and disperse a crowd with minimum force; "
        "when tear gas may never be used.",
        topics=list(Topic.objects.filter(code="crowd-management")),
    )
    return version, module


def test_link_needs_a_line_on_how_and_is_audited(catalogue, secretariat):
    _version, module = _crowd_version(secretariat)
    provision = Provision.objects.get(code="UN-BPUFF-1990:P13")
    with pytest.raises(ActionError) as refused:
        link_provision(module, provision=provision, how="  ", by=secretariat)
    assert refused.value.field == "how"
    link = link_provision(module, provision=provision, how="Dispersal exercise.", by=secretariat)
    assert Event.objects.filter(verb="module.provision_linked").count() == 1
    with pytest.raises(Conflict):
        link_provision(module, provision=provision, how="Again.", by=secretariat)
    unlink_provision(link, by=secretariat)
    assert not ModuleProvisionLink.objects.exists()


def test_only_the_secretariat_links_and_only_on_drafts(catalogue, secretariat, reviewer):
    version, module = _crowd_version(secretariat)
    provision = Provision.objects.get(code="ICCPR-1966:A21")
    with pytest.raises(NotAllowed):
        link_provision(module, provision=provision, how="x", by=reviewer)
    version.status = VersionStatus.IN_REVIEW
    version.save()
    with pytest.raises(Conflict):
        link_provision(module, provision=provision, how="x", by=secretariat)


def test_a_new_version_copies_the_links(catalogue, secretariat):
    version, module = _crowd_version(secretariat)
    link_provision(
        module,
        provision=Provision.objects.get(code="ICCPR-1966:A21"),
        how="Rights of organisers.",
        by=secretariat,
    )
    copy = create_version(version.course, by=secretariat, copy_from=version)
    copied = copy.modules.get()
    assert copied.derived_from == module
    assert [(link.provision.code, link.how) for link in copied.links.all()] == [
        ("ICCPR-1966:A21", "Rights of organisers.")
    ]


def test_suggestions_rank_the_assembly_provisions_first_and_skip_linked_ones(
    catalogue, secretariat
):
    _version, module = _crowd_version(secretariat)
    suggested = [p.code for p, _score in suggest_for_module(module)]
    assert len(suggested) == 5
    assert {"UN-BPUFF-1990:P13", "UN-LLW-2020:S7.3"} <= set(suggested)
    scores = [score for _p, score in suggest_for_module(module)]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    link_provision(
        module,
        provision=Provision.objects.get(code="UN-BPUFF-1990:P13"),
        how="Dispersal.",
        by=secretariat,
    )
    module.refresh_from_db()
    assert "UN-BPUFF-1990:P13" not in [p.code for p, _s in suggest_for_module(module)]


def test_the_author_sees_which_provisions_are_missing_and_links_them(
    catalogue, secretariat, as_secretariat
):
    version, module = _crowd_version(secretariat)
    page = as_secretariat.get(version.get_absolute_url())
    html = page.content.decode()
    assert "3 topic rules are not met yet." in html
    assert "Use of force at assemblies" in html and "UN-BPUFF-1990:P12" in html
    assert page.context["rows"][0]["suggestions"]
    response = as_secretariat.post(
        reverse("curriculum:module_link", args=[module.pk]),
        {"provision": "ICCPR-1966:A21", "how": "Organisers' rights in the briefing."},
    )
    assert response.status_code == 302
    html = as_secretariat.get(version.get_absolute_url()).content.decode()
    assert "2 topic rules are not met yet." in html
    assert "Organisers&#x27; rights in the briefing." in html


def test_linking_an_unknown_code_is_400_with_the_reason(catalogue, secretariat, as_secretariat):
    _version, module = _crowd_version(secretariat)
    response = as_secretariat.post(
        reverse("curriculum:module_link", args=[module.pk]),
        {"provision": "UN-XX:P1", "how": "x"},
    )
    assert response.status_code == 400
    assert "No provision has the code UN-XX:P1." in response.context["action_error"]


@pytest.mark.parametrize("persona", ["as_reviewer", "as_oversight", "as_liaison_a"])
def test_only_the_secretariat_links_through_the_page(request, persona, catalogue, secretariat):
    _version, module = _crowd_version(secretariat)
    response = request.getfixturevalue(persona).post(
        reverse("curriculum:module_link", args=[module.pk]),
        {"provision": "ICCPR-1966:A21", "how": "x"},
    )
    assert response.status_code == 403
    assert not ModuleProvisionLink.objects.exists()


def test_api_rules_suggestions_and_link(catalogue, secretariat, as_secretariat, as_reviewer):
    _version, module = _crowd_version(secretariat)
    api = f"/api/v1/curriculum/modules/{module.pk}"
    rules = as_reviewer.get(f"{api}/rules").json()
    assert {r["requirement"] for r in rules if not r["met"]} == {
        "Use of force at assemblies (Basic Principles 12–14)",
        "Less-lethal weapons at assemblies",
        "Right of peaceful assembly",
    }
    suggestions = as_reviewer.get(f"{api}/suggestions").json()
    assert len(suggestions) == 5 and suggestions[0]["score"] > 0
    body = {"provision": "UN-LLW-2020:S6.3", "how": "Case study."}
    assert as_reviewer.post(f"{api}/links", json.dumps(body), "application/json").status_code == 403
    response = as_secretariat.post(f"{api}/links", json.dumps(body), "application/json")
    assert response.status_code == 201 and response.json()["provision"] == "UN-LLW-2020:S6.3"
    bad = as_secretariat.post(
        f"{api}/links", json.dumps({"provision": "nope", "how": "x"}), "application/json"
    )
    assert bad.status_code == 400 and bad.json()["field"] == "provision"
    met = {r["requirement"]: r["met"] for r in as_reviewer.get(f"{api}/rules").json()}
    assert met["Less-lethal weapons at assemblies"] is True


def test_the_catalogue_page_is_public_and_shows_rules_and_official_links(catalogue, anonymous):
    html = anonymous.get(reverse("curriculum:standard_list")).content.decode()
    assert "Less-lethal weapons at assemblies" in html
    assert "https://www.ohchr.org/en/instruments-mechanisms/instruments/" in html
    assert "superseded by UN-IP-2022" in html


def test_a_version_without_high_risk_topics_needs_no_links(catalogue, as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    html = as_secretariat.get(version.get_absolute_url()).content.decode()
    assert "topic rules are not met" not in html


def test_the_author_sees_the_topic_rules_while_writing_a_module(catalogue, as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    page = as_secretariat.get(reverse("curriculum:module_create", args=[version.pk]))
    html = page.content.decode()
    assert 'data-testid="topic-rules"' in html
    assert "Less-lethal weapons at assemblies" in html and "UN-LLW-2020:S7.3" in html
