from tutela.matching.entities import BirthDate
from tutela.matching.score import score_pair

from .helpers import org, person


def score(a: str, b: str) -> float:
    return score_pair(person("q", a), person("c", b)).score


def test_han_name_matches_its_pinyin() -> None:
    assert score("Xi Jinping", "习近平") >= 0.95
    assert score("Xi Jin Ping", "习近平") >= 0.95


def test_hangul_name_matches_its_customary_spelling() -> None:
    assert score("Kim Jong Un", "김정은") >= 0.95
    assert score("Kim Jong-un", "김정은") >= 0.95


def test_geez_names_match_their_latin_spelling() -> None:
    assert score("Getachew Reda", "ጌታቸው ረዳ") >= 0.95
    assert score("Abiy Ahmed", "ዐቢይ አሕመድ") >= 0.95


def test_unvocalised_arabic_matches_through_the_consonant_skeleton() -> None:
    assert score("Mohammed bin Salman", "محمد بن سلمان") >= 0.85
    assert score("Muhammad Hamdan Dagalo", "محمد حمدان دقلو") >= 0.85


def test_cyrillic_with_patronymic_left_over() -> None:
    assert score("Sergey Lavrov", "Сергей Викторович Лавров") >= 0.85


def test_reordered_name_matches() -> None:
    assert score("Putin Vladimir", "Vladimir PUTIN") >= 0.95
    assert score("Vladimir Putin", "PUTIN, Vladimir") == 1.0


def test_concatenated_name_matches() -> None:
    assert score("Abdulrahman Ali", "Abdul Rahman Ali") >= 0.9
    assert score("Ayman Alzawahiri", "Ayman al-Zawahiri") >= 0.9


def test_initial_matches_a_full_name() -> None:
    assert score("J. Smith", "John Smith") >= 0.85


def test_missing_middle_name_costs_little() -> None:
    assert score("Ramon Felix", "Ramon Eduardo Felix") >= 0.8


def test_different_people_score_low() -> None:
    assert score("John Smith", "Jane Doe") < 0.2
    assert score("George Bush", "George Habbash") < 0.6


def test_different_birth_year_lowers_the_score() -> None:
    a = person("q", "Ali Ibrahim", born=BirthDate(1970))
    b = person("c", "Ali Ibrahim", born=BirthDate(1975))
    same = person("c", "Ali Ibrahim", born=BirthDate(1970, 3, 1))
    assert score_pair(a, b).score <= 0.75
    assert score_pair(a, same).score == 1.0
    assert score_pair(a, b).score < score_pair(a, same).score


def test_same_birth_date_and_nationality_raise_a_fuzzy_match() -> None:
    plain = score_pair(person("q", "Olaf Scholze"), person("c", "Olaf Scholz")).score
    more = score_pair(
        person("q", "Olaf Scholze", born=BirthDate(1958, 6, 14), nationalities=("DE",)),
        person("c", "Olaf Scholz", born=BirthDate(1958, 6, 14), nationalities=("DE",)),
    ).score
    assert more > plain


def test_nationality_and_gender_contradictions_lower_the_score() -> None:
    base = score_pair(person("q", "Ali Hassan"), person("c", "Ali Hassan")).score
    other = score_pair(
        person("q", "Ali Hassan", nationalities=("IQ",), gender="M"),
        person("c", "Ali Hassan", nationalities=("SY",), gender="F"),
    )
    assert other.score < base - 0.25
    assert {c.feature for c in other.contributions} >= {"nationality", "gender"}


def test_71st_is_not_72nd() -> None:
    same = score_pair(org("q", "71st Repair Plant"), org("c", "71st Repair Plant")).score
    other = score_pair(org("q", "71st Repair Plant"), org("c", "72nd Repair Plant"))
    assert same == 1.0
    assert other.score < 0.5
    assert any(c.feature == "numbers" for c in other.contributions)
    assert (
        score_pair(org("q", "Seventy-first repair plant"), org("c", "71st Repair Plant")).score
        == 1.0
    )


def test_translated_unit_names_match() -> None:
    assert score_pair(org("q", "Federal Police"), org("c", "Policía Federal")).score >= 0.95
    assert score_pair(org("q", "Police fédérale"), org("c", "የፌዴራል ፖሊስ")).score >= 0.95


def test_acronym_matches_its_expansion() -> None:
    assert score_pair(org("q", "RSF"), org("c", "Rapid Support Forces")).score >= 0.85


def test_legal_form_variants_and_concatenation() -> None:
    assert (
        score_pair(org("q", "JSC Argument"), org("c", "Joint Stock Company Argument")).score == 1.0
    )
    assert score_pair(org("q", "JSCARGUMENT"), org("c", "JSC ARGUMENT")).score >= 0.9


def test_explanation_is_stable() -> None:
    q = person("q", "Mohammed bin Salman", born=BirthDate(1985), nationalities=("SA",))
    c = person("c", "محمد بن سلمان", "Muhammad bin Salman Al Saud", born=BirthDate(1985, 8, 31))
    first = score_pair(q, c)
    for _ in range(3):
        again = score_pair(q, c)
        assert again == first
        assert again.explain() == first.explain()


def test_explanation_lists_aligned_parts_and_features() -> None:
    m = score_pair(
        person("q", "Sergey Lavrov", born=BirthDate(1950)),
        person("c", "Сергей Викторович Лавров", born=BirthDate(1950, 3, 21)),
    )
    pairs = {(p.query, p.candidate) for p in m.parts}
    assert ("sergey", "sergey") in pairs
    assert ("", "viktorovich") in pairs
    assert [c.feature for c in m.contributions] == ["name", "birth_date"]
    text = m.explain()
    assert "lavrov~lavrov" in text and "birth_date" in text


def test_scores_stay_in_range() -> None:
    m = score_pair(
        person("q", "Ali Hassan", born=BirthDate(1970), nationalities=("IQ",), gender="M"),
        person("c", "Bob Jones", born=BirthDate(1990), nationalities=("US",), gender="F"),
    )
    assert m.score == 0.0
    assert score("Ali", "Ali") == 1.0


def test_entity_with_no_usable_names_scores_zero() -> None:
    assert score_pair(person("q", "Ali"), person("c", "   ")).score == 0.0


def test_han_and_hangul_homophones_are_not_certain() -> None:
    assert 0.7 < score("高石早苗", "高市早苗") < 0.95
    assert 0.7 < score("김종은", "김정은") < 0.95
    assert score("김정은", "김정은") == 1.0
