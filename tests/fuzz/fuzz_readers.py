"""An atheris fuzz target for what reads untrusted bytes: text files, JSON Lines, JSON-LD.

    python tests/fuzz/fuzz_readers.py -max_total_time=300 [-dict=...] [CORPUS_DIR]

(``nox -s fuzz`` runs it for a bounded time.) Any exception other than the documented
``InputError`` and ``FormatError`` is a crash: atheris stops, prints the input, and writes it to
``crash-*``; turn it into a regression test in tests/test_hostile_inputs.py or
tests/test_untrusted_jsonld.py.
"""

from __future__ import annotations

import contextlib
import io
import sys

import atheris

with atheris.instrument_imports():
    from ctannot.formats import FormatError, web_annotation
    from ctannot.formats.inputs import InputError, decode_text_file, read_jsonl_stream

TYPES = None


def one_input(data: bytes) -> None:
    if not data:
        return
    kind, payload = data[0] % 3, data[1:]
    if kind == 0:
        with contextlib.suppress(InputError):
            decode_text_file(payload, "fuzz.txt").encode("utf-8")
    elif kind == 1:
        for item in read_jsonl_stream(io.BytesIO(payload), "fuzz.jsonl"):
            if not isinstance(item, InputError):
                item.text.encode("utf-8")
    else:
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            return
        try:
            doc = web_annotation.loads(text, TYPES, "fuzz.jsonld")
        except FormatError:
            return
        if web_annotation.loads(web_annotation.dumps(doc)) != doc:
            raise AssertionError("a document read back is not the document written")


def main() -> None:
    global TYPES
    from ctannot.api import load_registry

    TYPES = load_registry().types
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
