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

from rapidfuzz import fuzz, process

from .entities import Entity
from .names import AnalysedName, Role
from .score import AnalysedNames, analysed_names

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


def key_form(name: AnalysedName) -> str:
    """The name's parts as phonetic keys ("mhmt pn slmn"): unvocalised and vocalised
    romanisations of one name meet here."""
    return " ".join(p.key for p in name.parts)


def quick_strings(names: AnalysedNames) -> tuple[str, ...]:
    out: list[str] = []
    for _, a in names:
        for text in (a.form, key_form(a)):
            if text not in out:
                out.append(text)
    return tuple(out)


def trigram_keys(name: AnalysedName) -> set[str]:
    s = f"_{name.compact}_"
    return {"g:" + s[i : i + 3] for i in range(len(s) - 2)}


# Candidate generation reads postings in order of rising document frequency. Postings are read
# in full until this many entries have been read; the longer (commoner, low-IDF) ones after that
# only add to entities already found, so a query on common names ("mohammed ali") stays cheap.
POSTINGS_BUDGET = 2_000


@dataclass
class Index:
    """Postings over name keys, and each listed entity's names analysed once, at build time
    (`names[i]` is `analysed_names(entities[i])`): a query is scored against these."""

    entities: list[Entity] = field(default_factory=list)
    postings: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    names: list[AnalysedNames] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)  # KEY_WEIGHT × IDF per key
    posting_sets: dict[str, frozenset[int]] = field(default_factory=dict)  # long postings only
    # Per entity, the strings `quick_scores` compares: each name's form and its key form.
    quick: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Index:
        index = cls()
        postings: dict[str, list[int]] = defaultdict(list)
        for entity in entities:
            if entity.entity_id in index.by_id:
                raise ValueError(f"duplicate entity id {entity.entity_id!r}")
            n = len(index.entities)
            index.entities.append(entity)
            index.by_id[entity.entity_id] = n
            names = analysed_names(entity)
            index.names.append(names)
            index.quick.append(quick_strings(names))
            keys: set[str] = set()
            for _, analysed in names:
                keys |= name_keys(analysed)
                keys |= trigram_keys(analysed)
            for key in keys:
                postings[key].append(n)  # entity numbers rise, so each posting is sorted
        total = len(index.entities)
        index.postings = {k: tuple(v) for k, v in postings.items()}
        index.weights = {
            k: KEY_WEIGHT[k[0]] * math.log(1 + total / len(v)) for k, v in index.postings.items()
        }
        long = POSTINGS_BUDGET // 4
        index.posting_sets = {k: frozenset(v) for k, v in index.postings.items() if len(v) > long}
        return index

    def __len__(self) -> int:
        return len(self.entities)

    def _idf(self, key: str) -> float:
        df = len(self.postings.get(key, ()))
        return math.log(1 + len(self.entities) / df) if df else 0.0

    def candidates(self, query: Entity, k: int = 50) -> list[str]:
        """Ids of up to `k` listed entities most likely to match `query`, best first."""
        found = self.candidate_numbers(analysed_names(query), k)
        return [self.entities[i].entity_id for i in found]

    def candidate_numbers(self, names: AnalysedNames, k: int = 50) -> list[int]:
        """Positions in `entities` of up to `k` candidates for a query's analysed names."""
        analysed = [a for _, a in names]
        keys: set[str] = set()
        for a in analysed:
            keys |= name_keys(a)
        scores: dict[int, float] = {}
        read = self._accumulate(keys, scores, 0)
        short = any(len(a.parts) <= 2 for a in analysed)
        if short or len(scores) < k:
            grams: set[str] = set()
            for a in analysed:
                grams |= trigram_keys(a)
            self._accumulate(grams - keys, scores, read)
        if len(scores) > k:
            best = heapq.nlargest(k, scores, key=scores.__getitem__)
        else:
            best = list(scores)
        best.sort(key=lambda i: (-scores[i], i))
        return best

    def quick_scores(self, names: AnalysedNames, found: Sequence[int]) -> dict[int, float]:
        """A cheap name similarity (0–100) of each candidate in `found` to the query: the best
        RapidFuzz token_sort_ratio between any of the query's forms or key forms and any of the
        candidate's, computed in C. Used to choose which candidates get the full scorer."""
        choices: list[str] = []
        owner: list[int] = []
        quick = self.quick
        for i in found:
            strings = quick[i]
            choices.extend(strings)
            owner.extend([i] * len(strings))
        best = dict.fromkeys(found, 0.0)
        for text in quick_strings(names):
            for _, score, j in process.extract(
                text, choices, scorer=fuzz.token_sort_ratio, processor=None, limit=None
            ):
                i = owner[j]
                if score > best[i]:
                    best[i] = score
        return best

    def _accumulate(self, keys: Iterable[str], scores: dict[int, float], read: int) -> int:
        """Add each key's weight to the entities in its posting; returns the entries read."""
        postings, weights = self.postings, self.weights
        found = sorted((len(postings[key]), key) for key in keys if key in postings)
        get = scores.get
        for df, key in found:
            weight = weights[key]
            if read + df <= POSTINGS_BUDGET or not scores:
                read += df
                for i in postings[key]:
                    scores[i] = get(i, 0.0) + weight
            else:  # a common key: only for the entities already found
                members = self.posting_sets.get(key) or frozenset(postings[key])
                for i in sorted(scores.keys() & members):
                    scores[i] += weight
        return read


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
