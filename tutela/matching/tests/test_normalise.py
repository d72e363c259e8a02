import pytest

from tutela.matching.normalise import (
    MAX_NAME_CHARS,
    InvalidName,
    clean,
    detect_script,
    romanisations,
    transliterate,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Владимир Путин", "vladimir putin"),
        ("José Ñúñez Müller", "jose nunez muller"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("ጌታቸው ረዳ", "getachew reda"),
        ("ዐቢይ አሕመድ", "abiy ahmed"),
        ("محمد بن سلمان", "mhmd bn slmn"),
        ("Ελευθέριος Βενιζέλος", "eleytherios venizelos"),
        ("नरेन्द्र मोदी", "narendra modi"),
        ("やまだ たろう", "yamada tarou"),
        ("ヤマダ タロウ", "yamada tarou"),
        ("בנימין נתניהו", "vnymyn ntnyhv"),
        ("ประยุทธ์ จันทร์โอชา", "prayuthth chanthroocha"),
    ],
)
def test_transliterates_each_script_to_lower_ascii(text: str, expected: str) -> None:
    assert transliterate(text) == expected


def test_han_name_matches_its_pinyin_syllables_spaced_and_joined() -> None:
    assert romanisations("习近平") == ("xi jin ping", "xi jinping")


def test_hangul_gives_revised_and_customary_spellings() -> None:
    forms = romanisations("김정은")
    assert forms[0] == "gim jeong eun"
    assert "kim jong un" in forms


def test_nfkc_and_case_folding() -> None:
    assert transliterate("ＰＵＴＩＮ") == "putin"  # full-width letters
    assert transliterate("ﬁrst") == "first"  # ligature


def test_control_characters_become_spaces_and_zwnj_joins() -> None:
    assert clean("Ali\x00\tHassan\u200b ") == "Ali Hassan"
    assert transliterate("خامنه\u200cای") == transliterate("خامنهای")


def test_apostrophes_do_not_split_names() -> None:
    assert transliterate("O'Brien") == "obrien"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "..."])
def test_empty_names_are_refused(text: str) -> None:
    with pytest.raises(InvalidName):
        transliterate(text)


def test_overlong_names_are_refused_not_truncated() -> None:
    with pytest.raises(InvalidName, match="longer than"):
        clean("a" * (MAX_NAME_CHARS + 1))
    with pytest.raises(InvalidName):
        transliterate("x" * 10_000_000)


def test_detect_script() -> None:
    assert detect_script("Путин") == "cyrillic"
    assert detect_script("习近平") == "han"
    assert detect_script("김정은") == "hangul"
    assert detect_script("ጌታቸው") == "ethiopic"
    assert detect_script("မင်းအောင်") == "myanmar"
    assert detect_script("123") == ""


def test_mixed_scripts_in_one_name_are_romanised_word_by_word() -> None:
    assert transliterate("Vladimir Путин") == "vladimir putin"
