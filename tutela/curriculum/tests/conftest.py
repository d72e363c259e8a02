import pytest

from tutela.testing import load_catalogue


@pytest.fixture
def catalogue(db: None) -> None:
    """The standards catalogue and topic rules, from the repository's data files."""
    load_catalogue()
