from tutela.matching.entities import Kind
from tutela.matching.names import Role, analyse, parse_number, phonetic_key


def roles(text: str, kind: Kind = Kind.PERSON) -> list[tuple[str, str]]:
    return [(p.text, p.role.value) for p in analyse(text, kind)[0].parts]


def test_comma_form_is_reordered_with_family_name_marked() -> None:
    assert roles("PUTIN, Vladimir") == [("vladimir", "given"), ("putin", "family")]


def test_titles_are_dropped_and_kept_for_the_explanation() -> None:
    name = analyse("Dr. Ayman AL-ZAWAHIRI")[0]
    assert name.titles == ("dr",)
    assert [p.text for p in name.parts] == ["ayman", "al", "zawahiri"]


def test_connectors_are_canonical() -> None:
    assert roles("Mohammed ibn Salman")[1] == ("bin", "connector")
    assert roles("Ahmed El Sayed")[1] == ("al", "connector")
    assert roles("Ludwig van Beethoven")[1] == ("van", "connector")
    assert roles("Tesfaye Wolde Giorgis")[1] == ("wolde", "connector")


def test_patronymic_hints() -> None:
    assert ("viktorovich", "patronymic") in roles("Sergey Viktorovich Lavrov")
    assert ("salman", "patronymic") in roles("Mohammed bin Salman")


def test_initials() -> None:
    assert roles("J. R. Smith")[:2] == [("j", "initial"), ("r", "initial")]


def test_han_family_name_comes_first() -> None:
    assert roles("习近平")[0] == ("xi", "family")


def test_ordinals_and_numerals_normalise_to_the_number() -> None:
    for token in ("71", "71st", "71e", "71eme", "seventyfirst"):
        assert parse_number(token) == 71, token
    assert parse_number("72nd") == 72
    unit = analyse("Seventy-first Repair Plant", Kind.ORGANIZATION)[0]
    assert unit.parts[0].text == "71"
    assert analyse("71-y remontnyy zavod", Kind.ORGANIZATION)[0].numbers == frozenset({"71"})


def test_legal_forms_are_canonical_and_light() -> None:
    a = analyse("Joint Stock Company Argument", Kind.ORGANIZATION)[0]
    b = analyse("JSC Argument", Kind.ORGANIZATION)[0]
    assert a.form == b.form == "jsc argument"
    assert a.parts[0].role is Role.LEGAL_FORM


def test_generic_words_are_translated() -> None:
    forms = {
        analyse(t, Kind.ORGANIZATION)[0].form
        for t in ("Federal Police", "Policía Federal", "Police fédérale")
    }
    assert forms == {"federal police", "police federal"}


def test_acronym_of_an_organisation() -> None:
    assert analyse("Rapid Support Forces", Kind.ORGANIZATION)[0].acronym == "rsf"


def test_phonetic_key_joins_transliterations() -> None:
    assert phonetic_key("mohammed") == phonetic_key("muhammad") == phonetic_key("mhmd")
    assert phonetic_key("jong") == phonetic_key("jeong") == phonetic_key("chong")
    assert phonetic_key("kim") == phonetic_key("gim")
    assert phonetic_key("putin") != phonetic_key("patel")
