import subprocess
import sys
from pathlib import Path

import pytest

from tutela.lib.watchlists import (
    READERS,
    Problem,
    ReadReport,
    WatchlistError,
    diff,
    entity_hash,
    fingerprint,
    parse_date,
    read,
)
from tutela.lib.watchlists.countries import country_code
from tutela.matching.entities import BirthDate, Entity, Kind, Name, NameQuality

from .helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[4]


def test_registry_has_every_format() -> None:
    assert set(READERS) == {"ofac-sdn", "un-xml", "uk-ods", "us-csl", "ftm-json", "credible-csv"}
    with pytest.raises(ValueError, match="unknown watchlist format 'nope'"):
        read("nope", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1965", BirthDate(1965)),
        ("1965-03", BirthDate(1965, 3)),
        ("1965-03-12", BirthDate(1965, 3, 12)),
        ("12 Mar 1965", BirthDate(1965, 3, 12)),
        ("Mar 1965", BirthDate(1965, 3)),
        ("12/03/1965", BirthDate(1965, 3, 12)),
        ("00/00/1965", BirthDate(1965)),
        ("circa 1960", BirthDate(1960)),
        ("1958 to 1960", BirthDate(1958, year_to=1960)),
        ("1979-1982", BirthDate(1979, year_to=1982)),
        ("12 Jan 1960 to 12 Dec 1962", BirthDate(1960, year_to=1962)),
        ("1960 to 1960", BirthDate(1960)),
    ],
)
def test_parse_date(text: str, expected: BirthDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "31 Feb 1970", "1970-13-01", "1960 to 1950", "0012"])
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Iran", "IR"),
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Türkiye", "TR"),
        ("Congo, Democratic Republic of the", "CD"),
        ("The Gambia", "GM"),
        ("possibly Palestinian", "PS"),
        ("ru", "RU"),
        ("RUS", "RU"),
        ("Kosovo", "XK"),
        ("Narnia", None),
        ("ZZ", None),
        ("", None),
    ],
)
def test_country_code(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_error_lists_every_problem() -> None:
    problems = [Problem("a.csv", n, "bad") for n in range(1, 61)]
    error = WatchlistError(problems)
    assert isinstance(error, ValueError)
    assert len(error.problems) == 60
    assert str(error).startswith("60 problems in the input:\n  a.csv:1: bad")
    assert "… and 10 more" in str(error)


def test_fingerprint(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"abc")
    b.write_bytes(b"def")
    expected = (
        "bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721"  # sha256("abcdef")
    )
    assert fingerprint([a, b]) == expected
    assert fingerprint([b, a]) != expected
    assert fingerprint(a) == fingerprint([a])
    files = [FIXTURES / "ofac" / n for n in ("sdn.csv", "alt.csv", "add.csv")]
    assert fingerprint(files) == fingerprint([str(p) for p in files])


def _person(uid: str, *names: str, year: int = 1970, nat: str = "IR") -> Entity:
    return Entity(
        entity_id=uid,
        kind=Kind.PERSON,
        names=tuple(Name(n) for n in names),
        birth_dates=(BirthDate(year),),
        nationalities=(nat,),
    )


def test_diff() -> None:
    old = [_person("x:1", "A B"), _person("x:2", "C D"), _person("x:3", "E F"), _person("x:4", "G")]
    new = [
        _person("x:1", "A B"),  # same
        _person("x:2", "C D", "C. D."),  # alias added
        _person("x:3", "E F", year=1971),  # birth date changed
        _person("x:5", "H"),  # added; x:4 removed
    ]
    result = diff(old, new)
    assert result.added == ("x:5",)
    assert result.removed == ("x:4",)
    assert result.changed == ("x:2", "x:3")
    assert result.counts() == {"added": 1, "removed": 1, "changed": 2}
    assert diff(old, old).empty


def test_diff_ignores_order_and_extra_but_sees_quality() -> None:
    one = Entity("x:1", Kind.PERSON, (Name("A"), Name("B", NameQuality.WEAK)), extra={"a": "1"})
    reordered = Entity("x:1", Kind.PERSON, (Name("B", NameQuality.WEAK), Name("A")))
    stronger = Entity("x:1", Kind.PERSON, (Name("A"), Name("B", NameQuality.STRONG)))
    assert diff([one], [reordered]).empty
    assert entity_hash(one) == entity_hash(reordered)
    assert diff([one], [stronger]).changed == ("x:1",)


def test_diff_of_real_lists_read_twice_is_empty() -> None:
    files = [FIXTURES / "ofac" / n for n in ("sdn.csv", "alt.csv", "add.csv")]
    assert diff(read("ofac-sdn", files), read("ofac-sdn", files)).empty
    smaller = diff(read("ofac-sdn", files[:1]), read("ofac-sdn", files))
    assert smaller.added == () and smaller.removed == ()
    assert "ofac-sdn:306" in smaller.changed  # gained its strong alias


def test_report_summary() -> None:
    report = ReadReport()
    list(read("un-xml", FIXTURES / "un" / "un_consolidated_sample.xml", report))
    summary = report.summary()
    assert summary["format"] == "un-xml"
    assert summary["entities"] == 11
    assert summary["kinds"] == {"organization": 3, "person": 8}


def test_importing_the_package_does_not_import_django() -> None:
    code = (
        "import sys, tutela.lib.watchlists as w, tutela.matching.entities;"
        "assert w.READERS;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
