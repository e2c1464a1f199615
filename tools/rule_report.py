"""How each rule and gazetteer pack behaves on a gold set: its matches, and how many gold has.

    python tools/rule_report.py GOLD_DIR TEXTS_DIR [--lang fr]

For every annotation that ``rules.mentions`` makes, the rule (``pack/rule``, ``names/...``) or
gazetteer pack that made it is counted as right when a gold annotation of the same type matches
it by the relaxed rule of the evaluation, wrong otherwise. GOLD_DIR is gold in any form
``ctannot evaluate`` reads (the guidelines' ``.json``, text or offsets form, with the texts in
TEXTS_DIR). Run it on texts the rules were not tuned on, or read it as what they were tuned to.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

import ctannot
from ctannot.formats.inputs import read_txt
from ctannot.views.evaluation import Span, _match, read_gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("texts", type=Path)
    ap.add_argument("--lang")
    args = ap.parse_args()
    registry = ctannot.load_registry(load_entrypoints=False)
    pipeline = ctannot.Pipeline.from_registry(registry, "rules")
    pipeline.setup()
    mentions = registry.extractors["rules.mentions"]
    gold = read_gold(args.gold, registry, args.texts)
    right: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    for doc_id, gold_spans in gold.items():
        doc = read_txt(args.texts / f"{doc_id}.txt", args.lang)
        for m in mentions.matches(doc, lambda problem: None):  # type: ignore[attr-defined]
            origin = m.origin.split(":")[0] if m.entity is not None else m.origin
            g = [s for s in gold_spans if s.type == m.type.type_name]
            hit = _match(g, [Span(m.type.type_name, m.start, m.end)], relaxed=True)
            (right if hit else wrong)[f"{m.type.type_name:<11}{origin}"] += 1
    rows = sorted(set(right) | set(wrong), key=lambda k: -(right[k] + wrong[k]))
    print(f"{'type / origin':<50}{'right':>7}{'wrong':>7}{'precision':>11}")
    for key in rows:
        n = right[key] + wrong[key]
        print(f"{key:<50}{right[key]:>7}{wrong[key]:>7}{right[key] / n:>11.2f}")
    print(json.dumps({"right": sum(right.values()), "wrong": sum(wrong.values())}))


if __name__ == "__main__":
    main()
