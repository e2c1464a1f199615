"""``ctannot models install`` and ``models list``: Stanza models for a machine without network.

The toy build of tools/stanza_models.py stands for a resources folder copied from a connected
machine: installed from the folder and from archives, then used to annotate; broken copies are
refused with exit code 2, naming the file and what is wrong, and leave nothing installed.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import run_ctannot

TEXT = "Le ministre du Niger a parlé au président.\n"


def _install(path: Path, resources: Path) -> tuple[int, str, str]:
    run = run_ctannot("models", "install", path, env={"STANZA_RESOURCES_DIR": str(resources)})
    return run.returncode, run.stdout, run.stderr


def _list(resources: Path) -> tuple[int, str]:
    run = run_ctannot("models", "list", env={"STANZA_RESOURCES_DIR": str(resources)})
    return run.returncode, run.stdout


def _annotate_french(resources: Path, tmp_path: Path) -> dict[str, object]:
    (tmp_path / "niger.txt").write_text(TEXT, encoding="utf-8")
    run = run_ctannot(
        "annotate",
        tmp_path / "niger.txt",
        "--lang",
        "fr",
        "--pipeline",
        "rules+nlp",
        "-q",
        "-o",
        tmp_path / "out",
        env={"STANZA_RESOURCES_DIR": str(resources)},
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, object] = json.loads((tmp_path / "out" / "niger.jsonld").read_text(encoding="utf-8"))
    return result


def _copy(build: Path, target: Path) -> Path:
    shutil.copytree(build, target, ignore=shutil.ignore_patterns("logs"))
    return target


def _tar(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname="stanza_resources")  # one top-level folder, as `tar czf` makes
    return archive


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_install_from_a_folder_then_list_and_annotate(stanza_toy_models: Path, tmp_path: Path) -> None:
    resources = tmp_path / "stanza_resources"
    code, out, err = _install(stanza_toy_models, resources)
    assert code == 0, err
    assert f"fr: installed in {resources} (tokenize gsd_toy, mwt gsd_toy, pos gsd_toy" in out
    assert f"en: installed in {resources} (tokenize ewt_toy, pos ewt_toy" in out
    code, listed = _list(resources)
    assert code == 0, listed
    assert listed.splitlines()[0].startswith(f"fr: installed in {resources}")
    assert listed.splitlines()[1].startswith(f"en: installed in {resources}")
    assert not [p.name for p in resources.iterdir() if p.name.startswith(".")]  # no scratch left
    notice = (stanza_toy_models / "NOTICE.txt").read_text(encoding="utf-8")  # the CC BY-SA credits
    assert (resources / "fr" / "NOTICE.txt").read_text(encoding="utf-8") == notice
    assert (resources / "en" / "NOTICE.txt").read_text(encoding="utf-8") == notice
    layers = [layer["creator"]["name"] for layer in _annotate_french(resources, tmp_path)["layers"]]  # type: ignore[attr-defined]
    assert layers[0] == "nlp.stanza"


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_install_from_a_tar_gz_beside_other_models(stanza_toy_models: Path, tmp_path: Path) -> None:
    # English only first, as if installed before: installing the archive's French keeps it.
    english_only = _copy(stanza_toy_models, tmp_path / "english")
    shutil.rmtree(english_only / "fr")
    resources = tmp_path / "stanza_resources"
    assert _install(english_only, resources)[0] == 0
    assert _list(resources)[1].startswith("fr: missing")
    french_only = _copy(stanza_toy_models, tmp_path / "french")
    shutil.rmtree(french_only / "en")
    code, out, err = _install(_tar(french_only, tmp_path / "fr-models.tar.gz"), resources)
    assert code == 0, err
    assert out.startswith("fr: installed")
    assert "en:" not in out
    code, listed = _list(resources)
    assert code == 0, listed
    assert [line.split(":")[0] for line in listed.splitlines()] == ["fr", "en"]
    _annotate_french(resources, tmp_path)


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_install_from_a_zip(stanza_toy_models: Path, tmp_path: Path) -> None:
    archive = tmp_path / "models.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(stanza_toy_models.rglob("*")):
            if path.is_file() and "logs" not in path.relative_to(stanza_toy_models).parts:
                zipped.write(path, path.relative_to(stanza_toy_models))  # resources.json at the root
    code, out, err = _install(archive, tmp_path / "res")
    assert code == 0, err
    assert out.count("installed in") == 2


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_an_archive_with_an_empty_model_is_refused(stanza_toy_models: Path, tmp_path: Path) -> None:
    broken = _copy(stanza_toy_models, tmp_path / "broken")
    (broken / "fr" / "pos" / "gsd_toy.pt").write_bytes(b"")
    resources = tmp_path / "res"
    code, out, err = _install(_tar(broken, tmp_path / "broken.tar.gz"), resources)
    assert code == 2
    assert out == ""
    archive = tmp_path / "broken.tar.gz"
    assert err == (
        f"ctannot: error: the 'fr' models in {archive}/stanza_resources are incomplete: "
        f"{archive}/stanza_resources/fr/pos/gsd_toy.pt (pos) is missing or empty\n"
    )
    assert "Traceback" not in err
    assert not (resources / "resources.json").exists()
    assert not (resources / "en").exists()  # nothing of a refused archive is installed


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_a_model_pytorch_cannot_load_is_refused(stanza_toy_models: Path, tmp_path: Path) -> None:
    broken = _copy(stanza_toy_models, tmp_path / "broken")
    mwt = broken / "fr" / "mwt" / "gsd_toy.pt"  # the smallest model: the one loaded as a check
    mwt.write_bytes(b"not a model" * 10)
    code, _, err = _install(broken, tmp_path / "res")
    assert code == 2
    assert f"ctannot: error: {mwt} is not a loadable PyTorch model" in err


def test_a_truncated_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "resources.json").write_text("{}", encoding="utf-8")
    archive = _tar(tmp_path / "models", tmp_path / "models.tar.gz")
    archive.write_bytes(archive.read_bytes()[:40])
    code, _, err = _install(archive, tmp_path / "res")
    assert code == 2
    assert err.startswith(f"ctannot: error: {archive} cannot be unpacked: ")


def test_a_folder_without_resources_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "models" / "fr").mkdir(parents=True)
    code, _, err = _install(tmp_path / "models", tmp_path / "res")
    assert code == 2
    resources_json = tmp_path / "models" / "resources.json"
    assert err == f"ctannot: error: {resources_json} is absent: not a Stanza resources folder\n"


def test_a_folder_declaring_too_little_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    (folder / "fr" / "tokenize").mkdir(parents=True)
    (folder / "fr" / "tokenize" / "x.pt").write_bytes(b"model")
    entry = {"tokenize": {"x": {}}, "default_processors": {"tokenize": "x"}}
    (folder / "resources.json").write_text(json.dumps({"fr": entry}), encoding="utf-8")
    code, _, err = _install(folder, tmp_path / "res")
    assert code == 2
    assert f"no mwt model declared in {folder / 'resources.json'}" in err
    assert "no depparse model declared" in err


def test_missing_models_name_download_and_install(tmp_path: Path) -> None:
    code, listed = _list(tmp_path / "nothing")
    assert code == 1
    for lang in ("fr", "en"):
        assert f"python -m ctannot models download {lang} (with network)" in listed
    assert listed.count("python -m ctannot models install PATH") == 2
