import os
import subprocess
import sys

from tutela.matching.entities import BirthDate
from tutela.matching.screener import Screener

from .helpers import org, person

LISTED = [
    person("ofac-1", "PUTIN, Vladimir Vladimirovich", born=BirthDate(1952, 10, 7)),
    person("ofac-2", "Vladimir Putinov", born=BirthDate(1980)),
    person("un-3", "习近平"),
    org("ofac-7", "71st Repair Plant"),
    org("ofac-8", "72nd Repair Plant"),
]


def test_screen_ranks_and_explains() -> None:
    screener = Screener.build(LISTED)
    matches = screener.screen(person("q", "Vladimir Putin", born=BirthDate(1952)), top=2)
    assert matches[0].entity_id == "ofac-1"
    assert matches[0].score > matches[1].score
    assert all(m.explain() for m in matches)


def test_screen_applies_min_score_and_top() -> None:
    screener = Screener.build(LISTED)
    matches = screener.screen(org("q", "71st Repair Plant"), top=5, min_score=0.8)
    assert [m.entity_id for m in matches] == ["ofac-7"]
    assert len(screener.screen(person("q", "Vladimir Putin"), top=1)) == 1


def test_screen_cross_script() -> None:
    screener = Screener.build(LISTED)
    assert screener.screen(person("q", "Xi Jinping"), top=1)[0].entity_id == "un-3"


def test_matching_package_imports_without_django() -> None:
    code = (
        "import sys\n"
        "import tutela.matching.entities, tutela.matching.normalise, tutela.matching.names\n"
        "import tutela.matching.index, tutela.matching.score, tutela.matching.screener\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
