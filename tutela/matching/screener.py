"""The screening facade: an index of listed entities and a scorer behind one call."""

from __future__ import annotations

from collections.abc import Iterable

from .entities import Entity
from .index import Index
from .score import Match, score_pair


class Screener:
    def __init__(self, index: Index) -> None:
        self.index = index

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Screener:
        return cls(Index.build(entities))

    def screen(
        self, query: Entity, top: int = 5, min_score: float = 0.0, candidates: int = 50
    ) -> list[Match]:
        """The best `top` listed entities scoring at least `min_score`, best first, explained."""
        matches = []
        for entity_id in self.index.candidates(query, candidates):
            entity = self.index.entities[self.index.by_id[entity_id]]
            match = score_pair(query, entity)
            if match.score >= min_score:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.entity_id))
        return matches[:top]
