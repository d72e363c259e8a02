"""Small, dependency-free helpers for personal names written in any script."""

import unicodedata


def clean_name(text: str) -> str:
    """NFC-normalise and collapse white space; the name stays in its own script."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def name_key(text: str) -> str:
    """A key under which two spellings that differ only in case, width or spacing are equal.

    Used to spot the same officer entered twice (same name and birth date)."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def is_latin(text: str) -> bool:
    """True if every letter in `text` is in the Latin script (diacritics allowed)."""
    return all("LATIN" in unicodedata.name(char, "") for char in text if char.isalpha())
