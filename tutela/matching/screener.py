"""The screening facade: an index of listed entities and a scorer behind one call."""

from __future__ import annotations

from collections.abc import Iterable

from .entities import Entity
from .index import Index
from .score import Match, analysed_names, score_analysed

# The default alert threshold: 1 alert per 100 clean people. Measured with
# `bench/screening/threshold.py --n 50000` on all 50,000 clean synthetic people of yente's
# negatives_global.csv (name, birth date and gender) against OFAC SDN + UN sample + UK + US CSL
# (34,363 entities): the top candidate scores >= 0.657 for 1 % of them (>= 0.897 for 0.1 %), and
# none >= 0.99. On a 5,000 sample of names only (no birth date) 1 % is at 0.819: queries without
# a birth date alert more often.
ALERT_THRESHOLD = 0.66

# How many of the index's candidates get the full scorer (see `Screener.screen`).
FULLY_SCORED = 6


class Screener:
    def __init__(self, index: Index) -> None:
        self.index = index

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Screener:
        return cls(Index.build(entities))

    def screen(
        self,
        query: Entity,
        top: int = 5,
        min_score: float = 0.0,
        candidates: int = 50,
        full: int | None = FULLY_SCORED,
    ) -> list[Match]:
        """The best `top` listed entities scoring at least `min_score`, best first, explained.

        The index proposes `candidates` entities; the `full` (at least `top`) of them most like
        the query by a cheap name similarity (`Index.quick_scores`) get the full scorer, whose
        scores and explanations are exactly `score_pair`'s. `full=None` scores all of them."""
        index = self.index
        qnames = analysed_names(query)  # analysed once, scored against cached listed names
        found = index.candidate_numbers(qnames, candidates)
        if full is not None and len(found) > max(full, top):
            quick = index.quick_scores(qnames, found)
            found = sorted(found, key=lambda i: (-quick[i], i))[: max(full, top)]
        matches = []
        for i in found:
            match = score_analysed(query, qnames, index.entities[i], index.names[i])
            if match.score >= min_score:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.entity_id))
        return matches[:top]
