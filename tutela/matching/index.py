"""In-memory candidate index: inverted postings over name keys, ranked by summed IDF.

Keys per romanised name: each part (`t:`), its phonetic/consonant-skeleton key (`p:`), the compact
name (`c:`, for "JSCARGUMENT" vs "JSC ARGUMENT"), an organisation's acronym (`a:`) and character
trigrams of the compact name (`g:`). A query collects the postings of its own keys and ranks
entities by the summed inverse document frequency of the keys they share; trigram keys count for
little and are looked up only for short names (one or two parts) or when the other keys find too
few entities. Blocking recall is measured on its own by `blocking_recall`.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .entities import Entity
from .names import AnalysedName, Role
from .score import analysed_names

KEY_WEIGHT = {"t": 1.0, "p": 0.6, "c": 1.5, "a": 1.0, "g": 0.12}
SKIP_ROLES = frozenset({Role.CONNECTOR, Role.LEGAL_FORM})


def name_keys(name: AnalysedName) -> set[str]:
    keys: set[str] = set()
    for part in name.parts:
        if part.role in SKIP_ROLES:
            continue
        keys.add("t:" + part.text)
        if part.key and part.role is not Role.NUMBER:
            keys.add("p:" + part.key)
    keys.add("c:" + name.compact)
    if name.acronym:
        keys.add("a:" + name.acronym)
    if len(name.parts) == 1:
        keys.add("a:" + name.parts[0].text)
    return keys


def trigram_keys(name: AnalysedName) -> set[str]:
    s = f"_{name.compact}_"
    return {"g:" + s[i : i + 3] for i in range(len(s) - 2)}


@dataclass
class Index:
    entities: list[Entity] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Index:
        index = cls()
        postings: dict[str, set[int]] = defaultdict(set)
        for entity in entities:
            if entity.entity_id in index.by_id:
                raise ValueError(f"duplicate entity id {entity.entity_id!r}")
            n = len(index.entities)
            index.entities.append(entity)
            index.by_id[entity.entity_id] = n
            for _, analysed in analysed_names(entity):
                for key in name_keys(analysed) | trigram_keys(analysed):
                    postings[key].add(n)
        index.postings = {k: sorted(v) for k, v in postings.items()}
        return index

    def __len__(self) -> int:
        return len(self.entities)

    def _idf(self, key: str) -> float:
        df = len(self.postings.get(key, ()))
        return math.log(1 + len(self.entities) / df) if df else 0.0

    def candidates(self, query: Entity, k: int = 50) -> list[str]:
        """Ids of up to `k` listed entities most likely to match `query`, best first."""
        names = [a for _, a in analysed_names(query)]
        keys: set[str] = set()
        for a in names:
            keys |= name_keys(a)
        scores: dict[int, float] = defaultdict(float)
        self._accumulate(keys, scores)
        short = any(len(a.parts) <= 2 for a in names)
        if short or len(scores) < k:
            grams: set[str] = set()
            for a in names:
                grams |= trigram_keys(a)
            self._accumulate(grams - keys, scores)
        best = heapq.nsmallest(k, scores.items(), key=lambda t: (-t[1], t[0]))
        return [self.entities[i].entity_id for i, _ in best]

    def _accumulate(self, keys: Iterable[str], scores: dict[int, float]) -> None:
        for key in sorted(keys):
            posting = self.postings.get(key)
            if not posting:
                continue
            weight = KEY_WEIGHT[key[0]] * self._idf(key)
            for i in posting:
                scores[i] += weight


def blocking_recall(
    index: Index, cases: Sequence[tuple[Entity, frozenset[str]]], ks: Sequence[int] = (10, 50, 200)
) -> dict[int, float]:
    """Share of queries whose gold entity ids are (any of them) among the top K candidates."""
    if not cases:
        return {k: 0.0 for k in ks}
    top = max(ks)
    hits = dict.fromkeys(ks, 0)
    for query, gold in cases:
        found = index.candidates(query, top)
        for k in ks:
            if gold & set(found[:k]):
                hits[k] += 1
    return {k: hits[k] / len(cases) for k in ks}
