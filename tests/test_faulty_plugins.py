"""Faulty plugins: an extractor that raises, hangs, or returns what cannot be kept, and a plugin
that fails to import. Each fault is named (plugin, extractor, problem) on its document, the
policy decides between failing the document and leaving the layer out, and the other documents
are not touched. The plugins are a real package (tests/data/faulty-plugins) installed with pip
and found through its entry points."""

from __future__ import annotations

import importlib
import json
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import ctannot
from conftest import REPO, run_ctannot
from ctannot.pipeline import ExtractionError, Pipeline
from ctannot.plugins import get_plugin_manager
from ctannot.time_limit import TimeLimitExceeded, time_limit

PLUGIN = REPO / "tests" / "data" / "faulty-plugins"
HEALTHY = "Le ministre a rencontré le GAFI à Paris."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The faulty plugins installed by pip into a folder of their own, put on ``sys.path``."""
    import subprocess

    target = tmp_path_factory.mktemp("faulty-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(PLUGIN)],
        check=True,
    )  # fmt: skip
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    for name in [m for m in sys.modules if m.startswith("ctannot_faulty")]:
        del sys.modules[name]


def chaos_pipeline(site: Path, on_fault: str, seconds: float | None) -> Pipeline:
    return ctannot.load_pipeline("rules+chaos", on_fault=on_fault, time_limit=seconds)


def limit_for(fault: str) -> float | None:
    """A time limit for the faults that hang, none for the others: on a loaded machine a limit
    can expire on the healthy documents too, or before the extractor reaches its loop (in a
    finalizer or a gc callback, which Python ignores)."""
    return 2.0 if fault.startswith("HANG") else None


def doc(i: int, fault: str = "") -> ctannot.Document:
    return ctannot.Document(f"d{i}", f"{HEALTHY} {fault}".strip(), "fr")


FAULTS = {
    "RAISE": "RuntimeError: the chaos extractor fell over",
    "HANG": "stopped after its time limit of 2 s",
    "HANG-IN-REGEX": "stopped after its time limit of 2 s",
    "OUTSIDE": "Actor span [46, 53) is not a non-empty span inside a text of 48 code points",
    "OUTSIDE-UNCHECKED": "Actor 'chaos-1' of layer 'chaos': span [56, 63) is outside the text of 58",
    "UNREGISTERED": "Unregistered annotations, a type no plugin registered",
    "WRONG-LAYER": "returned layers ['elsewhere'], but declares it produces ['chaos']",
    "NOT-A-LAYER": "returned layers []",
}


def test_the_plugin_that_fails_to_import_is_reported_and_the_others_load(site: Path) -> None:
    pm = get_plugin_manager()
    assert "a_dependency_nobody_installed" in pm.failed["broken"]
    assert pm.has_plugin("faulty")
    assert "rules+chaos" in ctannot.load_registry().pipelines


def test_a_misspelt_hook_is_reported_by_name_and_the_others_load(site: Path) -> None:
    pm = get_plugin_manager()
    assert "unknown hook 'register_extractorz'" in pm.failed["misspelt"]
    assert not pm.has_plugin("misspelt")
    assert pm.has_plugin("faulty")


def test_every_command_works_and_warns_about_the_plugins_that_failed(site: Path, tmp_path: Path) -> None:
    plugins = run_ctannot("plugins", site=site)
    assert plugins.returncode == 1
    assert "misspelt: FAILED TO LOAD: PluginValidationError: unknown hook 'register_extractorz'" in (
        plugins.stdout
    )
    assert "Traceback" not in plugins.stderr
    text = tmp_path / "d1.txt"
    text.write_text(HEALTHY, encoding="utf-8")
    out = tmp_path / "out"
    runs = {
        "annotate": run_ctannot("annotate", text, "-o", out, "-q", "--workers", "1", site=site),
        "show": run_ctannot("show", out / "d1.jsonld", site=site),
        "export": run_ctannot("export", out, "--to", "brat", "-o", tmp_path / "brat", site=site),
    }
    for command, run in runs.items():
        assert run.returncode == 0, (command, run.stderr)
        assert "Traceback" not in run.stderr
        for name in ("broken", "misspelt"):
            warning = f"ctannot: warning: plugin {name!r} failed to load and is left out: "
            assert warning in run.stderr, command
    assert "GAFI" in runs["show"].stdout


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fail_document_names_the_plugin_and_the_problem_and_spares_the_others(site: Path, fault: str) -> None:
    pipeline = chaos_pipeline(site, "fail-document", limit_for(fault))
    outcomes = pipeline.annotate_batch([doc(1), doc(2, fault), doc(3)])
    error = outcomes[1]
    assert isinstance(error, ExtractionError)
    assert (error.document_id, error.extractor, error.plugin) == ("d2", "faulty.chaos", "faulty")
    assert FAULTS[fault] in error.message
    assert "plugin 'faulty'" in str(error)
    for healthy in (outcomes[0], outcomes[2]):
        assert not isinstance(healthy, ExtractionError)
        assert sorted(healthy.document.layer_names) == ["chaos", "mentions", "statements"]
        assert not healthy.problems


@pytest.mark.parametrize("fault", list(FAULTS))
def test_skip_layer_keeps_the_document_without_that_layer_and_says_why(site: Path, fault: str) -> None:
    pipeline = chaos_pipeline(site, "skip-layer", limit_for(fault))
    first, faulty, last = pipeline.annotate_batch([doc(1), doc(2, fault), doc(3)])
    assert not isinstance(faulty, ExtractionError)
    assert sorted(faulty.document.layer_names) == ["mentions", "statements"]
    assert list(faulty.document.annotations(ctannot.Forum))  # the rules' work is kept
    [problem] = faulty.problems
    assert problem.extractor == "faulty.chaos"
    assert "layers left out (plugin 'faulty')" in problem.message
    assert FAULTS[fault] in problem.message
    for healthy in (first, last):
        assert not isinstance(healthy, ExtractionError)
        assert sorted(healthy.document.layer_names) == ["chaos", "mentions", "statements"]


def test_a_hang_in_another_thread_is_stopped_too(site: Path) -> None:
    """A Dask worker runs documents in a thread of its pool: no SIGALRM there, a watchdog instead."""
    pipeline = chaos_pipeline(site, "fail-document", seconds=2.0)  # time to reach its loop, loaded or not
    with ThreadPoolExecutor(1) as pool:
        [error] = pool.submit(pipeline.annotate_batch, [doc(1, "HANG")]).result(timeout=60)
    assert isinstance(error, ExtractionError)
    assert "time limit of 2 s" in error.message


def test_the_time_limit_does_not_fire_after_its_block() -> None:
    for in_thread in (False, True):

        def work() -> None:
            with time_limit(0.2):
                pass
            threading.Event().wait(0.5)  # past the limit, outside the block: nothing may land here

        if in_thread:
            with ThreadPoolExecutor(1) as pool:
                pool.submit(work).result()
        else:
            work()


def test_time_limit_is_not_swallowed_by_except_exception() -> None:
    def stubborn() -> None:
        with time_limit(0.3):
            while True:
                try:
                    threading.Event().wait(0.01)
                except Exception:  # plugin code that carries on through everything
                    continue

    with pytest.raises(TimeLimitExceeded):
        stubborn()


def test_cli_records_faults_in_failures_and_annotates_the_rest(site: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    faults = ["RAISE", "HANG", "OUTSIDE", "UNREGISTERED"]
    with corpus.open("w", encoding="utf-8") as out:
        for i in range(8):
            fault = faults[i // 2] if i % 2 else ""
            out.write(json.dumps({"id": f"d{i}", "text": f"{HEALTHY} {fault}".strip(), "lang": "fr"}) + "\n")

    plugins = run_ctannot("plugins", site=site)
    assert plugins.returncode == 1
    assert "broken: FAILED TO LOAD: ImportError: No module named 'a_dependency_nobody_installed'" in (
        plugins.stdout
    )
    assert "faulty (ctannot-faulty-plugins 0.1.0)" in plugins.stdout

    failing = tmp_path / "failing"
    run = run_ctannot(
        "annotate", corpus, "-o", failing, "-q", "--pipeline", "rules+chaos",
        "--time-limit", "1", "--batch-size", "2", "--workers", "2", site=site,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    records = [json.loads(line) for line in (failing / "failures.jsonl").read_text("utf-8").splitlines()]
    assert [r["document"] for r in records] == ["d1", "d3", "d5", "d7"]
    assert {(r["extractor"], r["plugin"]) for r in records} == {("faulty.chaos", "faulty")}
    assert "time limit" in records[1]["error"]
    assert sorted(p.name for p in failing.glob("*.jsonld")) == [f"d{i}.jsonld" for i in range(0, 8, 2)]

    skipping = tmp_path / "skipping"
    run = run_ctannot(
        "annotate", corpus, "-o", skipping, "-q", "--pipeline", "rules+chaos",
        "--time-limit", "1", "--batch-size", "2", "--on-extractor-fault", "skip-layer", site=site,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("layers left out (plugin 'faulty')") == 4
    assert not (skipping / "failures.jsonl").exists()
    assert len(list(skipping.glob("*.jsonld"))) == 8
