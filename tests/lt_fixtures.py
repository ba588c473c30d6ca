"""Session-scoped fixture: one real LanguageTool server for the whole test run.

Import it into tests/conftest.py (``from tests.lt_fixtures import languagetool_session``)
or into a test module. It uses ``$LOCQA_LANGUAGETOOL_URL`` when set; otherwise it fetches
LanguageTool with Maven (cached under ``$LOCQA_CACHE_DIR`` or ``~/.cache/locqa``) and
starts it on 127.0.0.1. Missing Java or Maven is an error, not a skip: deselect these
tests with ``-m "not languagetool"`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from locqa.languagetool import LanguageToolSession


@pytest.fixture(scope="session")
def languagetool_session() -> Iterator[LanguageToolSession]:
    with LanguageToolSession(startup_timeout=180.0, request_timeout=600.0) as session:
        yield session
