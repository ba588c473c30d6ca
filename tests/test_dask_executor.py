"""``--executor dask``: the engine's work and LanguageTool on a Dask cluster give exactly
the findings of a run on this machine (a LocalCluster of two worker processes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
from locqa.checking import check_project  # noqa: E402
from locqa.checks import executors  # noqa: E402
from locqa.checks.executors import DaskExecutor  # noqa: E402
from locqa.cli import main  # noqa: E402
from locqa.config import load_settings  # noqa: E402
from locqa.report.json import render_json  # noqa: E402
from sample_projects import mixed_project  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mixed_project(tmp_path_factory.mktemp("dask") / "project")


def report(root: Path, executor: DaskExecutor | None, **overrides: Any) -> str:
    settings = load_settings(root, overrides or None)
    run, _ = check_project(
        settings,
        skip_languagetool="languagetool_url" not in overrides,
        annotate=False,
        jobs=1,
        use_cache=False,
        executor=executor,
    )
    return render_json(run.findings, skipped=run.skipped)


def set_up_workers(client: Any) -> list[bool]:
    return list(client.run(lambda: bool(executors._SETUP)).values())


def test_findings_on_the_cluster_are_those_of_one_machine(client: Any, project: Path) -> None:
    here = report(project, None)
    assert '"check": "TRN006"' in here or '"check": "MNG' in here or here.count('"check"') > 5
    settings = load_settings(project)
    with DaskExecutor(client, settings, languagetool=False) as executor:
        there = report(project, executor)
    assert there == here
    assert any(set_up_workers(client))  # the work ran on the workers


@pytest.mark.languagetool
def test_languagetool_runs_on_each_worker_through_the_plugin(
    client: Any, project: Path, languagetool_session: Any
) -> None:
    url = languagetool_session.url
    here = report(project, None, languagetool_url=url)
    assert '"check": "LT' in here
    settings = load_settings(project, {"languagetool_url": url})
    with DaskExecutor(client, settings, languagetool=True) as executor:
        name = executor.plugin
        started = client.run(lambda: name in executors._SESSIONS)
        assert all(started.values()) and len(started) == 2
        there = report(project, executor, languagetool_url=url)
    assert there == here
    # the plugin stopped the sessions when it was unregistered
    assert not any(client.run(lambda: name in executors._SESSIONS).values())


def test_the_flags_are_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(project), "--executor", "dask"]) == 2
    assert "--scheduler" in capsys.readouterr().err
    assert main(["check", "--root", str(project), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--executor dask" in capsys.readouterr().err
    flags = ["--skip-languagetool", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    code = main(["check", "--root", str(project), *flags])
    assert code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no Dask scheduler answers" in err
