"""Pairwise scoring of a query against a listed entity, on 0–1, with explanations.

Name evidence: every romanisation of every query name is aligned part by part with every
romanisation of every listed name; the best alignment gives the name score, a weighted mean of
per-part similarities in which unmatched query parts count fully and unmatched listed parts
(middle names, patronymics) lightly. Per-part similarity is the best of: exact equality; an
initial against a name with that first letter; normalised Levenshtein similarity; a shared
phonetic/consonant-skeleton key (so "mhmd" from unvocalised Arabic meets "mohammed"). Adjacent
parts are merged first when their concatenation is a part of the other side ("abdul rahman" /
"abdulrahman").

Other evidence only qualifies the name score, and only when both sides have it: birth date (same
date or year raises a little; a different year lowers a lot), nationality, gender, numbers in
organisation names (71st is not 72nd).

Identical inputs give identical scores and explanations (no randomness, no unordered iteration).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .entities import BirthDate, Entity, Kind, Name
from .names import AnalysedName, Part, Role, analyse, is_person, phonetic_key
from .normalise import InvalidName

MIN_PART_SIMILARITY = 0.55
EXTRA_CANDIDATE_WEIGHT = 0.3  # an unmatched listed part costs this share of its weight
NUMBER_MISMATCH_FACTOR = 0.4

BIRTH_SAME_DATE = 0.05
BIRTH_SAME_YEAR = 0.02
BIRTH_YEAR_OFF_BY_ONE = -0.08
BIRTH_DIFFERENT_YEAR = -0.3
BIRTH_SAME_YEAR_OTHER_DAY = -0.1
NATIONALITY_SHARED = 0.03
NATIONALITY_DISJOINT = -0.12
GENDER_MISMATCH = -0.2


@dataclass(frozen=True)
class AlignedPart:
    query: str  # "" when a listed part has no counterpart
    candidate: str  # "" when a query part has no counterpart
    similarity: float
    weight: float
    method: str  # exact, initial, fuzzy, phonetic, number, concatenated, unmatched…


@dataclass(frozen=True)
class Contribution:
    feature: str  # name, birth_date, nationality, gender, numbers, kind
    value: float  # added to the score (the name feature: the name score itself)
    detail: str


@dataclass(frozen=True)
class Match:
    entity_id: str
    score: float
    name_score: float
    query_name: str
    matched_name: str
    query_form: str
    matched_form: str
    parts: tuple[AlignedPart, ...]
    contributions: tuple[Contribution, ...]

    def explain(self) -> str:
        """One line an analyst can read; stable for identical inputs."""
        aligned = " ".join(
            f"[{p.query or '-'}~{p.candidate or '-'} {p.method} {p.similarity:.2f} w{p.weight:.2f}]"
            for p in self.parts
        )
        feats = "; ".join(f"{c.feature} {c.value:+.2f} ({c.detail})" for c in self.contributions)
        return (
            f"{self.score:.3f} '{self.query_name}' vs '{self.matched_name}' "
            f"({self.query_form} / {self.matched_form}): {aligned}; {feats}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "entity_id": self.entity_id,
            "score": self.score,
            "name_score": self.name_score,
            "query_name": self.query_name,
            "matched_name": self.matched_name,
            "parts": [p.__dict__ for p in self.parts],
            "contributions": [c.__dict__ for c in self.contributions],
        }


# --- parts -------------------------------------------------------------------------------------


def part_similarity(q: Part, c: Part, abjad: bool) -> tuple[float, str]:
    if q.text == c.text:
        return 1.0, "exact"
    if q.role is Role.NUMBER or c.role is Role.NUMBER:
        return 0.0, "number"
    if q.role is Role.INITIAL or c.role is Role.INITIAL:
        if q.text[0] == c.text[0]:
            return 0.9, "initial"
        return 0.0, "initial"
    sim = Levenshtein.normalized_similarity(q.text, c.text)
    method = "fuzzy"
    if q.key == c.key and q.key:
        floor = 0.9 if abjad else (0.85 if len(q.key) >= 3 else 0.7)
        if floor > sim:
            sim, method = floor, "phonetic"
    elif abjad and q.key and c.key:
        ksim = 0.9 * Levenshtein.normalized_similarity(q.key, c.key)
        if ksim > sim:
            sim, method = ksim, "skeleton"
    return sim, method


def merge_concatenations(side: tuple[Part, ...], other: tuple[Part, ...]) -> tuple[Part, ...]:
    """Merge adjacent parts of `side` whose concatenation is (phonetically) a part of `other`."""
    other_texts = {p.text for p in other}
    other_keys = {p.key for p in other if len(p.key) >= 4}
    parts = list(side)
    i = 0
    while i < len(parts) - 1:
        a, b = parts[i], parts[i + 1]
        joined = a.text + b.text
        if a.role is Role.NUMBER or b.role is Role.NUMBER:
            i += 1
            continue
        hit = joined in other_texts or (len(joined) >= 6 and phonetic_key(joined) in other_keys)
        if hit and not (a.text in other_texts and b.text in other_texts):
            role = Role.FAMILY if Role.FAMILY in (a.role, b.role) else b.role
            if role is Role.CONNECTOR:
                role = a.role
            parts[i : i + 2] = [Part(joined, role, phonetic_key(joined))]
            continue
        i += 1
    return tuple(parts)


# Scripts whose romanisation merges distinct written names (石 and 市 are both "shi").
HOMOPHONE_SCRIPTS = frozenset({"han", "hangul", "kana"})
# A Han, Hangul or kana name against a name in another script is compared by its romanisation,
# which many different written names share (晨 王 and 陈 王 are both "chen wang"; 김병철 is any of
# thousands of Kim Pyong Chols): never a certain match on the name alone.
CROSS_SCRIPT_HOMOPHONE_CAP = 0.95


def compare_names(q: AnalysedName, c: AnalysedName) -> tuple[float, tuple[AlignedPart, ...]]:
    """Name score on 0–1 and the aligned parts.

    A Han, Hangul or kana name compared with a name in another script scores at most
    CROSS_SCRIPT_HOMOPHONE_CAP. Two names written in the same such script are also compared as
    written: the
    romanised score is capped by 0.5 + 0.5 × their character similarity, so that homophones
    (高石早苗 / 高市早苗, 김종은 / 김정은) are not certain matches."""
    score, parts = _compare_romanised(q, c)
    if q.script != c.script and score > CROSS_SCRIPT_HOMOPHONE_CAP:
        syllabic = q.script if q.script in HOMOPHONE_SCRIPTS else c.script
        if syllabic in HOMOPHONE_SCRIPTS:
            note = AlignedPart(q.original, c.original, 0.0, 0.0, f"romanised from {syllabic}")
            return CROSS_SCRIPT_HOMOPHONE_CAP, (*parts, note)
    if q.script == c.script and q.script in HOMOPHONE_SCRIPTS and q.original != c.original:
        written = Levenshtein.normalized_similarity(q.original, c.original)
        cap = 0.5 + 0.5 * written
        if score > cap:
            note = AlignedPart(q.original, c.original, round(written, 4), 0.0, "as written")
            return round(cap, 4), (*parts, note)
    return score, parts


def _may_merge(name: AnalysedName, texts: frozenset[str], keys: frozenset[str]) -> bool:
    """Whether `merge_concatenations(name.parts, other)` could merge anything, given the other
    side's part texts and 4+-character keys: no adjacent join found there means no merge."""
    return any(joined in texts or (key and key in keys) for joined, key in name.joins)


# Similarity of two ordinary parts (not numbers, not initials, not equal) by their texts; keys
# are phonetic_key(text), so the texts and the script family decide it. Memoised: listed names
# share their parts heavily ("mohammed", "ali"), so most pairs a query meets were seen before.
_FUZZY_CACHE: dict[tuple[str, str, bool], tuple[float, str]] = {}
_FUZZY_CACHE_MAX = 1_000_000


def _fuzzy(q: Part, c: Part, abjad: bool) -> tuple[float, str]:
    cache_key = (q.text, c.text, abjad)
    hit = _FUZZY_CACHE.get(cache_key)
    if hit is None:
        hit = part_similarity(q, c, abjad)
        if len(_FUZZY_CACHE) >= _FUZZY_CACHE_MAX:
            _FUZZY_CACHE.clear()
        _FUZZY_CACHE[cache_key] = hit
    return hit


def _compare_romanised(q: AnalysedName, c: AnalysedName) -> tuple[float, tuple[AlignedPart, ...]]:
    if q.form == c.form:
        return 1.0, tuple(AlignedPart(p.text, p.text, 1.0, p.weight, "exact") for p in q.parts)
    if q.compact == c.compact:
        return 0.97, (AlignedPart(q.form, c.form, 0.97, 1.0, "concatenated"),)
    if not is_person(q.kind) or not is_person(c.kind):
        acronym = _acronym_match(q, c)
        if acronym is not None:
            return 0.9, (acronym,)
    # merge_concatenations only when an adjacent join could hit (exactly what it would find).
    if _may_merge(q, c.part_texts, c.long_keys):
        qparts = merge_concatenations(q.parts, c.parts)
    else:
        qparts = q.parts
    if qparts is not q.parts or _may_merge(c, q.part_texts, q.long_keys):
        cparts = merge_concatenations(c.parts, qparts)
    else:
        cparts = c.parts
    abjad = q.abjad or c.abjad
    pairs: list[tuple[float, int, int, str]] = []
    number, initial = Role.NUMBER, Role.INITIAL
    for i, qp in enumerate(qparts):
        qt = qp.text
        q_number = qp.role is number
        q_initial = qp.role is initial
        for j, cp in enumerate(cparts):
            # part_similarity, inlined for the common cases and memoised for the fuzzy one.
            ct = cp.text
            if qt == ct:
                pairs.append((-1.0, i, j, "exact"))
                continue
            if q_number or cp.role is number:
                continue
            if q_initial or cp.role is initial:
                if qt[0] == ct[0]:
                    pairs.append((-0.9, i, j, "initial"))
                continue
            sim, method = _fuzzy(qp, cp, abjad)
            if sim >= MIN_PART_SIMILARITY:
                pairs.append((-sim, i, j, method))
    pairs.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    aligned: list[tuple[int, AlignedPart]] = []
    num = den = 0.0
    for neg, i, j, method in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        qp, cp = qparts[i], cparts[j]
        weight = (qp.weight + cp.weight) / 2
        num += weight * -neg
        den += weight
        aligned.append((i, AlignedPart(qp.text, cp.text, round(-neg, 4), round(weight, 4), method)))
    aligned.sort(key=lambda t: t[0])
    out = [a for _, a in aligned]
    for i, qp in enumerate(qparts):
        if i not in used_q:
            den += qp.weight
            out.append(AlignedPart(qp.text, "", 0.0, qp.weight, "unmatched query part"))
    for j, cp in enumerate(cparts):
        if j not in used_c:
            w = cp.weight * EXTRA_CANDIDATE_WEIGHT
            den += w
            out.append(AlignedPart("", cp.text, 0.0, round(w, 4), "unmatched listed part"))
    score = num / den if den else 0.0
    return min(score, 0.99), tuple(out)


def _acronym_match(q: AnalysedName, c: AnalysedName) -> AlignedPart | None:
    for short, long in ((q, c), (c, q)):
        words = [p for p in short.parts if p.role not in (Role.LEGAL_FORM,)]
        if len(words) == 1 and long.acronym and words[0].text == long.acronym:
            a, b = (short.form, long.form) if short is q else (long.form, short.form)
            return AlignedPart(a, b, 0.9, 1.0, "acronym")
    return None


# --- other features ----------------------------------------------------------------------------


def _birth(q: Iterable[BirthDate], c: Iterable[BirthDate]) -> Contribution | None:
    qs, cs = tuple(q), tuple(c)
    if not qs or not cs:
        return None
    best: Contribution | None = None
    for a in qs:
        for b in cs:
            contrib = _birth_pair(a, b)
            if best is None or contrib.value > best.value:
                best = contrib
    return best


def _years(d: BirthDate) -> tuple[int, int]:
    return d.year, d.year_to or d.year


def _birth_pair(a: BirthDate, b: BirthDate) -> Contribution:
    (a0, a1), (b0, b1) = _years(a), _years(b)
    text = f"{_fmt(a)} vs {_fmt(b)}"
    if a0 <= b1 and b0 <= a1:  # years overlap
        if a.month and b.month and a.day and b.day and a.year_to is None and b.year_to is None:
            if (a.month, a.day) == (b.month, b.day):
                return Contribution("birth_date", BIRTH_SAME_DATE, f"same date {text}")
            return Contribution(
                "birth_date", BIRTH_SAME_YEAR_OTHER_DAY, f"same year, other day {text}"
            )
        return Contribution("birth_date", BIRTH_SAME_YEAR, f"same year {text}")
    gap = min(abs(a0 - b1), abs(b0 - a1))
    if gap == 1:
        return Contribution("birth_date", BIRTH_YEAR_OFF_BY_ONE, f"one year apart {text}")
    return Contribution("birth_date", BIRTH_DIFFERENT_YEAR, f"{gap} years apart {text}")


def _fmt(d: BirthDate) -> str:
    if d.year_to:
        return f"{d.year}-{d.year_to}"
    if d.month and d.day:
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    return str(d.year)


def _nationality(q: Entity, c: Entity) -> Contribution | None:
    qn = set(q.nationalities)
    cn = set(c.nationalities)
    if not qn or not cn:
        return None
    shared = sorted(qn & cn)
    if shared:
        return Contribution("nationality", NATIONALITY_SHARED, "shared " + ",".join(shared))
    if qn & set(c.countries):
        return Contribution("nationality", 0.0, "query nationality among the entry's countries")
    return Contribution(
        "nationality", NATIONALITY_DISJOINT, f"{','.join(sorted(qn))} vs {','.join(sorted(cn))}"
    )


def _gender(q: Entity, c: Entity) -> Contribution | None:
    if q.gender and c.gender and q.gender != c.gender:
        return Contribution("gender", GENDER_MISMATCH, f"{q.gender} vs {c.gender}")
    return None


# --- entities ----------------------------------------------------------------------------------


AnalysedNames = tuple[tuple[Name, AnalysedName], ...]


def analysed_names(entity: Entity) -> AnalysedNames:
    """Every romanisation of every name of `entity`, with the name it comes from.

    Romanisations that compare exactly like an earlier one are left out (the same form from two
    spellings of an alias): the scorer keeps the first of equal scores, so dropping them changes
    no score and no explanation. Han, Hangul and kana names are also compared as written, so for
    them the written name is part of what must be equal."""
    out: list[tuple[Name, AnalysedName]] = []
    seen: set[tuple[object, ...]] = set()
    for name in entity.names:
        try:
            variants = analyse(name.text, entity.kind, name.family)
        except InvalidName:
            continue  # an empty alias on a listed entry: nothing to compare
        for a in variants:
            written = a.original if a.script in HOMOPHONE_SCRIPTS else ""
            key = (a.form, a.parts, a.kind, a.acronym, a.script, written)
            if key in seen:
                continue
            seen.add(key)
            out.append((name, a))
    return tuple(out)


def score_pair(query: Entity, candidate: Entity) -> Match:
    """Score `candidate` as the entity `query` refers to."""
    return score_analysed(query, analysed_names(query), candidate, analysed_names(candidate))


def score_analysed(
    query: Entity, qnames: AnalysedNames, candidate: Entity, cnames: AnalysedNames
) -> Match:
    """`score_pair` with both sides' names already analysed (`analysed_names`): the index
    analyses each listed entity once, when it is built, and a query once per screening."""
    best: tuple[float, Name, AnalysedName, Name, AnalysedName, tuple[AlignedPart, ...]] | None = (
        None
    )
    for qname, qa in qnames:
        for cname, ca in cnames:
            s, parts = compare_names(qa, ca)
            if best is None or s > best[0]:
                best = (s, qname, qa, cname, ca, parts)
    if best is None:
        nothing = Contribution("name", 0.0, "no comparable names")
        return Match(
            candidate.entity_id, 0.0, 0.0, query.primary_name, candidate.primary_name, "", "", (),
            (nothing,),
        )  # fmt: skip
    name_score, qname, qa, cname, ca, parts = best
    contributions = [Contribution("name", round(name_score, 4), f"{len(parts)} aligned parts")]
    if qa.numbers and ca.numbers and qa.numbers != ca.numbers:
        penalty = -name_score * (1 - NUMBER_MISMATCH_FACTOR)
        contributions.append(
            Contribution(
                "numbers",
                round(penalty, 4),
                f"{','.join(sorted(qa.numbers))} vs {','.join(sorted(ca.numbers))}",
            )
        )
    if query.kind != candidate.kind and Kind.PERSON in (query.kind, candidate.kind):
        contributions.append(Contribution("kind", -0.2, f"{query.kind} vs {candidate.kind}"))
    features = (
        _birth(query.birth_dates, candidate.birth_dates),
        _nationality(query, candidate),
        _gender(query, candidate),
    )
    for feature in features:
        if feature is not None:
            contributions.append(feature)
    total = sum(c.value for c in contributions)
    score = round(max(0.0, min(1.0, total)), 4)
    return Match(
        entity_id=candidate.entity_id,
        score=score,
        name_score=round(name_score, 4),
        query_name=qname.text,
        matched_name=cname.text,
        query_form=qa.form,
        matched_form=ca.form,
        parts=parts,
        contributions=tuple(contributions),
    )
