"""Name-part analysis: what each token of a person's or an organisation's name is.

Persons: titles (dropped, kept for the explanation), connectors (bin, ibn, al, wolde, van, de…, in a
canonical spelling), initials, patronymic hints, given and family names, "LAST, First" reordering.
Organisations and units: legal forms ("Joint Stock Company" → jsc), numbers and ordinals ("71st",
"71-y", "seventy-first" → 71, compared exactly), generic words translated to English ("Policía
Federal" → police federal), stopwords, acronyms.

Concatenation ("abdulrahman" / "abdul rahman") is handled when two names are compared
(`merge_concatenations`), since it depends on the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from .entities import Kind
from .normalise import ABJADS, clean, detect_script, romanisations


def _words(text: str) -> list[str]:
    return text.split()


class Role(StrEnum):
    GIVEN = "given"
    FAMILY = "family"
    PART = "part"  # a person's name part of unknown role
    CONNECTOR = "connector"
    INITIAL = "initial"
    PATRONYMIC = "patronymic"
    NUMBER = "number"
    LEGAL_FORM = "legal_form"
    GENERIC = "generic"
    WORD = "word"  # a distinctive word of an organisation's name


# Relative weight of a part in the name score.
ROLE_WEIGHT: dict[Role, float] = {
    Role.GIVEN: 1.0,
    Role.FAMILY: 1.2,
    Role.PART: 1.0,
    Role.CONNECTOR: 0.25,
    Role.INITIAL: 0.5,
    Role.PATRONYMIC: 0.6,
    Role.NUMBER: 1.0,
    Role.LEGAL_FORM: 0.15,
    Role.GENERIC: 0.5,
    Role.WORD: 1.0,
}

TITLES = frozenset(
    _words(
        """mr mrs ms miss dr prof sir dame lord lady sheikh shaikh sheik haji hajji hadji mullah
    mulla maulana mawlana imam sayed sayyid syed gen general lt ltcol col colonel maj major capt
    captain cpt cmdr commander brig brigadier adm admiral sgt sergeant cpl lieutenant marshal
    rev father ato w/ro woizero weyzero emir amir prince king"""
    )
)

CONNECTORS: dict[str, str] = {
    "bin": "bin", "ibn": "bin", "ben": "bin", "bn": "bin", "ould": "bin", "walad": "bin",
    "bint": "bint", "binti": "bint", "bent": "bint",
    "al": "al", "el": "al", "ul": "al", "ad": "al", "ar": "al", "as": "al", "ash": "al", "az": "al",
    "abu": "abu", "abou": "abu", "abo": "abu", "umm": "umm", "um": "umm",
    "wolde": "wolde", "weld": "wolde", "wold": "wolde", "welde": "wolde", "walda": "wolde",
    "gebre": "gebre", "gabre": "gebre", "gebru": "gebre", "haile": "haile", "hayle": "haile",
    "van": "van", "von": "von", "der": "der", "den": "der", "de": "de", "da": "de", "di": "de",
    "do": "de", "dos": "de", "das": "de", "del": "de", "della": "de", "la": "la", "le": "la",
    "du": "de", "y": "y", "bar": "bin", "ap": "bin", "mac": "mac", "mc": "mac", "st": "st",
}  # fmt: skip
# After these, the next part is a father's (or ancestor's) name.
PATRONYMIC_MARKERS = frozenset({"bin", "bint", "wolde"})
PATRONYMIC_SUFFIXES = (
    "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna", "ogly", "oglu",
    "kyzy", "qizi", "vich", "vna",
)  # fmt: skip

LEGAL_FORMS: dict[str, str] = {
    "ltd": "ltd", "limited": "ltd", "llc": "llc", "inc": "inc", "incorporated": "inc",
    "corp": "corp", "corporation": "corp", "co": "co", "company": "co", "plc": "plc",
    "gmbh": "gmbh", "ag": "ag", "sa": "sa", "sarl": "sarl", "srl": "srl", "bv": "bv", "nv": "nv",
    "jsc": "jsc", "ojsc": "jsc", "cjsc": "jsc", "pjsc": "jsc", "ao": "jsc", "oao": "jsc",
    "zao": "jsc", "pao": "jsc", "ooo": "llc", "tov": "llc", "llp": "llp", "lp": "lp", "fze": "fze",
    "fzco": "fze", "fzc": "fze", "sdn": "sdn", "bhd": "bhd", "pte": "pte", "pvt": "pvt",
    "spa": "spa", "kg": "kg", "oy": "oy", "ab": "ab", "as": "as", "sas": "sas", "sl": "sl",
    "cia": "co", "cie": "co", "ltda": "ltd", "gie": "gie", "ep": "ep", "fgup": "fgup",
}  # fmt: skip
_LEGAL_PHRASES = (
    ("public joint stock company", "jsc"),
    ("open joint stock company", "jsc"),
    ("closed joint stock company", "jsc"),
    ("joint stock company", "jsc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("aktsionernoe obshchestvo", "jsc"),
    ("sociedad anonima", "sa"),
    ("societe anonyme", "sa"),
    ("private limited", "ltd"),
)

# Generic words of organisation and unit names, in several languages, to one English word.
GENERIC_WORDS: dict[str, str] = {}
for _english, _forms in {
    "police": "police policia polis politsiya politsiia politsii polizia polizei shurta shurtah",
    "federal": "federal federale federales yefederal federalnaya federalnoy federalnyy",
    "national": "national nacional nationale nazionale natsionalnaya natsionalnoy watani wataniya",
    "army": "army ejercito armee armiya armii esercito jaysh jaish",
    "battalion": "battalion batallon bataillon batalon batalyon batalyona battaglione",
    "brigade": "brigade brigada brigady brigata liwa",
    "regiment": "regiment regimiento polk polka reggimento",
    "division": "division divizion diviziya divizii divisione",
    "guard": "guard guards guardia garde gvardiya gvardii",
    "force": "force forces fuerza fuerzas sily forze quwwat quwat",
    "special": "special especial especiales speciale speciales spetsialnogo spetsialnaya",
    "unit": "unit unidad unite unita chast chasti edinitsa",
    "security": "security seguridad securite sicurezza bezopasnosti amn",
    "intelligence": "intelligence inteligencia renseignement razvedka razvedki istikhbarat",
    "ministry": "ministry ministerio ministere ministerstvo ministero wizarat",
    "interior": "interior interieur vnutrennikh interno",
    "defence": "defence defense defensa oborony difesa",
    "service": "service services servicio servicios sluzhba servizio",
    "rapid": "rapid rapida rapido rapide",
    "support": "support apoyo soutien",
    "military": "military militar militaire voennyy voennaya militare",
    "republic": "republic republica republique respublika repubblica",
    "state": "state estado etat",
    "group": "group grupo groupe gruppa gruppo",
    "command": "command comando commandement komandovanie",
    "repair": "repair reparacion remontnyy remontny",
    "plant": "plant zavod planta usine",
    "operations": "operations operaciones operations operatsiy",
    "border": "border frontera frontiere granitsa pogranichnaya",
    "revolutionary": "revolutionary revolucionario revolutionnaire",
    "corps": "corps cuerpo korpus",
}.items():
    for _form in _words(_forms):
        GENERIC_WORDS[_form] = _english

ORG_STOPWORDS = frozenset(
    _words("the of de del la las los le les des du and y et for por para pour no number nr dlya i")
)

_ORDINAL_WORDS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_CARDINAL_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_TENS_ORD = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
NUMBER_WORDS.update({w: i + 1 for i, w in enumerate(_CARDINAL_WORDS)})
NUMBER_WORDS.update(_TENS)
NUMBER_WORDS.update(_TENS_ORD)
ROMAN = {
    "ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12,
    "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20,
}  # fmt: skip
_ORDINAL = re.compile(
    r"^(\d+)(st|nd|rd|th|e|er|eme|ieme|re|o|a|y|iy|yy|oy|ya|go|ogo|aya|oe|mu|i)?$"
)


def parse_number(token: str) -> int | None:
    """71, "71st", "71e", "71-y" (already split), "seventy-first" (joined) → 71; else None."""
    m = _ORDINAL.match(token)
    if m:
        return int(m.group(1))
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    for tens, value in _TENS.items():  # seventyfirst, seventyone
        if token.startswith(tens) and token[len(tens) :] in NUMBER_WORDS:
            rest = NUMBER_WORDS[token[len(tens) :]]
            if rest < 10:
                return value + rest
    return None


# --- phonetic and skeleton keys ----------------------------------------------------------------

_DIGRAPHS = (
    ("tch", "j"), ("sch", "s"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("kh", "k"), ("gh", "g"),
    ("sh", "s"), ("zh", "j"), ("ch", "j"), ("ck", "k"), ("ts", "s"), ("tz", "s"), ("dj", "j"),
    ("dzh", "j"), ("ou", "u"), ("q", "k"), ("x", "ks"), ("c", "k"), ("g", "k"), ("d", "t"),
    ("b", "p"), ("v", "f"), ("z", "s"), ("w", ""), ("y", ""),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=500_000)
def phonetic_key(token: str) -> str:
    """A consonant-skeleton key that survives transliteration: voicing folded (g/k, d/t, b/p,
    v/f, z/s), digraphs reduced, vowels, w and y dropped after the first letter, repeats collapsed.

    "mohammed", "muhammad" and the unvocalised Arabic romanisation "mhmd" share "mhmt";
    "jong", "jeong" and "chong" share "jnk"; "kim" and "gim" share "km". Initial vowels are kept
    as "a" so that "un"/"eun" stay distinct from "n"."""
    if not token:
        return ""
    if token.isdigit():
        return token
    first_vowel = token[0] in "aeiouy"
    s = token
    for src, dst in _DIGRAPHS:
        s = s.replace(src, dst)
    s = _VOWELS.sub("", s)
    s = _REPEATS.sub(r"\1", s)
    return ("a" + s) if first_vowel else (s or token[:1])


# --- analysed names ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    text: str
    role: Role
    key: str  # phonetic_key(text)

    @property
    def weight(self) -> float:
        return ROLE_WEIGHT[self.role]


@dataclass(frozen=True)
class AnalysedName:
    """One romanisation of one name, split into parts.

    What the scorer needs about the name itself (compact form, numbers, the adjacent joins that
    `merge_concatenations` looks for, the sets it looks them up in) is derived once, when the
    name is analysed, so that a listed name analysed at index build time is never re-derived
    per query."""

    original: str
    script: str
    kind: Kind
    form: str  # the romanised name, tokens joined by spaces
    parts: tuple[Part, ...]
    titles: tuple[str, ...] = ()
    acronym: str = ""
    # Derived in __post_init__ (not compared, not hashed).
    compact: str = field(init=False, compare=False, repr=False)
    numbers: frozenset[str] = field(init=False, compare=False, repr=False)
    abjad: bool = field(init=False, compare=False, repr=False)
    part_texts: frozenset[str] = field(init=False, compare=False, repr=False)
    long_keys: frozenset[str] = field(init=False, compare=False, repr=False)  # keys of 4+ chars
    # Adjacent part pairs (neither a number) as (joined text, its key if the text has 6+ chars).
    joins: tuple[tuple[str, str], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts = self.parts
        joins = []
        for a, b in pairwise(parts):
            if a.role is Role.NUMBER or b.role is Role.NUMBER:
                continue
            joined = a.text + b.text
            joins.append((joined, phonetic_key(joined) if len(joined) >= 6 else ""))
        derived = {
            "compact": "".join(p.text for p in parts),
            "numbers": frozenset(p.text for p in parts if p.role is Role.NUMBER),
            "abjad": self.script in ABJADS,
            "part_texts": frozenset(p.text for p in parts),
            "long_keys": frozenset(p.key for p in parts if len(p.key) >= 4),
            "joins": tuple(joins),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


_SYLLABIC = frozenset({"han", "hangul", "kana"})


def is_person(kind: Kind | str) -> bool:
    return str(kind) == Kind.PERSON.value


def _person_parts(
    tokens: list[str], script: str, family_from: int | None
) -> tuple[list[Part], list[str]]:
    titles: list[str] = []
    kept: list[tuple[int, str]] = []
    for i, tok in enumerate(tokens):
        if tok in TITLES and len(tokens) - len(titles) > 1 and (i == 0 or tokens[i - 1] in TITLES):
            titles.append(tok)
        else:
            kept.append((i, tok))
    parts: list[Part] = []
    n = len(kept)
    significant = [idx for idx, (_, t) in enumerate(kept) if t not in CONNECTORS and len(t) > 1]
    if family_from is not None:
        family_idx = {k for k, (i, _) in enumerate(kept) if i >= family_from}
    elif script in ("han", "hangul") and significant:
        family_idx = {significant[0]}
    elif len(significant) >= 2:
        family_idx = {significant[-1]}
    else:
        family_idx = set()
    prev_canonical = ""
    for k, (_, tok) in enumerate(kept):
        role: Role
        text = tok
        if (
            tok in CONNECTORS
            and n > 1
            and script not in _SYLLABIC
            and not (k == 0 and n == 2 and tok in ("de", "da", "le"))
        ):
            role, text = Role.CONNECTOR, CONNECTORS[tok]
        elif len(tok) == 1 and tok.isalpha():
            role = Role.INITIAL
        elif prev_canonical in PATRONYMIC_MARKERS or tok.endswith(PATRONYMIC_SUFFIXES):
            role = Role.PATRONYMIC
        elif k in family_idx:
            role = Role.FAMILY
        elif family_idx:
            role = Role.GIVEN
        else:
            role = Role.PART
        prev_canonical = text if role is Role.CONNECTOR else ""
        parts.append(Part(text, role, phonetic_key(text)))
    return parts, titles


def _org_parts(form: str) -> tuple[list[Part], str]:
    for phrase, short in _LEGAL_PHRASES:
        if phrase in form:
            form = re.sub(rf"\b{phrase}\b", short, form)
    tokens = form.split()
    merged: list[str] = []
    for tok in tokens:  # "seventy first" (from "seventy-first") → "seventyfirst"
        if merged and merged[-1] in _TENS and NUMBER_WORDS.get(tok, 99) < 10:
            merged[-1] += tok
        else:
            merged.append(tok)
    tokens = merged
    acronym_letters = []
    parts: list[Part] = []
    for tok in tokens:
        number = parse_number(tok)
        if number is None and tok in ROMAN and len(tokens) > 1:
            number = ROMAN[tok]
        if number is not None:
            parts.append(Part(str(number), Role.NUMBER, str(number)))
            continue
        if tok in ORG_STOPWORDS and len(tokens) > 1:
            continue
        if tok in LEGAL_FORMS and len(tokens) > 1:
            parts.append(Part(LEGAL_FORMS[tok], Role.LEGAL_FORM, LEGAL_FORMS[tok]))
            continue
        acronym_letters.append(tok[0])
        if tok in GENERIC_WORDS:
            word = GENERIC_WORDS[tok]
            parts.append(Part(word, Role.GENERIC, phonetic_key(word)))
        else:
            parts.append(Part(tok, Role.WORD, phonetic_key(tok)))
    acronym = "".join(acronym_letters) if len(acronym_letters) >= 2 else ""
    return parts, acronym


@lru_cache(maxsize=200_000)
def analyse(
    text: str, kind: Kind | str = Kind.PERSON, family: str = ""
) -> tuple[AnalysedName, ...]:
    """Every romanisation of a name, analysed into parts. Raises InvalidName for empty names.

    For persons, "LAST, First" is read as family name LAST and given name First; `family`, when a
    source gives it separately, marks those tokens as the family name."""
    kind = Kind(kind)
    text = clean(text)
    script = detect_script(text)
    person = is_person(kind)
    family_tokens: tuple[str, ...] = ()
    source = text
    if person and text.count(",") == 1:
        last, first = (s.strip() for s in text.split(","))
        if last and first:
            source = f"{first} {last}"
            family_tokens = tuple(romanisations(last)[0].split())
    elif person and family:
        family_tokens = tuple(romanisations(family)[0].split())
    out: list[AnalysedName] = []
    for form in romanisations(source):
        tokens = form.split()
        if person:
            family_from = None
            if family_tokens and tuple(tokens[-len(family_tokens) :]) == family_tokens:
                family_from = len(tokens) - len(family_tokens)
            parts, titles = _person_parts(tokens, script, family_from)
            acronym = ""
        else:
            parts, acronym = _org_parts(form)
            titles = []
        if not parts:  # a name of titles or stopwords only: keep its tokens as they are
            parts = [Part(t, Role.PART if person else Role.WORD, phonetic_key(t)) for t in tokens]
        form = " ".join(p.text for p in parts)
        out.append(AnalysedName(text, script, kind, form, tuple(parts), tuple(titles), acronym))
    return tuple(out)
