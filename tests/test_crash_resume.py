"""Crashes and interruptions: a batch run killed (SIGKILL, the whole process group, as a crash or
a power cut of the program) or interrupted (SIGINT, as Ctrl-C) at random moments, then resumed,
ends with exactly the output of an uninterrupted run; a full disk or a read-only output folder
stops the run with a clear error and leaves no partial file that passes for complete."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run_ctannot
from ctannot.formats import web_annotation

DOCUMENTS = 800


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """800 documents made from the sample articles, each with its own id."""
    texts = sorted((REPO / "corpus_samples").glob("*.txt"))
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(DOCUMENTS):
            source = texts[i % len(texts)]
            text = source.read_text(encoding="utf-8")
            paragraphs = text.split("\n\n")
            text = "\n\n".join(paragraphs[i % 3 :] or paragraphs)  # not all the same text
            out.write(json.dumps({"id": f"doc-{i:04d}", "text": text, "lang": source.stem[:2]}) + "\n")
    return path


def annotate(corpus: Path, out: Path, output_format: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "ctannot", "annotate", str(corpus), "-o", str(out), "-q",
        "--workers", "2", "--batch-size", "8", "--output-format", output_format, *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The uninterrupted runs, one per output format."""
    done = {}
    for output_format in ("files", "jsonld-lines.gz"):
        out = tmp_path_factory.mktemp(f"reference-{output_format}")
        subprocess.run(annotate(corpus, out, output_format), check=True, capture_output=True)
        done[output_format] = out
    return done


def contents(out: Path, output_format: str) -> dict[str, bytes]:
    """Every output, by document id; each must parse, and each document appear once."""
    found: dict[str, bytes] = {}
    if output_format == "files":
        for path in sorted(out.glob("*.jsonld")):
            data = path.read_bytes()
            doc = web_annotation.loads(data.decode("utf-8"), None, str(path))
            assert doc.id not in found
            found[doc.id] = data
    else:
        with gzip.open(out / "annotations.jsonld.jsonl.gz", "rb") as lines:
            for line in lines:
                doc = web_annotation.loads(line.decode("utf-8"), None, "line")
                assert doc.id not in found, f"{doc.id} written twice"
                found[doc.id] = line.rstrip(b"\n")
    return found


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".part"))


def interrupted_then_resumed(
    corpus: Path, out: Path, output_format: str, how: signal.Signals, seed: int
) -> int:
    """Start the run, stop it once a random number of documents are written, resume (and stop
    again, once) until it ends; the number of interruptions that landed before the end.

    The moment is counted in documents the run says it wrote (a line each on its unbuffered
    standard output, without ``-q``), not in seconds: on a loaded machine a run is slower, not
    interrupted later in its work, so the interruption lands all the same.
    """
    rng = random.Random(seed)
    landed = 0
    for attempt in range(6):
        resume = ["--resume"] if attempt else []
        process = subprocess.Popen(
            [arg for arg in annotate(corpus, out, output_format, *resume) if arg != "-q"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,  # its own process group: the workers are hit too
        )
        if attempt < 2:
            assert process.stdout is not None
            wanted = rng.randint(DOCUMENTS // 8, DOCUMENTS // 3)  # a resumed run has more than that left
            written = 0
            while written < wanted and process.stdout.readline():  # b"" once the run has ended
                written += 1
            if process.poll() is None:
                if how is signal.SIGKILL:
                    os.killpg(process.pid, signal.SIGKILL)
                else:
                    process.send_signal(signal.SIGINT)  # Ctrl-C reaches the main process
                landed += 1
        try:
            _, stderr = process.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(f"attempt {attempt}: the run did not end within 240 s") from None
        if how is signal.SIGINT and process.returncode == 130:
            assert b"--resume" in stderr
            assert b"Traceback" not in stderr
            continue
        if process.returncode in (-signal.SIGKILL, -signal.SIGINT, 130):
            continue  # -SIGINT: Ctrl-C while Python shut down, after the run had ended
        assert process.returncode == 0, stderr.decode()
        return landed
    raise AssertionError("the run never finished")


SOAK = pytest.mark.slow  # half a minute each: every signal and output format run by default, the rest soak


@pytest.mark.parametrize(
    ("how", "output_format", "seed"),
    [
        (signal.SIGKILL, "files", 1),
        pytest.param(signal.SIGKILL, "files", 2, marks=SOAK),
        pytest.param(signal.SIGKILL, "jsonld-lines.gz", 3, marks=SOAK),
        (signal.SIGKILL, "jsonld-lines.gz", 4),
        (signal.SIGINT, "files", 5),
        pytest.param(signal.SIGINT, "jsonld-lines.gz", 6, marks=SOAK),
    ],
)
def test_interrupted_and_resumed_equals_uninterrupted(
    corpus: Path,
    reference: dict[str, Path],
    tmp_path: Path,
    how: signal.Signals,
    output_format: str,
    seed: int,
) -> None:
    out = tmp_path / "out"
    landed = interrupted_then_resumed(corpus, out, output_format, how, seed)
    assert landed >= 1, "no interruption landed before the end: the test proved nothing"
    assert contents(out, output_format) == contents(reference[output_format], output_format)
    assert len(contents(out, output_format)) == DOCUMENTS
    assert leftovers(out) == []
    assert not (out / "failures.jsonl").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of its own (tmpfs), where output fills the disk for real."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("output_format", ["files", "jsonld-lines"])
def test_a_full_disk_stops_the_run_and_resume_finishes_it(
    corpus: Path, reference: dict[str, Path], tiny_disk: Path, tmp_path: Path, output_format: str
) -> None:
    out = tiny_disk / "out"
    run = run_ctannot(*annotate(corpus, out, output_format)[3:])
    assert run.returncode == 1
    assert "No space left on device" in run.stderr
    assert "`--resume` does the rest" in run.stderr
    assert "Traceback" not in run.stderr
    assert leftovers(out) == []
    written = contents(out, output_format) if output_format == "files" else {}
    if output_format == "jsonld-lines":
        lines = (out / "annotations.jsonld.jsonl").read_bytes().split(b"\n")
        whole = [line for line in lines[:-1] if line]  # the last may be cut: resume drops it
        written = {web_annotation.loads(line.decode(), None).id: line for line in whole}
    assert 0 < len(written) < DOCUMENTS
    # moved to a disk with room, as a user would, and resumed there
    roomy = tmp_path / "roomy"
    subprocess.run(["cp", "-a", str(out), str(roomy)], check=True)
    done = run_ctannot(*annotate(corpus, roomy, output_format, "--resume")[3:])
    assert done.returncode == 0, done.stderr
    reference_lines = reference["jsonld-lines.gz"]
    if output_format == "files":
        assert contents(roomy, "files") == contents(reference["files"], "files")
    else:
        with gzip.open(reference_lines / "annotations.jsonld.jsonl.gz", "rb") as expected:
            assert (roomy / "annotations.jsonld.jsonl").read_bytes() == expected.read()


def test_a_read_only_output_folder_stops_before_annotating(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if made.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip(
                f"cannot mount a read-only tmpfs, and root ignores permissions: {made.stderr.strip()}"
            )
        folder.chmod(0o555)
    try:
        run = run_ctannot("annotate", corpus, "-o", folder, "-q")
        assert run.returncode == 1
        assert f"cannot write in {folder}" in run.stderr
        assert "Traceback" not in run.stderr
        assert "0 annotated" in run.stderr
        assert list(folder.iterdir()) == []
    finally:
        if made.returncode == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)
