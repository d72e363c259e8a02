"""Country names and codes as the lists write them → ISO 3166-1 alpha-2.

Built from the project's country table (tutela/data, UN M49 names plus Kosovo and Taiwan) and a
short table of the other spellings sanctions lists use ("Korea, North", "Burma", "Palestinian").
A value that resolves to nothing is kept out of `nationalities`, noted in the entity's
`extra["unresolved_countries"]` and counted as a reader warning: never guessed, never dropped
silently."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tutela.lib.countries import all_countries

# Other names, short forms and demonyms seen in OFAC, UN, UK, US CSL and FtM data.
ALIASES: dict[str, str] = {
    "afghan": "AF",
    "bahamas, the": "BS",
    "bolivia": "BO",
    "bosnia": "BA",
    "britain": "GB",
    "british": "GB",
    "brunei": "BN",
    "burma": "MM",
    "cape verde": "CV",
    "chinese": "CN",
    "congo, democratic republic of the": "CD",
    "congo democratic republic": "CD",
    "democratic republic of congo": "CD",
    "drc": "CD",
    "congo, republic of the": "CG",
    "republic of congo": "CG",
    "czech republic": "CZ",
    "east timor": "TL",
    "egyptian": "EG",
    "gambia": "GM",
    "great britain": "GB",
    "hong kong": "HK",
    "iran": "IR",
    "iranian": "IR",
    "iraqi": "IQ",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "korea, north": "KP",
    "north korea": "KP",
    "dprk": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "kosovo": "XK",
    "laos": "LA",
    "lebanese": "LB",
    "libyan": "LY",
    "macao": "MO",
    "macau": "MO",
    "macedonia": "MK",
    "north macedonia": "MK",
    "north macedonia, the republic of": "MK",
    "micronesia": "FM",
    "moldova": "MD",
    "netherlands": "NL",
    "pakistani": "PK",
    "palestine": "PS",
    "palestinian": "PS",
    "state of palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "russia": "RU",
    "russian": "RU",
    "russian federation": "RU",
    "saudi": "SA",
    "somali": "SO",
    "swaziland": "SZ",
    "syria": "SY",
    "syrian": "SY",
    "taiwan": "TW",
    "tanzania": "TZ",
    "turkey": "TR",
    "turkiye": "TR",
    "uk": "GB",
    "united kingdom": "GB",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "vatican": "VA",
    "virgin islands, british": "VG",
    "holy see": "VA",
    "venezuela": "VE",
    "vietnam": "VN",
    "viet nam": "VN",
    "yemeni": "YE",
}

# FtM and some lists use these non-ISO codes.
CODE_ALIASES = {"UK": "GB", "XK": "XK", "EL": "GR"}


_PREFIX = re.compile(r"^(?:(?:possibly|probably|reportedly|allegedly|region:)\s+)?(?:the\s+)?")


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = " ".join(text.replace("’", "'").split()).strip(" .")
    return re.sub(
        r"^(?:(?:possibly|probably|reportedly|allegedly|region:)\s+)?(?:the\s+)?", "", text
    )


@cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    names: dict[str, str] = {}
    codes: set[str] = set()
    for record in all_countries():
        codes.add(record.code)
        names[_key(record.name)] = record.code
        if record.alpha3:
            names[_key(record.alpha3)] = record.code
        # "Iran (Islamic Republic of)" → also "iran"; "Bolivia (Plurinational State of)" → "bolivia"
        short = re.sub(r"\s*\(.*\)\s*", "", record.name)
        names.setdefault(_key(short), record.code)
    for alias, code in ALIASES.items():
        names[_key(alias)] = code
    codes.add("XK")
    return names, frozenset(codes)


def country_code(value: str) -> str | None:
    """ISO alpha-2 for a country name, alpha-2 or alpha-3 code; None if unknown."""
    value = (value or "").strip()
    if not value:
        return None
    names, codes = _table()
    if len(value) == 2 and value.isascii() and value.isalpha():
        code = CODE_ALIASES.get(value.upper(), value.upper())
        return code if code in codes else None
    return names.get(_key(value))
