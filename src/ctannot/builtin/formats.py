"""Built-in plugin: the formats, each an exporter (and, where a format can be read back, an importer).

JSON-LD (W3C Web Annotation) is ctannot's own; brat standoff and UIMA CAS XMI are for annotation
tools (brat, INCEpTION, DKPro); CSV and Parquet tables for pandas and spreadsheets; Turtle and
N-Triples for triple stores. docs/formats.md shows each.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ctannot.formats import Exporter, FormatError, Importer, brat, rdf, read_text, table, web_annotation, xmi
from ctannot.hookspecs import hookimpl
from ctannot.model import Annotation, Document


def _load_jsonld(path: Path, types: Mapping[str, type[Annotation]]) -> Iterator[Document]:
    yield web_annotation.loads(read_text(path), types, str(path))


def _load_jsonld_lines(path: Path, types: Mapping[str, type[Annotation]]) -> Iterator[Document]:
    """The documents of a JSON-LD lines file (``annotate --output-format jsonld-lines[.gz]``):
    one collection per line, each error naming the file and line."""
    try:
        with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise FormatError(f"{where}: not UTF-8 (byte {exc.start})") from None
                yield web_annotation.loads(text, types, where)
    except (OSError, EOFError) as exc:  # unreadable, or a gzip stream cut short
        raise FormatError(f"{path}: cannot be read: {exc}") from None


@hookimpl(trylast=True)
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(Exporter("jsonld", ".jsonld", web_annotation.dumps, "W3C Web Annotation collection, JSON-LD"))
    register(
        Exporter(
            "brat",
            ".ann",
            brat.dumps,
            "brat standoff: <id>.ann beside <id>.txt (brat, INCEpTION)",
            beside=brat.beside,
        )
    )
    register(
        Exporter(
            "xmi",
            ".xmi",
            xmi.dumps,
            "UIMA CAS XMI, with TypeSystem.xml (INCEpTION, DKPro)",
            shared=xmi.shared,
        )
    )
    register(
        Exporter(
            "csv",
            ".csv",
            table.dump_csv,
            "a table, one row per annotation, as CSV (a corpus in one file with `export`)",
            corpus=table.write_csv,
        )
    )
    register(
        Exporter(
            "parquet",
            ".parquet",
            table.dump_parquet,
            "a table, one row per annotation, as Parquet (a corpus in one file with `export`)",
            corpus=table.write_parquet,
        )
    )
    register(Exporter("turtle", ".ttl", rdf.dump_turtle, "the RDF graph of the JSON-LD, as Turtle"))
    register(Exporter("ntriples", ".nt", rdf.dump_ntriples, "the RDF graph of the JSON-LD, as N-Triples"))


@hookimpl(trylast=True)
def register_importers(register: Callable[[Importer], None]) -> None:
    register(Importer("jsonld", (".jsonld",), _load_jsonld, "ctannot's W3C Web Annotation JSON-LD"))
    register(
        Importer(
            "jsonld-lines",
            (".jsonld.jsonl", ".jsonld.jsonl.gz"),
            _load_jsonld_lines,
            "JSON-LD lines, one collection per line, as `annotate --output-format jsonld-lines` writes",
        )
    )
    register(Importer("brat", (".ann",), brat.load, "brat standoff: <id>.ann, with <id>.txt beside it"))
    register(Importer("csv", (".csv",), table.load_csv, "ctannot's table of annotations, CSV"))
    register(
        Importer("parquet", (".parquet",), table.load_parquet, "ctannot's table of annotations, Parquet")
    )
