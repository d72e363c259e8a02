"""Paths of the fixtures and small helpers shared by the reader tests."""

from pathlib import Path

import pytest

from tutela.lib.watchlists import Problem, WatchlistError
from tutela.matching.entities import Entity

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def by_id(entities: list[Entity]) -> dict[str, Entity]:
    return {e.entity_id: e for e in entities}


def problems_of(call: object) -> list[Problem]:
    with pytest.raises(WatchlistError) as info:
        list(call())  # type: ignore[operator]
    return info.value.problems
