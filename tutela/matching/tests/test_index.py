from tutela.matching.index import Index, blocking_recall

from .helpers import org, person

LISTED = [
    person("ofac-1", "PUTIN, Vladimir Vladimirovich"),
    person("ofac-2", "Ayman AL-ZAWAHIRI", "Dr. Ayman al Zawahiri"),
    person("un-3", "习近平"),
    person("un-4", "김정은"),
    person("uk-5", "ጌታቸው ረዳ"),
    person("ofac-6", "Mohammed bin Salman"),
    org("ofac-7", "71st Repair Plant"),
    org("ofac-8", "JSC ARGUMENT"),
    org("ofac-9", "Rapid Support Forces"),
] + [person(f"filler-{i}", f"Person{i} Filler{i % 7}") for i in range(200)]


def test_index_finds_candidates_across_scripts() -> None:
    index = Index.build(LISTED)
    assert index.candidates(person("q", "Xi Jinping"), 5)[0] == "un-3"
    assert index.candidates(person("q", "Kim Jong Un"), 5)[0] == "un-4"
    assert index.candidates(person("q", "Getachew Reda"), 5)[0] == "uk-5"
    assert index.candidates(person("q", "Vladimir Putin"), 5)[0] == "ofac-1"
    assert "ofac-6" in index.candidates(person("q", "محمد بن سلمان"), 5)


def test_index_finds_concatenated_and_acronym_names() -> None:
    index = Index.build(LISTED)
    assert index.candidates(org("q", "JSCARGUMENT"), 5)[0] == "ofac-8"
    assert index.candidates(org("q", "RSF"), 5)[0] == "ofac-9"
    assert "ofac-2" in index.candidates(person("q", "Aiman Zawahri"), 10)


def test_index_is_not_a_full_scan() -> None:
    index = Index.build(LISTED)
    assert len(index.candidates(person("q", "Vladimir Putin"), 500)) < len(LISTED) / 2
    assert index.candidates(person("q", "Zzyzx Qqq"), 10) == []


def test_candidates_are_deterministic() -> None:
    index = Index.build(LISTED)
    q = person("q", "Person1 Filler1")
    assert index.candidates(q, 20) == index.candidates(q, 20)


def test_blocking_recall() -> None:
    index = Index.build(LISTED)
    cases = [
        (person("q1", "Xi Jinping"), frozenset({"un-3"})),
        (person("q2", "Vladimir Putin"), frozenset({"ofac-1"})),
        (person("q3", "Nobody Known"), frozenset({"ofac-1"})),
    ]
    recall = blocking_recall(index, cases, ks=(1, 10))
    assert recall[1] == recall[10] == 2 / 3


def test_duplicate_ids_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="duplicate"):
        Index.build([person("a", "X Y"), person("a", "Z W")])
