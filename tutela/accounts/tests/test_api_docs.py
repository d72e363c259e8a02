"""The OpenAPI document and the interactive docs page."""

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
DOCS = "/api/v1/docs"

EXPECTED_PATHS = [
    "/api/v1/accounts/me",
    "/api/v1/partners/countries",
    "/api/v1/partners",
    "/api/v1/partners/{partner_id}",
    "/api/v1/partners/{partner_id}/agencies",
    "/api/v1/partners/agencies/{agency_id}/units",
    "/api/v1/pledges",
    "/api/v1/curriculum/courses",
    "/api/v1/curriculum/versions/{version_id}",
    "/api/v1/curriculum/versions/{version_id}/modules",
    "/api/v1/curriculum/versions/{version_id}/submit",
    "/api/v1/curriculum/versions/{version_id}/review",
    "/api/v1/activities",
    "/api/v1/activities/{activity_id}",
    "/api/v1/activities/{activity_id}/status",
    "/api/v1/activities/{activity_id}/seat-requests",
    "/api/v1/activities/{activity_id}/allocation",
    "/api/v1/nominations",
    "/api/v1/nominations/{nomination_id}",
    "/api/v1/nominations/{nomination_id}/enrol",
    "/api/v1/nominations/{nomination_id}/complete",
    "/api/v1/nominations/{nomination_id}/withdraw",
    "/api/v1/nominations/officers",
    "/api/v1/nominations/officers/{officer_id}",
    "/api/v1/vetting/decisions",
    "/api/v1/vetting/decisions/{decision_id}",
    "/api/v1/audit/events",
    "/api/v1/audit/verify",
]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


@pytest.fixture
def document(anonymous: Client) -> dict[str, Any]:
    response = anonymous.get(OPENAPI)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_openapi_document_is_openapi_3_1_with_the_paths(document):
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] == "Tutela API"
    assert document["info"]["version"]
    missing = [p for p in EXPECTED_PATHS if p not in document["paths"]]
    assert missing == []


def test_every_reference_in_the_document_resolves(document):
    refs = _refs(document)

    assert refs
    for ref in refs:
        assert isinstance(_resolve(document, ref), dict), ref


def test_bearer_scheme_is_declared_and_required_by_every_operation(document):
    schemes = document["components"]["securitySchemes"]
    bearer = [
        name for name, s in schemes.items() if s["type"] == "http" and s["scheme"] == "bearer"
    ]
    assert bearer

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = {name for requirement in operation["security"] for name in requirement}
            assert bearer[0] in names, f"{method} {path}"


def test_operations_document_their_error_responses(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "401" in codes, f"{method} {path}"
            assert any(c.startswith("2") for c in codes), f"{method} {path}"
            if method == "post":
                assert {"400", "403", "409", "422"} <= codes, f"{method} {path}"
            for code, response in operation["responses"].items():
                assert response["description"], f"{method} {path} {code}"
                if not code.startswith("2"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"].endswith(("/ErrorOut", "/ValidationErrorOut"))


def test_page_size_is_bounded_in_the_document(document):
    parameters = document["paths"]["/api/v1/nominations"]["get"]["parameters"]
    limit = next(p for p in parameters if p["name"] == "limit")

    assert limit["schema"]["maximum"] == 200


def test_evidence_is_documented_as_analyst_only(document):
    properties = document["components"]["schemas"]["DecisionOut"]["properties"]

    assert "analyst" in properties["evidence"]["description"]


def test_docs_page_is_served_from_our_own_static_files(anonymous):
    response = anonymous.get(DOCS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    external = [u for u in urls if "://" in u or u.startswith("//")]
    assert external == [], "the docs page must not load anything from another host"
    assets = [u.split("/static/", 1)[1] for u in urls if "/static/" in u]
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert [a for a in assets if finders.find(a) is None] == []
