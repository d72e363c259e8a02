"""Readers for the watchlists Tutela screens against. Plain Python: no Django import.

Each reader takes one or more paths and yields `tutela.matching.entities.Entity` records, all at
once after the whole input is checked: malformed input raises `WatchlistError` listing every bad
row (file, line, reason) before anything is yielded, so an import is all or nothing. Pass a
`ReadReport` to get counts and warnings (unknown country names, free-text dates not understood).

    report = ReadReport()
    entities = list(read("ofac-sdn", ["sdn.csv", "alt.csv", "add.csv"], report))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tutela.matching.entities import Entity

from ._common import PathLike, Problem, ReadReport, WatchlistError, parse_date
from .credible import read_credible_csv
from .csl import read_us_csl
from .ftm import read_ftm_json
from .ofac import read_ofac_sdn
from .uk import read_uk_ods
from .un import read_un_xml
from .versions import Diff, diff, entity_hash, entity_signature, fingerprint

Reader = Callable[..., Iterator[Entity]]

READERS: dict[str, Reader] = {
    "ofac-sdn": read_ofac_sdn,
    "un-xml": read_un_xml,
    "uk-ods": read_uk_ods,
    "us-csl": read_us_csl,
    "ftm-json": read_ftm_json,
    "credible-csv": read_credible_csv,
}


def read(
    format: str, paths: PathLike | Iterable[PathLike], report: ReadReport | None = None
) -> Iterator[Entity]:
    """Read `paths` with the reader for `format` (one of READERS)."""
    try:
        reader = READERS[format]
    except KeyError:
        known = ", ".join(READERS)
        raise ValueError(f"unknown watchlist format {format!r}; known: {known}") from None
    return reader(paths, report)


__all__ = [
    "READERS",
    "Diff",
    "Problem",
    "ReadReport",
    "WatchlistError",
    "diff",
    "entity_hash",
    "entity_signature",
    "fingerprint",
    "parse_date",
    "read",
    "read_credible_csv",
    "read_ftm_json",
    "read_ofac_sdn",
    "read_uk_ods",
    "read_un_xml",
    "read_us_csl",
]
