import pytest
from django.urls import reverse, set_script_prefix

from tutela.lib.urls import url_for


@pytest.mark.parametrize(
    "name", ["nominations:detail", "activities:detail", "vetting:decision_detail"]
)
@pytest.mark.parametrize("pk", [1, 42, 2_147_483_646])
def test_url_for_equals_reverse(name: str, pk: int) -> None:
    assert url_for(name, pk) == reverse(name, args=[pk])


def test_url_for_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/tutela/")
        assert url_for("nominations:detail", 7) == "/tutela/nominations/7/"
    finally:
        set_script_prefix("/")
