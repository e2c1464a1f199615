"""The command line: ``python -m ctannot annotate|plugins|show``."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from . import __version__
from .extractor import Problem
from .formats import FormatError
from .inputs import InputError, output_name, read_jsonl, read_txt, write_atomic
from .model import Document
from .nlp import LinguisticExtractor, ModelsMissing
from .pipeline import ExtractionError, Pipeline, PipelineError, Result
from .plugins import get_plugin_manager, plugin_info
from .registry import RegistrationError, Registry
from .rules import RuleFileError
from .rules.extractor import DEFAULT_RULE_TIMEOUT, RuleExtractor

__all__ = ["main"]

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
DEFAULT_BATCH_SIZE = 32


class UsageError(Exception):
    """A mistake in how ctannot was called or configured: printed, never a traceback."""


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, not {value!r}")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctannot",
        description="Annotate counter-terrorism news: initiatives, forums, threats, statements, actors.",
    )
    parser.add_argument("--version", action="version", version=f"ctannot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ann = sub.add_parser("annotate", help="annotate .txt files, folders of them, or .jsonl files")
    ann.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="INPUT",
        help=".txt file, folder of .txt files, or .jsonl file (id, text, lang, metadata)",
    )
    ann.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT_DIR",
        help="folder for the output files (created if needed)",
    )
    ann.add_argument("--pipeline", default="rules", help="named pipeline (default: rules)")
    ann.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="EXTRACTOR",
        help="add an extractor to the pipeline (repeatable)",
    )
    ann.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="EXTRACTOR",
        help="leave an extractor out of the pipeline (repeatable)",
    )
    ann.add_argument("--lang", choices=("fr", "en"), help="language of every input (default: detected)")
    ann.add_argument("--backend", help="NLP backend of the pipeline's nlp.* extractor (default: stanza)")
    ann.add_argument("--format", default="jsonld", help="output format (default: jsonld)")
    ann.add_argument(
        "--rule-timeout",
        type=float,
        default=DEFAULT_RULE_TIMEOUT,
        metavar="SECONDS",
        help=f"time one regex rule may take on one document (default: {DEFAULT_RULE_TIMEOUT:g})",
    )
    ann.add_argument(
        "--batch-size",
        type=_positive_int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help="documents read and annotated together: the NLP backend parses those of one language in "
        f"one call (default: {DEFAULT_BATCH_SIZE})",
    )
    ann.add_argument(
        "--gpu",
        action="store_true",
        help="let the NLP backend run its models on a GPU when there is one (Stanza: CUDA, through "
        "PyTorch; spaCy: spacy.prefer_gpu, through CuPy); by default, the CPU only",
    )
    ann.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")

    plug = sub.add_parser("plugins", help="list installed plugins and what they provide")
    plug.add_argument("--json", action="store_true", help="print JSON")

    show = sub.add_parser("show", help="read annotated files back and list their annotations")
    show.add_argument("files", nargs="+", type=Path, metavar="FILE")

    models = sub.add_parser("models", help="install and list the Stanza models of the NLP layer")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    download = models_sub.add_parser("download", help="download Stanza models (needs network access)")
    download.add_argument("langs", nargs="+", choices=("fr", "en"), metavar="LANG", help="fr, en")
    models_sub.add_parser("list", help="list the installed Stanza models ctannot can use")

    ev = sub.add_parser("evaluate", help="score predictions against gold annotations")
    ev.add_argument(
        "gold", type=Path, metavar="GOLD", help="folder of gold files (.jsonld, or .json with --texts)"
    )
    ev.add_argument("pred", type=Path, metavar="PRED", help="folder of predicted .jsonld files")
    ev.add_argument(
        "--texts", type=Path, help="folder of <doc>.txt, for gold in the guidelines' .json format"
    )
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "annotate":
            return _annotate(args)
        if args.command == "plugins":
            return _plugins(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "models":
            return _models(args)
        return _show(args)
    except (UsageError, PipelineError, RuleFileError, RegistrationError, FormatError, ModelsMissing) as exc:
        print(f"ctannot: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ctannot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return EXIT_OK


def _registry() -> Registry:
    return Registry.collect(get_plugin_manager())


# -- annotate ----------------------------------------------------------------------------------


def _documents(inputs: Sequence[Path], lang: str | None) -> Iterator[Document | InputError]:
    for path in inputs:
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                yield InputError(str(path), "folder has no .txt files")
            for file in files:
                yield _read_txt(file, lang)
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path, lang)
        elif path.suffix == ".txt":
            yield _read_txt(path, lang)
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        else:
            yield InputError(str(path), "unsupported input: give .txt files, folders of them, or .jsonl")


def _read_txt(path: Path, lang: str | None) -> Document | InputError:
    try:
        return read_txt(path, lang)
    except InputError as exc:
        return exc


def _annotated(
    pipeline: Pipeline, items: Iterable[Document | InputError], batch_size: int
) -> Iterator[InputError | tuple[Document, Result | ExtractionError]]:
    """Each document with its outcome, in input order, annotated ``batch_size`` at a time.

    The inputs are read as the batches need them: one batch in memory, never all of them.
    """
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        outcomes = iter(pipeline.annotate_batch([item for item in batch if isinstance(item, Document)]))
        for item in batch:
            yield item if isinstance(item, InputError) else (item, next(outcomes))


def _annotate(args: argparse.Namespace) -> int:
    registry = _registry()
    exporter = registry.exporters.get(args.format)
    if exporter is None:
        raise UsageError(f"unknown format {args.format!r}; known: {', '.join(sorted(registry.exporters))}")
    pipeline = Pipeline.from_registry(
        registry, args.pipeline, add=args.add, skip=args.skip, backend=args.backend
    )
    for ex in pipeline.extractors:
        if isinstance(ex, RuleExtractor):
            ex.timeout = args.rule_timeout
        if isinstance(ex, LinguisticExtractor):
            ex.backend.use_gpu = args.gpu
    pipeline.setup()  # rule-file errors surface here, before any document
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {args.output}: {exc.strerror}") from None

    started = time.perf_counter()
    done = failed = warned = 0
    written: dict[str, str] = {}
    # A document whose id repeats an earlier one's is annotated with its batch all the same:
    # whether it is skipped depends on whether that earlier one was written, known only here.
    for outcome in _annotated(pipeline, _documents(args.inputs, args.lang), args.batch_size):
        if isinstance(outcome, InputError):
            failed += 1
            print(f"ctannot: skipped {outcome}", file=sys.stderr)
            continue
        item, result = outcome
        name = output_name(item.id, exporter.suffix)
        if name in written:
            failed += 1
            print(
                f"ctannot: skipped document {item.id!r}: its output {name} is already written for "
                f"document {written[name]!r} (duplicate id)",
                file=sys.stderr,
            )
            continue
        if isinstance(result, ExtractionError):
            failed += 1
            print(f"ctannot: failed {result}", file=sys.stderr)
            continue
        try:
            write_atomic(args.output / name, exporter.dump(result.document))
        except OSError as exc:
            failed += 1
            print(f"ctannot: cannot write {args.output / name}: {exc.strerror}", file=sys.stderr)
            continue
        written[name] = item.id
        done += 1
        warned += _report(item.id, result.problems)
        if not args.quiet:
            counts = _counts(result.document)
            print(f"{item.id}: {counts or 'no annotations'} -> {args.output / name}")
    seconds = time.perf_counter() - started
    print(
        f"ctannot: {done} annotated, {failed} failed, {warned} warnings, in {seconds:.1f} s -> {args.output}",
        file=sys.stderr,
    )
    return EXIT_FAILURES if failed else EXIT_OK


def _report(document_id: str, problems: Sequence[Problem]) -> int:
    for problem in problems:
        print(f"ctannot: warning: document {document_id!r}: {problem}", file=sys.stderr)
    return len(problems)


def _counts(document: Document) -> str:
    counts: dict[str, int] = {}
    for ann in document.annotations():
        counts[ann.type_name] = counts.get(ann.type_name, 0) + 1
    return ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))


# -- plugins and show --------------------------------------------------------------------------


def _plugins(args: argparse.Namespace) -> int:
    pm = get_plugin_manager()
    rows = plugin_info(pm)
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for row in rows:
        if "error" in row:
            print(f"{row['name']}: FAILED TO LOAD: {row['error']}")
            continue
        origin = "built-in" if row["builtin"] else f"{row['package']} {row['version']}"
        print(f"{row['name']} ({origin})")
        for kind, names in row["provides"].items():
            print(f"    {kind.replace('_', ' ')}: {', '.join(names)}")
    return EXIT_FAILURES if pm.failed else EXIT_OK


def _show(args: argparse.Namespace) -> int:
    registry = _registry()
    status = EXIT_OK
    for path in args.files:
        importer = registry.importer_for(path)
        if importer is None:
            print(f"ctannot: {path}: no importer for this kind of file", file=sys.stderr)
            status = EXIT_FAILURES
            continue
        try:
            doc = importer.load(path.read_text(encoding="utf-8"), registry.types, str(path))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"ctannot: {path}: cannot be read ({exc})", file=sys.stderr)
            status = EXIT_FAILURES
            continue
        except FormatError as exc:
            print(f"ctannot: {exc}", file=sys.stderr)
            status = EXIT_FAILURES
            continue
        print(f"{doc.id} ({doc.lang}, {len(doc.text)} characters)")
        for layer in doc.layers:
            print(f"  layer {layer.name} by {layer.producer}: {len(layer)} annotations")
            for ann in layer:
                extra = ""
                speaker = getattr(ann, "speaker", None)
                if speaker is not None:
                    extra = f"  <- {doc.get(speaker).text}"
                print(f"    {ann.start:>6} {ann.end:>6}  {ann.type_name:<10} {ann.text[:70]!r}{extra}")
    return status


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, read_gold_folder, spans_of

    registry = _registry()
    for folder in (args.gold, args.pred):
        if not folder.is_dir():
            raise UsageError(f"{folder} is not a folder")
    gold = read_gold_folder(args.gold, registry.types, args.texts)
    pred = {}
    for path in sorted(args.pred.glob("*.jsonld")):
        doc = loads_file(path, registry)
        pred[doc.id] = spans_of(doc)
    scores = evaluate(gold, pred)
    print(json.dumps(scores.as_dict(), indent=2) if args.json else scores.table())
    return EXIT_OK


def loads_file(path: Path, registry: Registry) -> Document:
    """A ctannot JSON-LD file read back, or a FormatError naming it."""
    from .web_annotation import loads

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot be read ({exc})") from None
    return loads(text, registry.types, str(path))


def _models(args: argparse.Namespace) -> int:
    from .stanza_backend import PROCESSORS, ModelsMissing, StanzaParser, models_dir

    try:
        import stanza
    except ImportError:
        raise UsageError("Stanza is not installed: pip install 'ctannot[stanza]'") from None
    where = models_dir()
    if args.models_command == "download":
        for lang in args.langs:
            print(f"downloading Stanza models for {lang} into {where} ...", file=sys.stderr)
            try:
                stanza.download(lang, processors=PROCESSORS[lang], model_dir=where, logging_level="WARN")
            except Exception as exc:  # network and disk problems: say which, no traceback
                print(f"ctannot: cannot download the Stanza models for {lang}: {exc}", file=sys.stderr)
                return EXIT_FAILURES
        return EXIT_OK
    status = EXIT_OK
    for lang in PROCESSORS:
        try:
            StanzaParser(resources_dir=where).pipeline(lang)
        except ModelsMissing as exc:
            print(f"{lang}: missing ({exc})")
            status = EXIT_FAILURES
        else:
            print(f"{lang}: installed in {where}")
    return status
