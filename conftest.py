"""Fixtures shared by every test: the personas of tutela/testing.py."""

import os

import pytest
from django.test import Client

from tutela.accounts.models import Role, User
from tutela.partners.models import Partner
from tutela.testing import make_partner, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright + ORM in e2e tests


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: object) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }


@pytest.fixture
def partner_a(db: None) -> Partner:
    return make_partner("KE")


@pytest.fixture
def partner_b(db: None) -> Partner:
    return make_partner("PE")


@pytest.fixture
def secretariat(db: None) -> User:
    return make_user(Role.SECRETARIAT, username="secretariat")


@pytest.fixture
def secretariat_head(db: None) -> User:
    return make_user(Role.SECRETARIAT, username="head", is_head=True)


@pytest.fixture
def liaison_a(partner_a: Partner) -> User:
    return make_user(Role.LIAISON, username="liaison-a", partner=partner_a)


@pytest.fixture
def liaison_b(partner_b: Partner) -> User:
    return make_user(Role.LIAISON, username="liaison-b", partner=partner_b)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user(Role.ANALYST, username="analyst")


@pytest.fixture
def reviewer(db: None) -> User:
    return make_user(Role.REVIEWER, username="reviewer")


@pytest.fixture
def oversight(db: None) -> User:
    return make_user(Role.OVERSIGHT, username="oversight")


@pytest.fixture
def director(db: None) -> User:
    return make_user(Role.INSTRUCTOR, username="director")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_secretariat(secretariat: User) -> Client:
    return _client_for(secretariat)


@pytest.fixture
def as_head(secretariat_head: User) -> Client:
    return _client_for(secretariat_head)


@pytest.fixture
def as_liaison_a(liaison_a: User) -> Client:
    return _client_for(liaison_a)


@pytest.fixture
def as_liaison_b(liaison_b: User) -> Client:
    return _client_for(liaison_b)


@pytest.fixture
def as_analyst(analyst: User) -> Client:
    return _client_for(analyst)


@pytest.fixture
def as_reviewer(reviewer: User) -> Client:
    return _client_for(reviewer)


@pytest.fixture
def as_oversight(oversight: User) -> Client:
    return _client_for(oversight)


@pytest.fixture
def as_director(director: User) -> Client:
    return _client_for(director)


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    """Personas are created with passwords; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Figures are cached per audit-chain head; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
