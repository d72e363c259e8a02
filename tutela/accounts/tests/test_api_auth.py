"""Who may use the API: bearer tokens, the browser session with CSRF, and the error shapes."""

import pytest
from django.test import Client

from tutela.accounts.actions import issue_api_token, revoke_api_token
from tutela.accounts.models import ApiToken, Role
from tutela.testing import make_user

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me"
PARTNERS = "/api/v1/partners"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_valid_token_authenticates_as_its_user_and_records_use(liaison_a):
    token, key = issue_api_token(liaison_a, name="roster sync", by=liaison_a)
    assert token.last_used_at is None

    response = Client().get(ME, headers=bearer(key))

    assert response.status_code == 200
    assert response.json()["username"] == "liaison-a"
    assert response.json()["role"] == Role.LIAISON
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_scopes_the_answer_like_the_session(liaison_a, partner_b):
    _token, key = issue_api_token(liaison_a, name="script", by=liaison_a)

    response = Client().get(PARTNERS, headers=bearer(key))

    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [liaison_a.partner_id]


def test_revoked_token_is_refused(liaison_a):
    token, key = issue_api_token(liaison_a, name="old", by=liaison_a)
    revoke_api_token(token, by=liaison_a)

    response = Client().get(ME, headers=bearer(key))

    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_of_a_deactivated_user_is_refused(liaison_a):
    _token, key = issue_api_token(liaison_a, name="script", by=liaison_a)
    liaison_a.is_active = False
    liaison_a.save()

    assert Client().get(ME, headers=bearer(key)).status_code == 401


def test_missing_credentials_answer_401_json(anonymous):
    response = anonymous.get(PARTNERS)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_unauthenticated_write_is_401_not_a_csrf_refusal():
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        PARTNERS, {"kind": "country", "country": "FR"}, content_type="application/json"
    )

    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",  # no key
        "Bearer ",  # empty key
        "Bearer not-a-tutela-key",  # wrong prefix
        "Bearer tut_unknown-key",  # well formed, unknown
        "Token tut_abc",  # another scheme
        "Basic dXNlcjpwYXNz",  # basic auth is not accepted
    ],
)
def test_malformed_or_unknown_authorization_is_401(secretariat, header):
    issue_api_token(secretariat, name="real", by=secretariat)

    response = Client().get(ME, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_only_the_digest_of_a_key_is_stored(secretariat):
    token, key = issue_api_token(secretariat, name="ci", by=secretariat)

    assert key.startswith("tut_")
    assert not ApiToken.objects.filter(digest=key).exists()
    assert token.digest == ApiToken.digest_of(key)
    assert key[:8] == token.prefix


def test_session_write_needs_the_csrf_token(secretariat):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    body = {"kind": "organisation", "name": "INTERPOL"}

    refused = client.post(PARTNERS, body, content_type="application/json")
    client.get("/api/v1/docs")  # sets the CSRF cookie, as the docs page does for its requests
    accepted = client.post(
        PARTNERS,
        body,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201


def test_bearer_write_needs_no_csrf_token(secretariat):
    _token, key = issue_api_token(secretariat, name="ci", by=secretariat)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        PARTNERS,
        {"kind": "organisation", "name": "INTERPOL"},
        content_type="application/json",
        headers=bearer(key),
    )

    assert response.status_code == 201


def test_session_read_works_without_csrf(as_oversight):
    assert as_oversight.get(ME).json()["role"] == Role.OVERSIGHT


def test_malformed_json_body_is_a_4xx_not_a_500(as_secretariat):
    response = as_secretariat.post(PARTNERS, "{not json", content_type="application/json")

    assert 400 <= response.status_code < 500


def test_validation_errors_name_the_field(as_secretariat):
    response = as_secretariat.post(PARTNERS, {"kind": "planet"}, content_type="application/json")

    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "payload", "kind"] in locations


def test_action_refusals_carry_detail_and_field(as_secretariat, partner_a):
    response = as_secretariat.post(
        PARTNERS, {"kind": "country", "country": "KE"}, content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json()["field"] == "country"
    assert "already a partner" in response.json()["detail"]


def test_instructor_token_is_refused_secretariat_writes(db):
    director = make_user(Role.INSTRUCTOR)
    _token, key = issue_api_token(director, name="x", by=director)

    response = Client().post(
        PARTNERS,
        {"kind": "organisation", "name": "INTERPOL"},
        content_type="application/json",
        headers=bearer(key),
    )

    assert response.status_code == 403
    assert response.json()["detail"]


HUGE = 10**30


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/nominations?activity={HUGE}",
        f"/api/v1/nominations?partner={HUGE}",
        f"/api/v1/nominations?limit=10&offset={HUGE}",
        f"/api/v1/nominations/officers?unit={HUGE}",
        f"/api/v1/vetting/decisions?officer={HUGE}",
        f"/api/v1/curriculum/versions?course={HUGE}",
    ],
)
def test_out_of_range_query_numbers_are_422_not_500(as_oversight, url):
    response = as_oversight.get(url)

    assert response.status_code == 422


@pytest.mark.parametrize("path", [f"/api/v1/nominations/{HUGE}", f"/api/v1/activities/{HUGE}"])
def test_out_of_range_ids_in_the_path_are_404(as_oversight, path):
    assert as_oversight.get(path).status_code == 404


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "/api/v1/vetting/decisions",
            {"officer": HUGE, "outcome": "cleared", "reason": "x", "sources": "y"},
        ),
        (
            "/api/v1/pledges",
            {
                "title": "x",
                "opportunities": HUGE,
                "starts_on": "2026-01-01",
                "ends_on": "2026-12-31",
            },
        ),
        ("/api/v1/nominations", {"activity": HUGE, "justification": "x", "officer": {}}),
    ],
)
def test_out_of_range_body_numbers_are_422_not_500(as_analyst, as_secretariat, url, body):
    client = as_analyst if "vetting" in url else as_secretariat

    response = client.post(url, body, content_type="application/json")

    assert response.status_code == 422
