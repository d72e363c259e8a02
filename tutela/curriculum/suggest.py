"""Suggest the provisions a module teaches, from its text: BM25 over the catalogue's summaries.

Plain Python, no Django import, so the benchmark (`bench/curriculum.py`) runs it alone. The
catalogue is a few hundred short summaries, so an inverted index in a dict answers in well under
a millisecond; a vector library would add a heavy dependency for no measurable gain. Words are
case- and accent-folded and cut to a crude stem; a short table maps the words trainers write
("tear gas", "protest", "spyware") to the words the standards use ("chemical irritants",
"assembly", "surveillance"), since the two vocabularies barely overlap.
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

K1 = 1.2
B = 0.75

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "each",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "may",
        "more",
        "most",
        "must",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
        "module",
        "modules",
        "course",
        "participants",
        "participant",
        "learn",
        "learning",
        "able",
        "explain",
        "describe",
        "understand",
        "session",
        "sessions",
        "officers",
        "officer",
        "police",
        "law",
        "enforcement",
    ]
)

# Trainers' words → the standards' words (added to the text, the original words stay).
EXPANSIONS: dict[str, str] = {
    "protest": "assembly assemblies",
    "protests": "assembly assemblies",
    "demonstration": "assembly",
    "demonstrations": "assembly",
    "demonstrators": "assembly",
    "crowd": "assembly assemblies",
    "crowds": "assembly assemblies",
    "riot": "violent assembly disorder",
    "kettling": "assembly force",
    "tear": "chemical irritants distance",
    "pepper": "chemical irritants hand-held",
    "spray": "chemical irritants",
    "taser": "conducted electrical weapons",
    "tasers": "conducted electrical weapons",
    "rubber": "kinetic impact projectiles",
    "baton": "batons",
    "shooting": "firearms",
    "gun": "firearms",
    "guns": "firearms",
    "lethal": "firearms life",
    "interrogation": "interview interviewing questioning",
    "interrogations": "interview interviewing",
    "suspect": "interview investigation",
    "confession": "statements torture interview",
    "confessions": "statements torture",
    "coercion": "torture",
    "coercive": "torture",
    "ill-treatment": "torture cruel degrading",
    "beating": "torture cruel",
    "cell": "custody detainees",
    "cells": "custody detainees",
    "lock-up": "custody detainees",
    "prisoner": "custody detainees",
    "prisoners": "custody detainees",
    "arrest": "arrest liberty detention",
    "arrested": "arrest liberty detention",
    "wiretap": "surveillance communications interception",
    "wiretapping": "surveillance communications",
    "interception": "surveillance communications",
    "spyware": "surveillance hacking",
    "hacking": "spyware",
    "cctv": "surveillance monitoring public spaces",
    "facial": "biometric recognition surveillance",
    "biometric": "recognition surveillance",
    "phone": "communications",
    "phones": "communications",
    "data": "privacy personal data",
    "osint": "surveillance monitoring",
    "social": "expression",
    "journalists": "expression",
    "bribe": "corruption",
    "bribery": "corruption",
    "integrity": "corruption",
    "terrorism": "emergency exceptional",
    "terrorist": "emergency exceptional",
    "extremism": "emergency",
    "vendor": "business enterprises",
    "vendors": "business enterprises",
    "supplier": "business enterprises",
    "procurement": "business enterprises contracting",
    "complaints": "complaint remedy",
    "victims": "victim remedy",
    "women": "vulnerable non-discrimination",
    "children": "vulnerable juveniles",
    "minorities": "non-discrimination discrimination",
    "racism": "discrimination xenophobia",
    "profiling": "discrimination",
    "doctor": "medical health",
    "forensic": "medical evidence documentation",
    "autopsy": "medical evidence",
}

_WORD = re.compile(r"[\w-]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'detainees' with 'detention' and 'assemblies'
    with 'assembly'."""
    for suffix in (
        "ations",
        "ation",
        "ions",
        "ion",
        "ings",
        "ing",
        "ies",
        "ees",
        "ee",
        "es",
        "ed",
        "s",
        "y",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    words = _WORD.findall(_fold(text))
    out: list[str] = []
    for word in words:
        extra = EXPANSIONS.get(word, "")
        for part in [word, *extra.split()]:
            for piece in part.split("-") if "-" in part else [part]:
                if piece and piece not in STOPWORDS and not piece.isdigit() and len(piece) > 2:
                    out.append(stem(piece))
    return out


@dataclass(frozen=True)
class Suggestion:
    code: str
    score: float


class SuggestionIndex:
    """BM25 over documents given as (code, text)."""

    def __init__(self, documents: Iterable[tuple[str, str]]) -> None:
        self.codes: list[str] = []
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for code, text in documents:
            counts = Counter(terms(text))
            doc = len(self.codes)
            self.codes.append(code)
            self.lengths.append(sum(counts.values()))
            for term, n in counts.items():
                self.postings.setdefault(term, []).append((doc, n))
        count = len(self.codes) or 1
        self.average = (sum(self.lengths) / count) or 1.0
        self.idf = {
            term: math.log(1 + (count - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, docs in self.postings.items()
        }

    def search(self, text: str, k: int = 5, exclude: Sequence[str] = ()) -> list[Suggestion]:
        scores: dict[int, float] = {}
        for term, qn in Counter(terms(text)).items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for doc, n in self.postings[term]:
                norm = n * (K1 + 1) / (n + K1 * (1 - B + B * self.lengths[doc] / self.average))
                scores[doc] = scores.get(doc, 0.0) + idf * norm * (1 + math.log(qn))
        skip = set(exclude)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.codes[item[0]]))
        out = [
            Suggestion(self.codes[d], round(s, 2)) for d, s in ranked if self.codes[d] not in skip
        ]
        return out[:k]
