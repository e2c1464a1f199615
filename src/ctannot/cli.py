"""The command line: ``python -m ctannot annotate|plugins|show|evaluate|export|...``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ctannot.batch import (
    FAILURES_FILE,
    LINES_FILE,
    ExecutorError,
    Outcome,
    OutputError,
    OutputLocked,
    PipelineSpec,
    Summary,
    annotate_corpus,
)
from ctannot.batch.partitions import (
    DEFAULT_SPLIT_BYTES,
    PartitionResult,
    PlanError,
    annotate_partitions,
    is_url,
    plan_partitions,
)
from ctannot.extractors.rule_extractor import DEFAULT_RULE_TIMEOUT
from ctannot.formats import FormatError, strict_json
from ctannot.formats.inputs import DEFAULT_MAX_CHARS, iter_inputs
from ctannot.model import Document
from ctannot.nlp import ModelsMissing
from ctannot.pipeline import DEFAULT_TIME_LIMIT, FAULT_POLICIES, PipelineError
from ctannot.plugins import get_plugin_manager, plugin_info
from ctannot.registry import RegistrationError, Registry
from ctannot.rules import RuleFileError
from ctannot.version import __version__

__all__ = ["main"]

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143
DEFAULT_BATCH_SIZE = 32


class UsageError(Exception):
    """A mistake in how ctannot was called or configured: printed, never a traceback."""


class Terminated(KeyboardInterrupt):
    """SIGTERM: the run stops as it does on Ctrl-C (a ``KeyboardInterrupt`` to every layer),
    and exits with 143 (128 + 15, as a shell reports a process ended by SIGTERM)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in the main thread for the block."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (main() called from one): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
        metavar="INPUT",
        help=".txt file, folder (read recursively), .jsonl or .jsonl.gz file (id, text, lang, metadata), "
        "or - for JSON Lines on standard input; or a URL of such files (s3://news/2025/*.jsonl.gz, "
        "file:///data/corpus/), which makes the run partitioned",
    )
    ann.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT_DIR",
        help="folder for the output files and failures.jsonl (created if needed); a URL "
        "(s3://bucket/annotated/) makes the run partitioned",
    )
    ann.add_argument(
        "--partitioned",
        action="store_true",
        help="one partition per input file, which a worker reads and writes itself as "
        "OUT_DIR/part-NNNNN.jsonld-lines.gz (the default when an input or OUT_DIR is a URL)",
    )
    ann.add_argument(
        "--partition-mb",
        type=_positive_int,
        default=DEFAULT_SPLIT_BYTES >> 20,
        metavar="MB",
        help="partitioned runs cut an uncompressed .jsonl file larger than this into partitions "
        f"of this many megabytes (default: {DEFAULT_SPLIT_BYTES >> 20})",
    )
    ann.add_argument(
        "--glob",
        default="*.txt",
        metavar="PATTERN",
        help="the files of an input folder to read, by name (default: *.txt)",
    )
    ann.add_argument(
        "--id-from",
        choices=("name", "path"),
        default="name",
        help="the id of a .txt file in an input folder: its file name without .txt (default), or its "
        "path in the folder (sub/a): files of the same name in different subfolders are then kept",
    )
    ann.add_argument(
        "--output-format",
        choices=("files", "jsonld-lines", "jsonld-lines.gz", "parquet"),
        help="one file per document (default), or one JSON-LD collection per line in "
        f"OUT_DIR/{LINES_FILE} (.gz: gzipped), in input order; partitioned runs write "
        "jsonld-lines.gz, and with parquet also each partition's flat table",
    )
    ann.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes, each loading the pipeline once (default: the number of cores)",
    )
    ann.add_argument(
        "--resume",
        action="store_true",
        help="skip the documents whose output is complete (after a crash or Ctrl-C) and do the rest",
    )
    ann.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="run here (default), or on a dask.distributed cluster (pip install 'ctannot[dask]')",
    )
    ann.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
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
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"refuse documents longer than N characters (default: {DEFAULT_MAX_CHARS:,}; 0: no limit)",
    )
    ann.add_argument(
        "--on-extractor-fault",
        choices=FAULT_POLICIES,
        default="fail-document",
        help="when an extractor raises, runs past --time-limit or returns invalid annotations on a "
        "document: fail the document (default; recorded in failures.jsonl), or leave that "
        "extractor's layers out of it with a warning",
    )
    ann.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help=f"time one extractor may take on one document (default: {DEFAULT_TIME_LIMIT:g}; 0: none)",
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
    ann.add_argument(
        "--models-dir",
        type=Path,
        metavar="DIR",
        help="the Stanza resources folder to load models from (sets $STANZA_RESOURCES_DIR for this run "
        "and its worker processes; default: $STANZA_RESOURCES_DIR, else Stanza's cache)",
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
    install = models_sub.add_parser(
        "install",
        help="install Stanza models without network, from a resources folder or a .tar.gz/.zip of one",
    )
    install.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="a Stanza resources folder (resources.json and <lang>/<processor>/<package>.pt files), "
        "as copied from a connected machine or made by tools/stanza_models.py, or a .tar.gz, .tgz "
        "or .zip of one",
    )
    models_sub.add_parser("list", help="list the installed Stanza models ctannot can use, and where")

    ev = sub.add_parser("evaluate", help="score predictions against gold annotations")
    ev.add_argument(
        "gold",
        type=Path,
        metavar="GOLD",
        help="gold: a folder of .jsonld, brat .ann (with their .txt) or .json (with --texts) files, "
        "or a .csv or .parquet table",
    )
    ev.add_argument(
        "pred", type=Path, metavar="PRED", help="predictions: a folder of .jsonld files (or as GOLD)"
    )
    ev.add_argument(
        "--texts", type=Path, help="folder of <doc>.txt, for gold in the guidelines' .json format"
    )
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")

    exp = sub.add_parser("export", help="convert annotated documents into another format")
    exp.add_argument(
        "source",
        type=Path,
        metavar="IN",
        help="an annotated file, or a folder of them: .jsonld, brat .ann (with their .txt), .csv, .parquet",
    )
    exp.add_argument(
        "--to",
        required=True,
        metavar="FORMAT",
        help="csv, parquet (the corpus as one table), brat, xmi, turtle, ntriples, jsonld (files per "
        "document); `ctannot plugins` lists them all",
    )
    exp.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DEST",
        help="the table file (csv, parquet), or the folder of the files per document (created if needed)",
    )

    ren = sub.add_parser("render", help="draw an annotated file as a self-contained HTML page")
    ren.add_argument("file", type=Path, metavar="FILE", help="an annotated file (.jsonld)")
    ren.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.html", help="the page (written atomically)"
    )

    rep = sub.add_parser("report", help="draw a folder of annotated files as one HTML page of charts")
    rep.add_argument("folder", type=Path, metavar="OUT_DIR", help="the output folder of annotate")
    rep.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="REPORT.html",
        help="the page (written atomically)",
    )
    rep.add_argument(
        "--top",
        type=_positive_int,
        default=15,
        metavar="N",
        help="how many of the most mentioned forums, threats and speakers to draw (default: 15)",
    )
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
        if args.command == "export":
            return _export(args)
        if args.command == "render":
            return _render(args)
        if args.command == "report":
            return _report(args)
        return _show(args)
    except (
        UsageError,
        PlanError,
        PipelineError,
        RuleFileError,
        RegistrationError,
        FormatError,
        ModelsMissing,
        OutputLocked,
    ) as exc:
        print(f"ctannot: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        print("ctannot: interrupted", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return EXIT_OK


def _registry() -> Registry:
    pm = get_plugin_manager()
    for name, error in sorted(pm.failed.items()):  # `plugins` lists them; the others warn
        print(f"ctannot: warning: plugin {name!r} failed to load and is left out: {error}", file=sys.stderr)
    return Registry.collect(pm)


# -- annotate ----------------------------------------------------------------------------------


def _annotate(args: argparse.Namespace) -> int:
    if args.models_dir is not None:
        # Through the environment: the backend reads it where it loads the models, in this
        # process and in the worker processes it starts, which inherit it.
        os.environ["STANZA_RESOURCES_DIR"] = str(args.models_dir.resolve())
    spec = PipelineSpec(
        args.pipeline,
        args.add,
        args.skip,
        args.backend,
        args.gpu,
        args.rule_timeout,
        args.format,
        args.on_extractor_fault,
        args.time_limit or None,
    )
    registry = _registry()
    spec.exporter(registry)  # unknown names stop the run here, before any output folder is made
    spec.pipeline(registry)
    if args.partitioned or is_url(args.output) or any(is_url(i) for i in args.inputs):
        with _sigterm_as_interrupt():
            return _annotate_partitions(args, spec)
    if args.output_format == "parquet":
        raise UsageError("--output-format parquet is for partitioned runs (URLs, or --partitioned)")
    args.output = Path(args.output)
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {args.output}: {exc.strerror}") from None
    client = _dask_client(args.scheduler) if args.executor == "dask" else None
    progress = _Progress(args.quiet, args.inputs)
    try:
        with _sigterm_as_interrupt():
            summary = annotate_corpus(
                iter_inputs(args.inputs, args.lang, args.glob, args.max_chars or None, args.id_from),
                args.output,
                spec,
                output_format=args.output_format or "files",
                workers=args.workers,
                batch_size=args.batch_size,
                resume=args.resume,
                client=client,
                report=progress.report,
                warn=lambda message: progress.tell(f"ctannot: warning: {message}"),
            )
    except (KeyboardInterrupt, ExecutorError, OutputError) as exc:
        progress.close()
        return _stopped(exc, args.output, progress.summary.line())
    except OSError as exc:
        raise UsageError(f"cannot write to {args.output}: {exc.strerror or exc}") from None
    finally:
        progress.close()
        if client is not None:
            _close_dask(client)
    failures = f" (see {args.output / FAILURES_FILE})" if summary.failed else ""
    print(f"ctannot: {summary.line()}{failures} -> {args.output}", file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def _stopped(exc: BaseException, output: object, done: str = "", written: str = "what is written is") -> int:
    """Say that the run stopped and why, what it ``done``, that what is ``written`` is complete and
    ``--resume`` does the rest; the exit code."""
    if isinstance(exc, KeyboardInterrupt):
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        code = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        done = f": {done}" if done else ""
    else:
        how, code = f"error: the run stopped: {exc}", EXIT_FAILURES
        done = f"; {done}" if done else ""
    message = f"ctannot: {how}{done}; {written} complete, and `--resume` does the rest -> {output}"
    print(message, file=sys.stderr)
    return code


def _annotate_partitions(args: argparse.Namespace, spec: PipelineSpec) -> int:
    """The partitioned run: this process plans the partitions and adds up their counts; the
    workers (of the Dask cluster, or local processes) read and write them."""
    if args.output_format not in (None, "jsonld-lines.gz", "parquet"):
        raise UsageError(
            f"--output-format {args.output_format} is not for partitioned runs: they write "
            "jsonld-lines.gz, and with parquet also each partition's flat table"
        )
    partitions = plan_partitions(args.inputs, args.glob, args.partition_mb << 20)
    client = _dask_client(args.scheduler) if args.executor == "dask" else None
    output = args.output.rstrip("/")

    def report(result: PartitionResult, summary: Summary) -> None:
        stem = f"part-{result.number:05d}"
        if result.failed:
            print(
                f"ctannot: {result.name}: {result.failed} inputs not annotated "
                f"(see {output}/{stem}.failures.jsonl)",
                file=sys.stderr,
            )
        if not args.quiet:
            done = "already done" if result.skipped else f"{result.failed} failed"
            print(f"{result.name}: {result.annotated} annotated, {done} -> {output}/{stem}")

    try:
        summary = annotate_partitions(
            partitions,
            args.output,
            spec,
            parquet=args.output_format == "parquet",
            lang=args.lang,
            max_chars=args.max_chars or None,
            batch_size=args.batch_size,
            resume=args.resume,
            client=client,
            workers=args.workers,
            report=report,
        )
    except (KeyboardInterrupt, ExecutorError) as exc:
        return _stopped(exc, output, written="the partitions written are")
    except OSError as exc:
        raise UsageError(f"cannot write to {output}: {exc.strerror or exc}") from None
    finally:
        if client is not None:
            client.close()
    parts = f"{len(partitions)} partitions: "
    failures = f" (see {output}/part-*.failures.jsonl)" if summary.failed else ""
    print(f"ctannot: {parts}{summary.line()}{failures} -> {output}", file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def _dask_client(address: str | None) -> Any:
    if not address:
        raise UsageError("--executor dask needs --scheduler ADDRESS (the dask.distributed scheduler)")
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("the Dask executor needs dask.distributed: pip install 'ctannot[dask]'") from None
    for handler in logging.getLogger("distributed").handlers:
        handler.addFilter(_without_traceback)
    try:
        return Client(address, timeout=30)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _without_traceback(record: logging.LogRecord) -> bool:
    """distributed's log lines (a worker lost, the scheduler unreachable) without their
    tracebacks: ctannot says what they mean for the run, in one line."""
    record.exc_info = record.exc_text = record.stack_info = None
    return True


def _close_dask(client: Any) -> None:
    """Close the Dask client; a scheduler gone is told already, not again by distributed's
    logging nor waited for."""
    logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)
    with contextlib.suppress(Exception):
        client.close(timeout=5)


def _megabytes(inputs: Sequence[str]) -> float | None:
    """The size of the inputs in MB, when they are all plain files (not folders, gzip or stdin)."""
    paths = [Path(i) for i in inputs]
    if not paths or any(not p.is_file() or p.name.endswith(".gz") for p in paths):
        return None
    return sum(p.stat().st_size for p in paths) / 1e6


class _Progress:
    """What the user sees as the run goes: a progress bar on a terminal; else a line per document
    (none with ``--quiet``). Failures and warnings are always told, on standard error."""

    def __init__(self, quiet: bool, inputs: Sequence[str] = ()) -> None:
        self.quiet = quiet
        self.summary = Summary()
        self.bar: Any = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            # Progress in megabytes of text, against the inputs' size when it is known up front
            # (plain files given by name): that gives an ETA. Folders and streams give none.
            total = _megabytes(inputs)
            known = "{l_bar}{bar}| {n:.1f}/{total:.1f} MB [{elapsed}<{remaining}{postfix}]"
            self.bar = tqdm(
                total=total,
                bar_format=known if total else "{n:.1f} MB [{elapsed}{postfix}]",
                file=sys.stderr,
                dynamic_ncols=True,
            )

    def report(self, event: str, outcome: Outcome | None, summary: Summary) -> None:
        self.summary = summary
        if outcome is not None and event == "failed":
            if outcome.extractor is not None:
                by = f" (plugin {outcome.plugin!r})" if outcome.plugin else ""
                self.tell(
                    f"ctannot: failed document {outcome.document_id!r} ({outcome.source}): extractor "
                    f"{outcome.extractor!r}{by} failed: {outcome.error}"
                )
            elif outcome.output is None and outcome.size:  # read, annotated, but not written
                self.tell(
                    f"ctannot: skipped document {outcome.document_id!r} ({outcome.source}): {outcome.error}"
                )
            else:
                self.tell(f"ctannot: skipped {outcome.source}: {outcome.error}")
        elif outcome is not None and event == "written":
            for problem in outcome.problems:
                self.tell(f"ctannot: warning: document {outcome.document_id!r}: {problem}")
            if self.bar is None and not self.quiet:
                print(f"{outcome.document_id}: {outcome.counts or 'no annotations'} -> {outcome.written}")
        if self.bar is not None:
            self.bar.update(summary.megabytes - self.bar.n)
            rate = summary.annotated / max(self.bar.format_dict["elapsed"], 1e-9)
            self.bar.set_postfix_str(
                f"{summary.annotated} docs, {rate:.0f} docs/s, {summary.failed} failed", refresh=False
            )

    def tell(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# -- plugins and show --------------------------------------------------------------------------


def _plugins(args: argparse.Namespace) -> int:
    pm = get_plugin_manager()
    rows = plugin_info(pm)
    if args.json:
        print(strict_json.dumps(rows, indent=2))
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
        try:
            for doc in registry.importer_of(path).load(path, registry.types):
                _print_document(doc)
        except FormatError as exc:
            print(f"ctannot: {exc}", file=sys.stderr)
            status = EXIT_FAILURES
    return status


def _print_document(doc: Document) -> None:
    print(f"{doc.id} ({doc.lang}, {len(doc.text)} characters)")
    for layer in doc.layers:
        print(f"  layer {layer.name} by {layer.producer}: {len(layer)} annotations")
        for ann in layer:
            extra = ""
            speaker = getattr(ann, "speaker", None)
            if speaker is not None:
                extra = f"  <- {doc.get(speaker).text}"
            elif getattr(ann, "speaker_name", None):
                extra = f"  <- {ann.speaker_name}"  # type: ignore[attr-defined]
            print(f"    {ann.start:>6} {ann.end:>6}  {ann.type_name:<10} {ann.text[:70]!r}{extra}")


def _evaluate(args: argparse.Namespace) -> int:
    from ctannot.views.evaluation import evaluate, read_gold, read_spans

    registry = _registry()
    gold = read_gold(args.gold, registry, args.texts)
    pred = read_spans(args.pred, registry)
    scores = evaluate(gold, pred)
    print(strict_json.dumps(scores.as_dict(), indent=2) if args.json else scores.table())
    return EXIT_OK


# -- export ------------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from ctannot.api import read_documents
    from ctannot.formats import export_documents

    registry = _registry()
    exporter = registry.exporters.get(args.to)
    if exporter is None:
        raise UsageError(f"unknown format {args.to!r}; known: {', '.join(sorted(registry.exporters))}")
    try:
        count = export_documents(read_documents(args.source, registry), exporter, args.output, registry.types)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"ctannot: exported {count} documents as {exporter.name} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _models(args: argparse.Namespace) -> int:
    from ctannot.nlp.stanza_backend import PROCESSORS, StanzaParser, models_dir
    from ctannot.nlp.stanza_resources import install, installed

    StanzaParser().check()  # Stanza not installed: exit 2 with the pip command
    where = Path(models_dir())
    if args.models_command == "install":
        for language in install(args.path, where):
            print(f"{language.lang}: installed in {where} ({_processors_line(language.packages)})")
        return EXIT_OK
    if args.models_command == "download":
        import stanza

        for lang in args.langs:
            print(f"downloading Stanza models for {lang} into {where} ...", file=sys.stderr)
            try:
                stanza.download(lang, processors=PROCESSORS[lang], model_dir=str(where), logging_level="WARN")
            except Exception as exc:  # network and disk problems: say which, no traceback
                print(f"ctannot: cannot download the Stanza models for {lang}: {exc}", file=sys.stderr)
                return EXIT_FAILURES
        return EXIT_OK
    status = EXIT_OK
    for lang in PROCESSORS:
        try:
            language = installed(where, lang)
        except ModelsMissing as exc:
            print(f"{lang}: missing ({exc})")
            status = EXIT_FAILURES
        else:
            print(f"{lang}: installed in {where} ({_processors_line(language.packages)})")
    return status


def _processors_line(packages: Mapping[str, str]) -> str:
    return ", ".join(f"{processor} {package}" for processor, package in packages.items())


# -- render and report -------------------------------------------------------------------------


def _render(args: argparse.Namespace) -> int:
    from ctannot.views.render import to_html

    registry = _registry()
    documents = list(registry.importer_of(args.file).load(args.file, registry.types))
    if len(documents) != 1:
        raise UsageError(f"{args.file}: holds {len(documents)} documents; render draws one")
    _write(args.output, to_html(documents[0]))
    print(f"ctannot: rendered {args.file} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from ctannot.views.report import collect, to_html

    if not args.folder.is_dir():
        raise UsageError(f"{args.folder} is not a folder")
    stats = collect(args.folder, _registry().types)
    for problem in stats.skipped:
        print(f"ctannot: skipped {problem}", file=sys.stderr)
    if not stats.documents and not stats.skipped:
        raise UsageError(f"{args.folder} holds no annotated documents (.jsonld files)")
    title = f"ctannot report: {args.folder.resolve().name}"
    _write(args.output, to_html(stats, title, args.top))
    skipped = f", {len(stats.skipped)} skipped" if stats.skipped else ""
    documents = f"{stats.documents} document{'' if stats.documents == 1 else 's'}"
    print(f"ctannot: report of {documents}{skipped} -> {args.output}", file=sys.stderr)
    return EXIT_FAILURES if stats.skipped else EXIT_OK


def _write(path: Path, text: str) -> None:
    from ctannot.formats.writing import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
