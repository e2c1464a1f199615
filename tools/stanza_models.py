"""Build small but real Stanza models for French and English, offline, from the UD samples.

Tests and demos of the Stanza backend need real models, but Stanza cannot download any here
(no network but PyPI). This builder trains toy models with Stanza's own trainers on the
Universal Dependencies samples in ``../shared/ud`` (a few minutes on two CPU cores, the two
languages side by side; much longer when other processes share the cores) and lays them out as a
Stanza resources directory, which loads with::

    stanza.Pipeline("fr", dir=RES, processors="tokenize,mwt,pos,lemma,depparse", download_method=None)

Processors: French ``tokenize`` (with multi-word tokens), ``mwt``, ``pos``, ``lemma``,
``depparse``; English ``tokenize``, ``pos``, ``lemma``, ``depparse``. No NER. The models are
small and trained on a couple of thousand sentences: they are for exercising code, not for
quality (dev scores: French UPOS 80, LAS 64; English UPOS 66, LAS 65; tokens 97 F1 for both).

Licence: the UD French GSD and UD English EWT data are licensed under CC BY-SA 4.0, and so are
the models trained on them (see ``../shared/ud/README.md`` for the credits). The models are
therefore never committed to this repository: they are built into a cache outside it,
``$CTANNOT_TOY_MODELS_CACHE`` or else ``~/.cache/ctannot/stanza-toy/``, in a folder keyed by the
Stanza version and a SHA-256 of this file and of the data files used. A finished build is
reused; ``resources.json`` is written last, so its presence marks a finished build.

Usage::

    python tools/stanza_models.py build [--langs fr en] [--ud DIR] [--cache DIR]
    python tools/stanza_models.py path [--langs fr en] [--ud DIR] [--cache DIR]

``build`` prints the resources directory on its last line of stdout (progress goes to stderr);
``path`` prints where it is or would be, without building. From Python::

    from stanza_models import build   # with tools/ on sys.path
    resources_dir = build(("fr", "en"))
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

__all__ = ["LANGUAGES", "BuildError", "build", "cache_key", "cache_root", "main", "resources_path"]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_UD_DIR = REPO_ROOT.parent / "shared" / "ud"
CACHE_ENV = "CTANNOT_TOY_MODELS_CACHE"
DEFAULT_CACHE = Path("~/.cache/ctannot/stanza-toy")
SEED = 1234
# One torch thread per trainer, and the languages built side by side instead. Measured on two
# cores: these models are too small for intra-op threads to pay (tokenizer, 60 steps: 9 s on one
# thread, 24 s on two), two spinning OpenMP threads collapse when another process holds a core
# (172 s against 6 s), and the results change with the thread count (depparse dev LAS 47.3 on one
# thread, 47.9 on two), so one thread is also what makes a build reproducible across machines.
TRAINER_THREADS = 1
PRETRAIN_DIM = 50
LOG_TAIL_LINES = 40


@dataclass(frozen=True)
class Language:
    """How one language's models are trained: its treebank, its data files and its processors."""

    code: str
    name: str
    treebank: str  # the UD folder name Stanza's preparation scripts expect under $UDBASE
    package: str  # the Stanza package name of every model of this language
    train_file: str  # in the UD samples folder
    eval_file: str | None  # dev and test data; None: hold out the end of train_file instead
    heldout_fraction: float  # the share of train_file held out when eval_file is None
    mwt: bool  # train multi-word token expansion (French du = de + le)

    @property
    def short_name(self) -> str:
        """Stanza's treebank shorthand, e.g. ``fr_gsd``: its prepared files are named after it."""
        return self.code + "_" + self.treebank.split("-")[1].lower()

    @property
    def data_files(self) -> tuple[str, ...]:
        return (self.train_file,) if self.eval_file is None else (self.train_file, self.eval_file)

    @property
    def processors(self) -> tuple[str, ...]:
        mwt = ("mwt",) if self.mwt else ()
        return ("tokenize", *mwt, "pos", "lemma", "depparse")


LANGUAGES: dict[str, Language] = {
    # Only the dev and test splits are in the samples: train on dev, evaluate on test.
    "fr": Language(
        code="fr",
        name="French",
        treebank="UD_French-GSD",
        package="gsd_toy",
        train_file="fr_gsd-ud-dev.conllu",
        eval_file="fr_gsd-ud-test.conllu",
        heldout_fraction=0.0,
        mwt=True,
    ),
    # Only the dev split is in the samples: its first 90% trains, its last 10% evaluates.
    "en": Language(
        code="en",
        name="English",
        treebank="UD_English-EWT",
        package="ewt_toy",
        train_file="en_ewt-ud-dev.conllu",
        eval_file=None,
        heldout_fraction=0.1,
        mwt=False,
    ),
}


class BuildError(RuntimeError):
    """A build step failed; the message says which and shows the end of its log."""


# --------------------------------------------------------------------------- cache location


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding all builds: the argument, else ``$CTANNOT_TOY_MODELS_CACHE``, else ~/.cache."""
    chosen = cache_dir if cache_dir is not None else os.environ.get(CACHE_ENV) or DEFAULT_CACHE
    return Path(chosen).expanduser().resolve()


def _normalise_langs(langs: Sequence[str]) -> tuple[str, ...]:
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if unknown:
        raise BuildError(f"unknown language(s) {unknown}: this builder knows {sorted(LANGUAGES)}")
    if not langs:
        raise BuildError("no language to build")
    return tuple(sorted(set(langs)))  # the same set of languages is the same build, whatever the order


def _stanza_version() -> str:
    # importlib.metadata, not ``import stanza``: ``path`` must answer without loading torch.
    try:
        return importlib.metadata.version("stanza")
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(f"Stanza is not installed for {sys.executable}: pip install stanza") from None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_key(langs: Sequence[str] = ("fr", "en"), ud_dir: str | os.PathLike[str] = DEFAULT_UD_DIR) -> str:
    """The name of the build folder: Stanza's version, then a hash of this file and the data used.

    A change to the recipe (this file), to the data or to Stanza gives a new folder, so a stale
    build is never reused; the old one stays until the cache is cleaned by hand.
    """
    ud = Path(ud_dir)
    digest = hashlib.sha256()
    digest.update(Path(__file__).resolve().read_bytes())
    for lang in _normalise_langs(langs):
        digest.update(f"\0lang={lang}".encode())
        for name in LANGUAGES[lang].data_files:
            path = ud / name
            if not path.is_file():
                raise BuildError(f"missing UD data file {path} (see {ud / 'README.md'})")
            digest.update(f"\0{name}={_sha256_file(path)}".encode())
    return f"stanza-{_stanza_version()}-{digest.hexdigest()[:16]}"


def resources_path(
    langs: Sequence[str] = ("fr", "en"),
    ud_dir: str | os.PathLike[str] = DEFAULT_UD_DIR,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Where the resources directory of this build is, or would be once built."""
    return cache_root(cache_dir) / cache_key(langs, ud_dir)


# --------------------------------------------------------------------------- build orchestration


def build(
    langs: Sequence[str] = ("fr", "en"),
    ud_dir: str | os.PathLike[str] = DEFAULT_UD_DIR,
    cache_root: str | os.PathLike[str] | None = None,
) -> Path:
    """Build (or reuse) the toy models of ``langs``; return the Stanza resources directory.

    Safe to call from several processes at once: one builds under a lock, the others wait and
    reuse its result. The build goes to a temporary folder beside the target and is renamed into
    place only when complete, so a crash never leaves a half-built resources directory.
    """
    langs = _normalise_langs(langs)
    ud = Path(ud_dir).resolve()
    target = resources_path(langs, ud, cache_root)
    if (target / "resources.json").is_file():
        return target
    root = target.parent
    root.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(root / f"{target.name}.lock"):
        if (target / "resources.json").is_file():  # another process finished it while we waited
            _log(f"reusing {target}, built by another process")
            return target
        _remove_leftovers(root, target.name)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=root))
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.work-", dir=root))
        started = time.monotonic()
        try:
            _build_into(staging, work, langs, ud)
            if target.exists():  # only an unfinished leftover can be here: it has no resources.json
                shutil.rmtree(target)
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; the cache may be shared
            os.rename(staging, target)  # atomic on one filesystem: readers see all or nothing
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            _log(f"build did not finish; trainer data and logs are kept in {work}")
            raise
        shutil.rmtree(work, ignore_errors=True)
        _log(f"built {', '.join(langs)} in {time.monotonic() - started:.1f} s: {target}")
    return target


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    # The lock file is never deleted: removing it would let a third process lock a new inode
    # while a second one still holds the old one.
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _log(f"another process is building into {path.with_suffix('')}; waiting for it")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_leftovers(root: Path, key: str) -> None:
    # Only the holder of the lock creates these, so with the lock held any found are from a
    # builder that was killed (staging) or failed (work, kept for its logs until the next try).
    for leftover in (*root.glob(f".{key}.staging-*"), *root.glob(f".{key}.work-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def _log(message: str) -> None:
    print(f"stanza-toy: {message}", file=sys.stderr, flush=True)


def _build_into(resources_dir: Path, work: Path, langs: Sequence[str], ud: Path) -> None:
    resources: dict[str, object] = {}
    build_info: dict[str, object] = {
        "stanza": _stanza_version(),
        "torch": _installed_version("torch"),
        "licence": "CC BY-SA 4.0, as the UD treebanks the models are trained on: never commit them",
    }
    builds = [_LanguageBuild(LANGUAGES[lang], ud, work / lang, resources_dir / lang) for lang in langs]
    # The languages are independent and each trainer uses one thread: build them side by side.
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(len(builds), _cores())) as pool:
        futures = [pool.submit(language_build.run) for language_build in builds]
        try:
            for future in concurrent.futures.as_completed(futures):
                future.result()
        except BaseException:
            # The first failure (or an interrupt) is the one reported: stop the other languages
            # now rather than after their remaining stages.
            for language_build in builds:
                language_build.cancel()
            raise
    languages: dict[str, object] = {}
    for language_build in builds:
        spec = language_build.spec
        resources[spec.code] = language_build.resources_entry()
        resources[spec.name.lower()] = {"alias": spec.code}  # Stanza accepts "french" as well as "fr"
        languages[spec.code] = language_build.report
    build_info["languages"] = languages
    (resources_dir / "build_info.json").write_text(json.dumps(build_info, indent=2) + "\n", encoding="utf-8")
    (resources_dir / "NOTICE.txt").write_text(_NOTICE, encoding="utf-8")
    # Written last: its presence is what marks a finished build.
    (resources_dir / "resources.json").write_text(json.dumps(resources, indent=2) + "\n", encoding="utf-8")


_NOTICE = """\
Toy Stanza models built by ctannot's tools/stanza_models.py from Universal Dependencies samples:
UD French GSD (Marie-Catherine de Marneffe, Bruno Guillaume, Matias Grioni, Carly Dickerson, Guy
Perrier and contributors) and UD English EWT (the Universal Dependencies English team).
They are derived from data licensed under CC BY-SA 4.0
(https://creativecommons.org/licenses/by-sa/4.0/) and are shared under the same licence.
Do not commit them to a repository of another licence.
"""


def _installed_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


# --------------------------------------------------------------------------- one language

# Sets torch's thread count (see TRAINER_THREADS), then runs a Stanza module as ``python -m``
# would. argv: threads, module, module arguments...
_LAUNCHER = """\
import runpy, sys
import torch
torch.set_num_threads(int(sys.argv[1]))
sys.argv = [sys.argv[2], *sys.argv[3:]]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""

# Turns the random word2vec text file into Stanza's .pt pretrain. argv: threads, pt, txt.
_PRETRAIN_CONVERTER = """\
import sys
import torch
torch.set_num_threads(int(sys.argv[1]))
from stanza.models.common.pretrain import Pretrain
pretrain = Pretrain(sys.argv[2], sys.argv[3])
pretrain.load()
print(f"pretrain: {len(pretrain.vocab)} words, dim {pretrain.emb.shape[1]}")
"""

# What each trainer prints about its dev score; the last match is reported.
_SCORE_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "tokenize": (
        re.compile(r"token F1 = ([\d.]+), sentence F1 = ([\d.]+), mwt F1 = ([\d.]+)"),
        "token F1 {0}, sentence F1 {1}, MWT F1 {2}",
    ),
    "mwt": (re.compile(r"Dev F1 = ([\d.]+)"), "MWT F1 {0}"),
    "lemma": (re.compile(r"Dev F1 = ([\d.]+)"), "lemma F1 {0}"),
    "pos": (re.compile(r"Best dev F1 = ([\d.]+)"), "UPOS {0}"),
    "depparse": (re.compile(r"Best dev F1 = ([\d.]+)"), "LAS {0}"),
    "pretrain": (re.compile(r"pretrain: (\d+) words"), "{0} words"),
}


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _LanguageBuild:
    """Prepares one language's data, runs its trainers and copies the models into place."""

    def __init__(self, spec: Language, ud: Path, work: Path, models_dir: Path) -> None:
        self.spec = spec
        self.ud = ud
        self.work = work
        self.models_dir = models_dir
        self.udbase = work / "ud"
        self.data = work / "data"
        self.saved = work / "saved_models"
        self.logs = work / "logs"
        self.threads = TRAINER_THREADS
        self.report: dict[str, dict[str, object]] = {}
        self.env = self._trainer_environment()
        self._cancelled = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None

    def cancel(self) -> None:
        """Stop this build: its running trainer now, its later stages before they start."""
        self._cancelled.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()

    def _trainer_environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                # Stanza's preparation scripts read every path from these (stanza/utils/default_paths.py).
                "UDBASE": str(self.udbase),
                "DATA_ROOT": str(self.data),
                "TOKENIZE_DATA_DIR": str(self.data / "tokenize"),
                "MWT_DATA_DIR": str(self.data / "mwt"),
                "LEMMA_DATA_DIR": str(self.data / "lemma"),
                "POS_DATA_DIR": str(self.data / "pos"),
                "DEPPARSE_DATA_DIR": str(self.data / "depparse"),
                "WORDVEC_DIR": str(self.work / "wordvec"),
                "STANZA_EXTERN_DIR": str(self.work / "extern"),
                "HANDPARSED_DIR": str(self.work / "extern" / "handparsed"),
                # prepare_mwt_treebank stages in a temporary folder: keep it with the rest.
                "TMPDIR": str(self.work / "tmp"),
                # Nothing may touch the user's own Stanza models or reach for the network.
                "STANZA_RESOURCES_DIR": str(self.work / "no_resources"),
                "HF_HUB_OFFLINE": "1",
                "CUDA_VISIBLE_DEVICES": "",
                # Reproducible: vocabularies built from sets must not depend on hash randomisation,
                # and the OpenMP and MKL pools have the thread count torch is given.
                "PYTHONHASHSEED": "0",
                "OMP_NUM_THREADS": str(self.threads),
                "MKL_NUM_THREADS": str(self.threads),
            }
        )
        return env

    # ---- the recipe

    def run(self) -> None:
        spec = self.spec
        for folder in (self.udbase, self.data, self.saved, self.logs, self.work / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        train, dev = self._stage_treebank()
        tokenize_dir = self.data / "tokenize"
        short = spec.short_name

        self._run_module(
            "prepare_tokenize",
            "stanza.utils.datasets.prepare_tokenizer_treebank",
            # No augmentation: it draws from an unseeded RNG, and the toy models don't need it.
            [spec.treebank, "--no_augment"],
        )
        self._run_module(
            "tokenize",
            "stanza.models.tokenizer",
            [
                "--mode", "train",
                "--lang", spec.code,
                "--shorthand", short,
                "--txt_file", str(tokenize_dir / f"{short}.train.txt"),
                "--label_file", str(tokenize_dir / f"{short}-ud-train.toklabels"),
                "--dev_txt_file", str(tokenize_dir / f"{short}.dev.txt"),
                "--dev_label_file", str(tokenize_dir / f"{short}-ud-dev.toklabels"),
                "--dev_conll_gold", str(tokenize_dir / f"{short}.dev.gold.conllu"),
                "--mwt_json_file", str(tokenize_dir / f"{short}-ud-dev-mwt.json"),
                "--use_mwt" if spec.mwt else "--no_use_mwt",
                "--max_seqlen", "100",
                "--batch_size", "16",
                "--steps", "400",
                "--eval_steps", "400",
                # The default reshuffles the paragraphs every 100 steps, which stalls training on
                # this small data; one pass in order is enough for 400 steps.
                "--shuffle_steps", "1000000",
                "--save_dir", str(self.saved / "tokenize"),
                "--save_name", f"{short}_tokenizer.pt",
                "--seed", str(SEED),
                "--cpu",
            ],
        )  # fmt: skip
        if spec.mwt:
            self._run_module("prepare_mwt", "stanza.utils.datasets.prepare_mwt_treebank", [spec.treebank])
            mwt_dir = self.data / "mwt"
            self._run_module(
                "mwt",
                "stanza.models.mwt_expander",
                [
                    "--mode", "train",
                    "--lang", spec.code,
                    "--shorthand", short,
                    "--train_file", str(mwt_dir / f"{short}.train.in.conllu"),
                    "--eval_file", str(mwt_dir / f"{short}.dev.in.conllu"),
                    "--gold_file", str(mwt_dir / f"{short}.dev.gold.conllu"),
                    # A dictionary of the training data's contractions: French has few, all frequent.
                    "--dict_only",
                    "--save_dir", str(self.saved / "mwt"),
                    "--save_name", f"{short}_mwt_expander.pt",
                    "--seed", str(SEED),
                    "--cpu",
                ],
            )  # fmt: skip

        pretrain = self._build_pretrain(train)
        self._run_module(
            "pos",
            "stanza.models.tagger",
            [
                "--mode", "train",
                "--lang", spec.code,
                "--shorthand", short,
                "--train_file", str(train),
                # Blank XPOS and FEATS in the dev copy, so that the tagger selects on and reports UPOS.
                "--eval_file", str(self._upos_only_copy(dev)),
                "--wordvec_pretrain_file", str(pretrain),
                "--hidden_dim", "64",
                "--char_hidden_dim", "64",
                "--deep_biaff_hidden_dim", "64",
                "--composite_deep_biaff_hidden_dim", "32",
                "--word_emb_dim", "50",
                "--char_emb_dim", "32",
                "--tag_emb_dim", "16",
                "--transformed_dim", "50",
                "--num_layers", "1",
                "--batch_size", "32",
                "--lr", "0.01",
                "--max_steps", "200",
                "--eval_interval", "200",  # one evaluation, at the end, as for depparse
                "--save_dir", str(self.saved / "pos"),
                "--save_name", f"{short}_tagger.pt",
                "--seed", str(SEED),
                "--cpu",
            ],
        )  # fmt: skip
        self._run_module(
            "lemma",
            "stanza.models.lemmatizer",
            [
                "--mode", "train",
                "--shorthand", short,
                "--train_file", str(train),
                "--eval_file", str(dev),
                # A (word, UPOS) -> lemma dictionary: the seq2seq model would take many minutes.
                "--dict_only",
                "--save_dir", str(self.saved / "lemma"),
                "--save_name", f"{short}_lemmatizer.pt",
                "--seed", str(SEED),
                "--cpu",
            ],
        )  # fmt: skip
        self._run_module(
            "depparse",
            "stanza.models.parser",
            [
                "--mode", "train",
                "--lang", spec.code,
                "--shorthand", short,
                "--train_file", str(train),
                "--eval_file", str(dev),
                "--wordvec_pretrain_file", str(pretrain),
                # Measured on English, 150 steps: LAS 64.9, against 68.7 with hidden 100, character
                # LSTM 64 and biaffine 100/64, but at about half the time per step and 60% of the
                # size; one LSTM layer instead of two lost two more points for little time.
                "--hidden_dim", "64",
                "--char_hidden_dim", "32",
                "--deep_biaff_hidden_dim", "64",
                "--deep_biaff_output_dim", "32",
                "--word_emb_dim", "50",
                "--char_emb_dim", "32",
                "--tag_emb_dim", "16",
                "--transformed_dim", "50",
                "--num_layers", "2",
                "--batch_size", "1000",
                "--max_steps", "150",
                # One evaluation, at the end: the score still rises at every step this early, and
                # a trainer that never evaluates would not report a score.
                "--eval_interval", "150",
                "--no_checkpoint",
                "--save_dir", str(self.saved / "depparse"),
                "--save_name", f"{short}_parser.pt",
                "--seed", str(SEED),
                "--cpu",
            ],
        )  # fmt: skip

        self._install("tokenize", self.saved / "tokenize" / f"{short}_tokenizer.pt")
        if spec.mwt:
            self._install("mwt", self.saved / "mwt" / f"{short}_mwt_expander.pt")
        self._install("pos", self.saved / "pos" / f"{short}_tagger.pt")
        self._install("lemma", self.saved / "lemma" / f"{short}_lemmatizer.pt")
        self._install("depparse", self.saved / "depparse" / f"{short}_parser.pt")
        self._install("pretrain", pretrain)
        # The trainers' logs go with the models: they are how a surprising model gets explained.
        shutil.copytree(self.logs, self.models_dir.parent / "logs" / spec.code)

    # ---- data staging

    def _stage_treebank(self) -> tuple[Path, Path]:
        """Copy the samples as ``$UDBASE/<treebank>/<short>-ud-{train,dev,test}.conllu``.

        Returns the train and dev files. The test file is a copy of dev: the samples have no third
        split to spare, and only the preparation scripts insist on a test file.
        """
        spec = self.spec
        started = time.monotonic()
        folder = self.udbase / spec.treebank
        folder.mkdir(parents=True, exist_ok=True)
        sentences = _read_conllu(self.ud / spec.train_file)
        if spec.eval_file is not None:
            train_sentences = sentences
            heldout = _read_conllu(self.ud / spec.eval_file)
        else:
            cut = round(len(sentences) * (1 - spec.heldout_fraction))
            train_sentences, heldout = sentences[:cut], sentences[cut:]
        if not spec.mwt:
            # English EWT writes contractions as multi-word tokens (didn't = did + n't), but this
            # pipeline has no mwt processor: make their words plain tokens, so that the tokenizer
            # learns to split them and every later model sees the same words.
            train_sentences = [_flatten_mwt(s) for s in train_sentences]
            heldout = [_flatten_mwt(s) for s in heldout]
        paths = {split: folder / f"{spec.short_name}-ud-{split}.conllu" for split in ("train", "dev", "test")}
        _write_conllu(paths["train"], train_sentences)
        _write_conllu(paths["dev"], heldout)
        _write_conllu(paths["test"], heldout)
        sizes = f"{len(train_sentences)} train, {len(heldout)} dev sentences"
        self._record("stage_data", time.monotonic() - started, sizes)
        return paths["train"], paths["dev"]

    def _upos_only_copy(self, conllu: Path) -> Path:
        target = self.data / "pos" / f"{self.spec.short_name}.dev.upos.conllu"
        target.parent.mkdir(parents=True, exist_ok=True)
        blanked = [[_blank_columns(line, (4, 5)) for line in sentence] for sentence in _read_conllu(conllu)]
        _write_conllu(target, blanked)
        return target

    def _build_pretrain(self, train: Path) -> Path:
        """A random word-vector pretrain over the training vocabulary (pos and depparse need one).

        Real embeddings are not available offline; seeded random vectors give the models a fixed
        input for every known word, which is what the toy models need.
        """
        started = time.monotonic()
        counts: collections.Counter[str] = collections.Counter()
        for sentence in _read_conllu(train):
            for line in sentence:
                columns = line.split("\t")
                if len(columns) == 10 and columns[0].isdigit():
                    counts[columns[1].lower()] += 1  # Stanza looks words up lowercased in a pretrain
        # Frequency order, as real vector files; words with spaces would break the text format.
        words = sorted((w for w in counts if not any(c.isspace() for c in w)), key=lambda w: (-counts[w], w))
        rng = random.Random(SEED)
        text = self.work / "wordvec" / f"{self.spec.short_name}.vectors.txt"
        text.parent.mkdir(parents=True, exist_ok=True)
        with text.open("w", encoding="utf-8") as out:
            out.write(f"{len(words)} {PRETRAIN_DIM}\n")
            for word in words:
                vector = " ".join(f"{rng.gauss(0.0, 0.5):.5f}" for _ in range(PRETRAIN_DIM))
                out.write(f"{word} {vector}\n")
        pretrain = self.saved / "pretrain" / f"{self.spec.short_name}.pretrain.pt"
        pretrain.parent.mkdir(parents=True, exist_ok=True)
        self._run(
            "pretrain",
            [sys.executable, "-c", _PRETRAIN_CONVERTER, str(self.threads), str(pretrain), str(text)],
            started=started,
        )
        return pretrain

    # ---- running the trainers

    def _run_module(self, stage: str, module: str, arguments: list[str]) -> None:
        self._run(stage, [sys.executable, "-c", _LAUNCHER, str(self.threads), module, *arguments])

    def _run(self, stage: str, command: list[str], started: float | None = None) -> None:
        started = time.monotonic() if started is None else started
        log_path = self.logs / f"{stage}.log"
        if self._cancelled.is_set():
            raise BuildError(f"[{self.spec.code}] cancelled before stage {stage}")
        with log_path.open("w", encoding="utf-8") as log:
            log.write("$ " + " ".join([*command[:2], "...", *command[3:]]) + "\n")  # "..." for the -c code
            log.flush()
            # cwd is the work folder: the scripts write relative defaults (saved_models/, data/) there.
            self._process = subprocess.Popen(
                command, cwd=self.work, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                returncode = self._process.wait()
            finally:
                self._process = None
        if self._cancelled.is_set():
            raise BuildError(f"[{self.spec.code}] cancelled during stage {stage}")
        output = log_path.read_text(encoding="utf-8", errors="replace")
        if returncode != 0:
            tail = "\n".join(output.splitlines()[-LOG_TAIL_LINES:])
            raise BuildError(
                f"[{self.spec.code}] stage {stage} failed with exit status {returncode}; "
                f"the last lines of {log_path}:\n{tail}"
            )
        self._record(stage, time.monotonic() - started, _dev_score(stage, output))

    def _record(self, stage: str, seconds: float, score: str | None) -> None:
        self.report[stage] = {"seconds": round(seconds, 1), "score": score}
        _log(f"[{self.spec.code}] {stage:<16} {seconds:6.1f} s  {score or ''}".rstrip())

    # ---- the resources directory

    def _install(self, processor: str, model: Path) -> None:
        if not model.is_file():
            raise BuildError(f"[{self.spec.code}] the {processor} trainer wrote no model at {model}")
        destination = self.models_dir / processor / f"{self.spec.package}.pt"
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model, destination)

    def resources_entry(self) -> dict[str, object]:
        """This language's part of ``resources.json``, as stanza.resources.common reads it."""
        package = self.spec.package
        pretrain_dependency = [{"model": "pretrain", "package": package}]
        entry: dict[str, object] = {"lang_name": self.spec.name}
        for processor in (*self.spec.processors, "pretrain"):
            model = self.models_dir / processor / f"{package}.pt"
            model_entry: dict[str, object] = {"md5": hashlib.md5(model.read_bytes()).hexdigest()}
            if processor in ("pos", "depparse"):
                model_entry["dependencies"] = pretrain_dependency
            entry[processor] = {package: model_entry}
        defaults = {processor: package for processor in self.spec.processors}
        entry["default_processors"] = defaults
        # Read by Stanza releases before 1.5; current ones take dependencies from each model entry.
        entry["default_dependencies"] = {"pos": pretrain_dependency, "depparse": pretrain_dependency}
        # What Pipeline(lang, processors="tokenize,...") resolves the package "default" through.
        entry["packages"] = {"default": dict(defaults)}
        return entry


def _dev_score(stage: str, output: str) -> str | None:
    if stage not in _SCORE_PATTERNS:
        return None
    pattern, template = _SCORE_PATTERNS[stage]
    matches = pattern.findall(output)
    if not matches:
        return None
    last = matches[-1]
    return template.format(*(last if isinstance(last, tuple) else (last,)))


# --------------------------------------------------------------------------- CoNLL-U helpers

_RANGE_ID = re.compile(r"^(\d+)-(\d+)$")


def _read_conllu(path: Path) -> list[list[str]]:
    """The sentences of a CoNLL-U file, each as its lines (comments included)."""
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line)
        elif current:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _write_conllu(path: Path, sentences: Sequence[Sequence[str]]) -> None:
    path.write_text("".join("\n".join(sentence) + "\n\n" for sentence in sentences), encoding="utf-8")


def _blank_columns(line: str, columns: Sequence[int]) -> str:
    if line.startswith("#"):
        return line
    fields = line.split("\t")
    for column in columns:
        fields[column] = "_"
    return "\t".join(fields)


def _with_space_after(misc: str, space_after: bool) -> str:
    items = [item for item in misc.split("|") if item not in ("_", "") and not item.startswith("SpaceAfter=")]
    if not space_after:
        items.append("SpaceAfter=No")
    return "|".join(items) or "_"


def _flatten_mwt(sentence: Sequence[str]) -> list[str]:
    """A sentence with each multi-word token replaced by its words as plain tokens.

    Only for tokens that are their words glued together (all of English EWT's are): the words
    keep their text and the token's SpaceAfter goes to its last word.
    """
    out: list[str] = []
    index = 0
    while index < len(sentence):
        line = sentence[index]
        fields = line.split("\t")
        span = _RANGE_ID.match(fields[0]) if not line.startswith("#") else None
        if span is None:
            out.append(line)
            index += 1
            continue
        size = int(span.group(2)) - int(span.group(1)) + 1
        words = [word.split("\t") for word in sentence[index + 1 : index + 1 + size]]
        if "".join(word[1] for word in words) != fields[1]:
            pieces = [word[1] for word in words]
            raise BuildError(f"multi-word token {fields[1]!r} is not its words {pieces} joined")
        token_space_after = "SpaceAfter=No" not in fields[9].split("|")
        for position, word in enumerate(words):
            last = position == len(words) - 1
            word[9] = _with_space_after(word[9], token_space_after if last else False)
            out.append("\t".join(word))
        index += 1 + size
    return out


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "build the models, or reuse a finished build; print the resources directory last"),
        ("path", "print where the resources directory is or would be, without building"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--langs", nargs="+", default=["fr", "en"], choices=sorted(LANGUAGES))
        command.add_argument("--ud", type=Path, default=DEFAULT_UD_DIR, help="the UD samples folder")
        command.add_argument("--cache", type=Path, help=f"default: ${CACHE_ENV}, else {DEFAULT_CACHE}")
    args = parser.parse_args(argv)
    # A terminated builder unwinds like an interrupted one: its trainers are stopped and its
    # staging folder removed, instead of lingering until the next build under the lock.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        if args.command == "path":
            print(resources_path(args.langs, args.ud, args.cache))
        else:
            print(build(args.langs, args.ud, args.cache))
    except BuildError as error:
        print(f"stanza-toy: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stanza-toy: interrupted", file=sys.stderr)
        return 130
    return 0


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


if __name__ == "__main__":
    sys.exit(main())
