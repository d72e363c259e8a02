"""The API tokens page and the create_api_token command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tutela.accounts.models import ApiToken
from tutela.audit.models import Event

pytestmark = pytest.mark.django_db

PAGE = "/tokens/"


def test_token_page_lists_only_your_own_tokens(as_liaison_a, liaison_a, liaison_b):
    ApiToken.objects.create(user=liaison_a, name="my script", prefix="tut_aaaa", digest="a" * 64)
    ApiToken.objects.create(user=liaison_b, name="their script", prefix="tut_bbbb", digest="b" * 64)

    response = as_liaison_a.get(PAGE)

    assert response.status_code == 200
    assert "my script" in response.content.decode()
    assert "their script" not in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(anonymous):
    response = anonymous.get(PAGE)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_issuing_shows_the_key_once_and_it_works(as_liaison_a, liaison_a):
    response = as_liaison_a.post("/tokens/new/", {"name": "roster sync"})

    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("tut_")
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=liaison_a)
    assert token.digest == ApiToken.digest_of(key)
    assert Event.objects.filter(verb="api_token.issued", object_id=str(token.pk)).exists()
    assert key not in as_liaison_a.get(PAGE).content.decode()
    api = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.json()["username"] == "liaison-a"


def test_blank_name_is_a_400_with_the_field_error(as_liaison_a):
    response = as_liaison_a.post("/tokens/new/", {"name": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_duplicate_active_name_is_refused_on_the_field(as_liaison_a):
    as_liaison_a.post("/tokens/new/", {"name": "sync"})

    response = as_liaison_a.post("/tokens/new/", {"name": "sync"})

    assert response.status_code == 400
    assert "already have" in str(response.context["form"].errors["name"])
    assert ApiToken.objects.count() == 1


def test_revoking_stops_the_token_working(as_liaison_a, liaison_a):
    key = as_liaison_a.post("/tokens/new/", {"name": "sync"}).context["new_key"]
    token = ApiToken.objects.get(user=liaison_a)

    response = as_liaison_a.post(f"/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(verb="api_token.revoked").exists()
    api = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 401


def test_you_cannot_revoke_someone_elses_token(as_liaison_b, liaison_a):
    token = ApiToken.objects.create(user=liaison_a, name="x", prefix="tut_aaaa", digest="a" * 64)

    response = as_liaison_b.post(f"/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_needs_post(as_liaison_a, liaison_a):
    token = ApiToken.objects.create(user=liaison_a, name="x", prefix="tut_aaaa", digest="a" * 64)

    assert as_liaison_a.get(f"/tokens/{token.pk}/revoke/").status_code == 405


def test_command_prints_a_working_key_once(secretariat):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "create_api_token", "secretariat", "--name", "nightly export", stdout=out, stderr=err
    )

    key = out.getvalue().strip()
    assert key.startswith("tut_")
    assert "nightly export" in err.getvalue()
    token = ApiToken.objects.get(user=secretariat)
    assert token.digest == ApiToken.digest_of(key)
    assert Event.objects.get(verb="api_token.issued").actor_label == "system"
    api = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "nobody", "--name", "x")
