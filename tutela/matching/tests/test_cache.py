"""The index caches each listed entity's analysis; cached and uncached scoring must agree."""

from tutela.matching.entities import BirthDate, Entity, Kind, Name
from tutela.matching.index import Index
from tutela.matching.names import analyse, phonetic_key
from tutela.matching.score import analysed_names, score_analysed, score_pair
from tutela.matching.screener import ALERT_THRESHOLD, Screener

from .helpers import org, person

LISTED = [
    person(
        "ofac-1", "PUTIN, Vladimir Vladimirovich", "Vladimir PUTIN", born=BirthDate(1952, 10, 7)
    ),
    person("ofac-2", "Ayman AL-ZAWAHIRI", "Dr. Ayman al Zawahiri", "Aiman Zawahri"),
    person("un-3", "习近平"),
    person("un-4", "김정은"),
    person("ofac-5", "Abdul Rahman Ali", "ABDULRAHMAN, Ali"),
    person("ofac-6", "Mohammed bin Salman"),
    org("ofac-7", "71st Repair Plant"),
    org("ofac-8", "JSC ARGUMENT"),
    org("ofac-9", "Rapid Support Forces", "RSF"),
    Entity("ofac-10", Kind.PERSON, (Name("John SMITH"), Name("")), gender="M"),
] + [person(f"filler-{i}", f"Person{i} Filler{i % 7}") for i in range(100)]

QUERIES = [
    person("q1", "Vladimir Putin", born=BirthDate(1952)),
    person("q2", "Aiman al-Zawahri"),
    person("q3", "Xi Jinping"),
    person("q4", "Kim Jong Un"),
    person("q5", "Abdulrahman Ali"),
    person("q6", "محمد بن سلمان"),
    org("q7", "72nd Repair Plant"),
    org("q8", "JSCARGUMENT"),
    org("q9", "RSF"),
    person("q10", "J. Smith", gender="F"),
    person("q11", "Person3 Filler3"),
]


def test_cached_and_uncached_scores_and_explanations_agree() -> None:
    index = Index.build(LISTED)
    for query in QUERIES:
        qnames = analysed_names(query)
        for i, entity in enumerate(index.entities):
            cached = score_analysed(query, qnames, entity, index.names[i])
            uncached = score_pair(query, entity)
            assert cached == uncached
            assert cached.explain() == uncached.explain()


def test_index_caches_each_entitys_analysis() -> None:
    index = Index.build(LISTED)
    assert len(index.names) == len(index.entities)
    for entity, names in zip(index.entities, index.names, strict=True):
        assert names == analysed_names(entity)


def test_screen_gives_score_pair_results_for_what_it_returns() -> None:
    screener = Screener.build(LISTED)
    for query in QUERIES:
        for match in screener.screen(query, top=5):
            entity = screener.index.entities[screener.index.by_id[match.entity_id]]
            assert match == score_pair(query, entity)


def test_pruned_and_full_screening_agree_on_the_best_candidate() -> None:
    screener = Screener.build(LISTED)
    for query in QUERIES:
        pruned = screener.screen(query, top=1)
        full = screener.screen(query, top=1, full=None)
        assert [m.entity_id for m in pruned] == [m.entity_id for m in full]
        assert [m.explain() for m in pruned] == [m.explain() for m in full]


def test_duplicate_romanisations_are_analysed_once() -> None:
    entity = person("e", "Vladimir PUTIN", "Vladimir  PUTIN", "PUTIN, Vladimir")
    forms = [a.form for _, a in analysed_names(entity)]
    assert forms == ["vladimir putin"]
    # The first spelling is the one an explanation names.
    assert analysed_names(entity)[0][0].text == "Vladimir PUTIN"


def test_derived_name_fields_match_the_parts() -> None:
    (a,) = analyse("Abdul Rahman Ali", Kind.PERSON)
    assert a.compact == "".join(p.text for p in a.parts)
    assert a.part_texts == frozenset(p.text for p in a.parts)
    assert ("abdulrahman", phonetic_key("abdulrahman")) in a.joins
    (unit,) = analyse("71st Repair Plant", Kind.ORGANIZATION)
    assert unit.numbers == frozenset({"71"})
    assert not any("71" in joined for joined, _ in unit.joins)


def test_cross_script_homophones_are_never_certain() -> None:
    match = score_pair(person("q", "Chen Wang"), person("c", "晨 王"))
    assert 0.9 <= match.score < 0.99
    assert any(p.method == "romanised from han" for p in match.parts)


def test_alert_threshold_is_a_probability() -> None:
    assert 0.5 < ALERT_THRESHOLD < 0.99


def test_ascii_fast_paths_agree_with_the_general_ones() -> None:
    import string
    import unicodedata

    from tutela.matching.normalise import char_script, clean, detect_script

    samples = [
        "Vladimir  PUTIN", "\tAl-Qaida\x00 (AQ) ", "O'Brien,\x1fJohn", "  [x] ", "123 456",
        "a\x7fb\x0bc", string.printable,
    ]  # fmt: skip
    for text in samples:
        counts: dict[str, int] = {}
        for ch in text:
            if script := char_script(ch):
                counts[script] = counts.get(script, 0) + 1
        assert detect_script(text) == (
            max(sorted(counts), key=counts.__getitem__) if counts else ""
        )
        chars = [
            " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs") else ch
            for ch in unicodedata.normalize("NFKC", text)
        ]
        assert clean(text) == " ".join("".join(chars).split())
