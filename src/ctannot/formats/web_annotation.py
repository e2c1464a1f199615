"""Documents as W3C Web Annotation JSON-LD, and back, without loss.

One document becomes one ``AnnotationCollection``. Each annotation has a typed body (a class of
the ctannot vocabulary, :data:`VOCAB`, with the type's attributes as properties) and a target
on the document with a ``TextPositionSelector`` and a ``TextQuoteSelector``. The extractor that
made it is its ``creator``; its layer is ``ctannot:layer``. References between annotations
(a Statement's ``speaker``) are links to the referenced annotation's IRI. The document's text,
language and metadata travel in the collection's ``ctannot:document`` node, so that
:func:`from_jsonld` rebuilds the very same :class:`~ctannot.model.Document`.

A plugin's annotation type may bring its own vocabulary (:class:`Vocabulary`, as the type's
``vocabulary`` class variable): its class and attributes are then IRIs of the plugin's namespace,
written with the plugin's prefix (``"ops:kind"``), and the prefix is declared in the embedded
context. Types without one (the built-in types) are terms of :data:`VOCAB`.

The only remote context referenced is ``http://www.w3.org/ns/anno.jsonld``; ctannot's own
context is embedded. :func:`document_loader` serves a packaged copy of the W3C context to JSON-LD
processors and refuses every other remote URL, so processing never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from json.encoder import encode_basestring
from typing import Any
from urllib.parse import quote, unquote

import attrs

from ctannot.formats import FormatError, reason, strict_json
from ctannot.model import Annotation, AnnotationError, Document, Layer, Provenance
from ctannot.version import __version__
from ctannot.vocabulary import anno_context, anno_terms

__all__ = [
    "ANNO_CONTEXT_URL",
    "VOCAB",
    "anno_context",
    "context_for",
    "document_loader",
    "dumps",
    "from_jsonld",
    "loads",
    "to_jsonld",
]

ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "https://w3id.org/ctannot/vocab#"
DOC_PREFIX = "urn:ctannot:doc:"
ENTITY_PREFIX = "urn:ctannot:entity:"
WIKIDATA = "http://www.wikidata.org/entity/"
QUOTE_CONTEXT = 32
"""Code points of prefix and suffix kept in a TextQuoteSelector."""


def document_loader(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the W3C context offline and refuses any other URL."""
    if url.rstrip("/").split("://", 1)[-1] in ("www.w3.org/ns/anno.jsonld", "www.w3.org/ns/anno"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": anno_context(),
        }
    raise FormatError(f"refusing to fetch remote JSON-LD context {url!r}: ctannot never goes online")


def _prefix(cls: type[Annotation]) -> str:
    vocabulary = cls.vocabulary
    return "ctannot" if vocabulary is None else vocabulary.prefix


def _term(name: str, prefix: str = "ctannot") -> str:
    """The JSON key of an attribute: ``prefix:name`` for a plugin's vocabulary; for ctannot's,
    the bare name, or ``ctannot:name`` where the W3C context has that name."""
    if prefix != "ctannot" or name in anno_terms():
        return f"{prefix}:{name}"
    return name


_SPAN_FIELDS = frozenset({"source", "start", "end", "id", "entity"})


_FIELDS: dict[type[Any], tuple[attrs.Attribute[Any], ...]] = {}


def _attribute_fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(a for a in attrs.fields(cls) if a.name not in _SPAN_FIELDS)
    return found


def _key(cls: type[Any], a: attrs.Attribute[Any]) -> str:
    """The JSON key of an attribute. One that names what a reference would point to (a
    Statement's ``speaker_name``) is written under the reference's key, as a node with a
    ``name``: the speaker is then an agent the text names, not an annotation."""
    return _term(a.metadata.get("names", a.name), _prefix(cls))


def context_for(types: Mapping[str, type[Annotation]]) -> dict[str, Any]:
    """ctannot's JSON-LD context for these annotation types (embedded in every output file)."""
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "ctannot": VOCAB,
        "owl": "http://www.w3.org/2002/07/owl#",
        "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
        "document": {"@id": "ctannot:document", "@type": "@id"},
        "documentId": "ctannot:documentId",
        "metadata": {"@id": "ctannot:metadata", "@type": "@json"},
        "layer": "ctannot:layer",
        "layers": {"@id": "ctannot:layers", "@container": "@list"},
        "Layer": "ctannot:Layer",
        "version": "ctannot:version",
        "entity": {"@id": "ctannot:entity", "@type": "@id"},
        "annotationId": "ctannot:annotationId",
    }
    nested: list[tuple[type[Any], str]] = []
    vocabularies: dict[str, tuple[str, str]] = {}
    for type_name, cls in sorted(types.items()):
        prefix = _prefix(cls)
        if cls.vocabulary is not None:
            iri, first = vocabularies.setdefault(prefix, (cls.vocabulary.iri, type_name))
            if iri != cls.vocabulary.iri:
                raise ValueError(
                    f"annotation types {first} and {type_name} use the vocabulary prefix {prefix!r} "
                    f"for two namespaces, {iri!r} and {cls.vocabulary.iri!r}"
                )
        ctx[type_name] = f"{prefix}:{type_name}"
        for a in _attribute_fields(cls):
            if "names" in a.metadata:
                continue  # written under the reference's term
            definition: dict[str, Any] = {"@id": f"{prefix}:{a.name}"}
            if "ref" in a.metadata:
                definition["@type"] = "@id"
            if a.default == ():  # tuples keep their order
                definition["@container"] = "@list"
            if "nested" in a.metadata:
                nested.append((a.metadata["nested"], prefix))
            ctx.setdefault(_term(a.name, prefix), definition)
    for cls, prefix in nested:
        for a in attrs.fields(cls):
            ctx.setdefault(_term(a.name, prefix), {"@id": f"{prefix}:{a.name}"})
    for prefix, (iri, type_name) in vocabularies.items():
        # Declared last, so that a prefix that is already a term (or another plugin's prefix
        # for another namespace) is caught rather than silently changing what that term means.
        if ctx.setdefault(prefix, iri) != iri:
            raise ValueError(
                f"annotation type {type_name}: vocabulary prefix {prefix!r} is already "
                f"{ctx[prefix]!r} in the JSON-LD context; choose another prefix"
            )
    return ctx


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")
"""What ``quote(s, safe="")`` leaves as it is: ``mentions-12`` needs no quoting."""
_QUOTED: dict[str, str] = {}


def _quote(value: str) -> str:
    """``quote(value, safe="")``, fast for ids that need no quoting, and remembered for the rest."""
    if type(value) is not str:
        return quote(value, safe="")
    if _UNRESERVED.fullmatch(value):
        return value
    done = _QUOTED.get(value)
    if done is None:
        done = quote(value, safe="")
        if len(_QUOTED) >= 20_000:  # kept small: memory must not grow with the number of documents
            _QUOTED.clear()
        _QUOTED[value] = done  # entity keys and ids come back from document to document
    return done


def doc_iri(document_id: str) -> str:
    return DOC_PREFIX + _quote(document_id)


def annotation_iri(document_id: str, annotation_id: str) -> str:
    return f"{doc_iri(document_id)}#{_quote(annotation_id)}"


def _agent(p: Provenance) -> dict[str, Any]:
    return {
        "id": f"urn:ctannot:extractor:{_quote(p.name)}:{_quote(p.version)}",
        "type": "Software",
        "name": p.name,
        "version": p.version,
    }


def _value_out(value: Any, a: attrs.Attribute[Any], document_id: str, prefix: str = "ctannot") -> Any:
    if "names" in a.metadata:
        return {"name": value}
    if "ref" in a.metadata:
        if isinstance(value, tuple):
            return [{"id": annotation_iri(document_id, v)} for v in value]
        return {"id": annotation_iri(document_id, value)}
    if isinstance(value, tuple):
        return list(value)
    if attrs.has(type(value)):
        return {
            _term(f.name, prefix): getattr(value, f.name)
            for f in attrs.fields(type(value))
            if getattr(value, f.name) is not None
        }
    return value


def _body(ann: Annotation, document_id: str) -> dict[str, Any]:
    # The W3C model wants a body with an IRI of its own (an "External Web Resource").
    body: dict[str, Any] = {
        "id": f"{doc_iri(document_id)}/body#{_quote(ann.id)}",
        "type": ann.type_name,
    }
    prefix = _prefix(type(ann))
    for a in _attribute_fields(type(ann)):
        value = getattr(ann, a.name)
        if value is None or value == ():
            continue
        body[_key(type(ann), a)] = _value_out(value, a, document_id, prefix)
    if ann.entity is not None:
        body["entity"] = ENTITY_PREFIX + _quote(ann.entity)
    wikidata = getattr(ann, "wikidata", None)
    if wikidata:
        body["sameAs"] = WIKIDATA + wikidata
    return body


def _annotation(ann: Annotation, layer: Layer, document: Document, creator: dict[str, Any]) -> dict[str, Any]:
    text = document.text
    return {
        "id": annotation_iri(document.id, ann.id),
        "type": "Annotation",
        "motivation": "classifying",
        "annotationId": ann.id,
        "layer": layer.name,
        "creator": creator,
        "body": _body(ann, document.id),
        "target": {
            "type": "SpecificResource",
            "source": doc_iri(document.id),
            "selector": [
                {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": ann.text,
                    "prefix": text[max(0, ann.start - QUOTE_CONTEXT) : ann.start],
                    "suffix": text[ann.end : ann.end + QUOTE_CONTEXT],
                },
            ],
        },
    }


def to_jsonld(document: Document, types: Mapping[str, type[Annotation]] | None = None) -> dict[str, Any]:
    """The document as a JSON-LD ``AnnotationCollection`` (a dict ready for ``json.dumps``)."""
    types = dict(types or {})
    for ann in document.annotations():
        types.setdefault(ann.type_name, type(ann))
    items = []
    layers = []
    for layer in document.layers:
        creator = _agent(layer.producer)
        layers.append({"type": "Layer", "label": layer.name, "creator": creator})
        items += [_annotation(ann, layer, document, creator) for ann in layer.annotations]
    iri = doc_iri(document.id)
    source: dict[str, Any] = {"id": iri, "type": "Text", "documentId": document.id, "value": document.text}
    if document.lang is not None:
        source["language"] = document.lang
    if document.metadata:
        source["metadata"] = dict(document.metadata)
    out: dict[str, Any] = {
        "@context": [ANNO_CONTEXT_URL, context_for(types)],
        "id": f"{iri}/annotations",
        "type": "AnnotationCollection",
        "label": f"ctannot annotations of document {document.id}",
        "generator": {
            "id": "https://w3id.org/ctannot",
            "type": "Software",
            "name": "ctannot",
            "version": __version__,
        },
        "document": source,
        "layers": layers,
        "total": len(items),
    }
    if items:
        out["first"] = {"id": f"{iri}/annotations/page1", "type": "AnnotationPage", "items": items}
    return out


def dumps(document: Document, types: Mapping[str, type[Annotation]] | None = None) -> str:
    """:func:`to_jsonld` as compact JSON (UTF-8 text, not ASCII-escaped), one line and a newline.

    The very text of ``json.dumps(to_jsonld(document, types), ensure_ascii=False,
    separators=(",", ":"))``, written without building the dicts first: the fixed parts of an
    annotation are literals, and only its values go through the JSON encoder.
    """
    # Compact: the C encoder is ten times faster than the indenting one, and tools do not care.
    types = dict(types or {})
    doc_id = document.id
    text = document.text
    iri = doc_iri(doc_id)
    ann_prefix = '{"id":"' + iri + "#"
    body_prefix = '","type":"Annotation","motivation":"classifying","annotationId":'
    body_id = ',"body":{"id":"' + iri + "/body#"
    target = ',"target":{"type":"SpecificResource","source":"' + iri + '","selector":[{"type":'
    ref_prefix = '{"id":"' + iri + "#"
    layers = []
    items: list[str] = []
    for layer in document.layers:
        creator = _json(_agent(layer.producer))
        layers.append('{"type":"Layer","label":' + _json(layer.name) + ',"creator":' + creator + "}")
        in_layer = ',"layer":' + _json(layer.name) + ',"creator":' + creator
        for ann in layer.annotations:
            cls = type(ann)
            type_name = ann.type_name
            types.setdefault(type_name, cls)
            ann_id = ann.id
            qid = _quote(ann_id)
            start, end = ann.start, ann.end
            position = (
                f'"TextPositionSelector","start":{start},"end":{end}'
                if type(start) is int and type(end) is int
                else f'"TextPositionSelector","start":{_json(start)},"end":{_json(end)}'
            )
            exact = encode_basestring(text[start:end])
            prefix = encode_basestring(text[max(0, start - QUOTE_CONTEXT) : start])
            suffix = encode_basestring(text[end : end + QUOTE_CONTEXT])
            items.append(
                f"{ann_prefix}{qid}{body_prefix}{_json(ann_id)}{in_layer}{body_id}{qid}"
                f'","type":{_json(type_name)}{_body_rest(ann, cls, doc_id, ref_prefix)}{target}{position}'
                f'}},{{"type":"TextQuoteSelector","exact":{exact},"prefix":{prefix},"suffix":{suffix}}}]}}}}'
            )
    source = '{"id":"' + iri + '","type":"Text","documentId":' + _json(doc_id) + ',"value":' + _json(text)
    if document.lang is not None:
        source += ',"language":' + _json(document.lang)
    if document.metadata:
        source += ',"metadata":' + _json(dict(document.metadata))
    out = [
        '{"@context":[',
        _json(ANNO_CONTEXT_URL),
        ",",
        _context_json(types),
        '],"id":"',
        iri,
        '/annotations","type":"AnnotationCollection","label":',
        _json(f"ctannot annotations of document {doc_id}"),
        ',"generator":',
        _generator_json(),
        ',"document":',
        source,
        '},"layers":[',
        ",".join(layers),
        '],"total":',
        _json(len(items)),
    ]
    if items:
        out += [',"first":{"id":"', iri, '/annotations/page1","type":"AnnotationPage","items":[']
        out += [",".join(items), "]}"]
    out.append("}\n")
    return "".join(out)


def _json(value: Any) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` writes it."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return strict_json.dumps(value, compact=True)  # NaN refused, not written


_Plan = tuple[tuple[str, str, bool, "attrs.Attribute[Any]"], ...]
_PLANS: dict[type[Any], _Plan | None] = {}


def _body_plan(cls: type[Any]) -> _Plan | None:
    """For each attribute of an annotation class: its name, its JSON key, whether it refers.

    None if a key would clash with one of the body's own (``id``, ``type``, ``entity``,
    ``sameAs``) or with another's: :func:`_body` then builds the dict, which settles the clash.
    """
    if cls in _PLANS:
        return _PLANS[cls]
    fields = _attribute_fields(cls)
    terms = [_key(cls, a) for a in fields]
    own = [term for a, term in zip(fields, terms, strict=True) if "names" not in a.metadata]
    plan: _Plan | None = None
    if len(set(own)) == len(own) and not {"id", "type", "entity", "sameAs"} & set(terms):
        plan = tuple(
            (a.name, "," + _json(term) + ":", "ref" in a.metadata, a)
            for a, term in zip(fields, terms, strict=True)
        )
    _PLANS[cls] = plan
    return plan


def _body_rest(ann: Annotation, cls: type[Any], document_id: str, ref_prefix: str) -> str:
    """The JSON of :func:`_body` after its id and type, to its closing brace."""
    plan = _body_plan(cls)
    if plan is None:
        body = _body(ann, document_id)
        del body["id"], body["type"]
        return "".join("," + _json(k) + ":" + _json(v) for k, v in body.items()) + "}"
    out = []
    for name, key, is_ref, a in plan:
        value = getattr(ann, name)
        if value is None:
            continue
        if type(value) is str and "names" not in a.metadata:
            out.append(key + ref_prefix + _quote(value) + '"}' if is_ref else key + encode_basestring(value))
            continue
        if value == ():
            continue
        if is_ref and type(value) is tuple and all(type(v) is str for v in value):
            out.append(key + "[" + ",".join([ref_prefix + _quote(v) + '"}' for v in value]) + "]")
        else:
            out.append(key + _json(_value_out(value, a, document_id, _prefix(cls))))
    if ann.entity is not None:
        out.append(',"entity":' + _json(ENTITY_PREFIX + _quote(ann.entity)))
    wikidata = getattr(ann, "wikidata", None)
    if wikidata:
        out.append(',"sameAs":' + _json(WIKIDATA + wikidata))
    out.append("}")
    return "".join(out)


_CONTEXTS: dict[frozenset[tuple[str, type[Annotation]]], str] = {}


def _context_json(types: Mapping[str, type[Annotation]]) -> str:
    key = frozenset(types.items())
    found = _CONTEXTS.get(key)
    if found is None:
        found = _json(context_for(types))
        if len(_CONTEXTS) < 1000:
            _CONTEXTS[key] = found
    return found


@cache
def _generator_json() -> str:
    return _json(
        {"id": "https://w3id.org/ctannot", "type": "Software", "name": "ctannot", "version": __version__}
    )


# -- reading back ------------------------------------------------------------------------------


class _Reader:
    def __init__(self, data: Any, types: Mapping[str, type[Annotation]], where: str) -> None:
        self.data = data
        self.types = types
        self.where = where

    def fail(self, problem: str) -> FormatError:
        return FormatError(f"{self.where}: {problem}")

    def get(self, node: Any, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        if not isinstance(node, dict) or key not in node:
            raise self.fail(f"{what} has no {key!r}")
        value = node[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise self.fail(f"{what}: {key!r} should be {getattr(kind, '__name__', kind)}, not {value!r}")
        return value

    def check_context(self) -> None:
        ctx = self.data.get("@context")
        if not (isinstance(ctx, list) and ctx and ctx[0] == ANNO_CONTEXT_URL):
            raise self.fail(f"not a ctannot document: @context must start with {ANNO_CONTEXT_URL!r}")
        for extra in ctx[1:]:
            if not isinstance(extra, dict):
                raise self.fail(f"refusing remote or unknown @context {extra!r}")
        if self.data.get("type") != "AnnotationCollection":
            raise self.fail("not an AnnotationCollection")

    def document(self) -> Document:
        if not isinstance(self.data, dict):
            raise self.fail("expected a JSON object")
        self.check_context()
        source = self.get(self.data, "document", dict, "the collection")
        doc_id = self.get(source, "documentId", str, "the document")
        text = self.get(source, "value", str, "the document")
        lang = source.get("language")
        if lang is not None and not isinstance(lang, str):
            raise self.fail(f'the document\'s language must be a string such as "fr", not {lang!r}')
        metadata = source.get("metadata", {})
        if not isinstance(metadata, dict):
            raise self.fail("document metadata must be a JSON object")
        layer_nodes = self.get(self.data, "layers", list, "the collection")
        items: list[Any] = []
        if "first" in self.data:
            items = self.get(self.get(self.data, "first", dict, "the collection"), "items", list, "the page")
        by_layer: dict[str, list[Annotation]] = {}
        for i, item in enumerate(items):
            ann, layer_name = self.annotation(item, doc_id, text, i)
            by_layer.setdefault(layer_name, []).append(ann)
        layers = [self.layer(node, by_layer) for node in layer_nodes]
        if by_layer:
            raise self.fail(f"annotations of undeclared layers {sorted(by_layer)}")
        try:
            return Document(doc_id, text, lang, metadata, layers)
        except AnnotationError as exc:
            raise self.fail(str(exc)) from None

    def layer(self, node: Any, by_layer: dict[str, list[Annotation]]) -> Layer:
        name = self.get(node, "label", str, "a layer")
        if not name:
            raise self.fail("a layer has an empty label")
        what = f"the creator of layer {name!r}"
        creator = self.get(node, "creator", dict, f"layer {name!r}")
        producer_name = self.get(creator, "name", str, what)
        version = self.get(creator, "version", str, what)
        if not (producer_name and version):
            raise self.fail(f"{what} has an empty name or version")
        try:
            return Layer(name, Provenance(producer_name, version), by_layer.pop(name, []))
        except (AnnotationError, TypeError, ValueError) as exc:  # a validator of the model
            raise self.fail(f"layer {name!r}: {reason(exc)}") from None

    def annotation(self, item: Any, doc_id: str, text: str, index: int) -> tuple[Annotation, str]:
        what = f"annotation #{index + 1}"
        ann_id = self.get(item, "annotationId", str, what)
        what = f"annotation {ann_id!r}"
        layer = self.get(item, "layer", str, what)
        body = self.get(item, "body", dict, what)
        type_name = self.get(body, "type", str, f"the body of {what}")
        cls = self.types.get(type_name)
        if cls is None:
            raise self.fail(
                f"{what} has unknown type {type_name!r} (is the plugin that defines it installed?)"
            )
        target = self.get(item, "target", dict, what)
        selectors = self.get(target, "selector", list, f"the target of {what}")
        position = [s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"]
        if len(position) != 1:
            raise self.fail(f"{what} needs exactly one TextPositionSelector")
        start = self.get(position[0], "start", int, what)
        end = self.get(position[0], "end", int, what)
        values: dict[str, Any] = {}
        prefix = _prefix(cls)
        for a in _attribute_fields(cls):
            key = _key(cls, a)
            if key not in body:
                continue
            value = body[key]
            named = isinstance(value, dict) and set(value) == {"name"}
            if "names" in a.metadata:
                if named:
                    values[a.name] = value["name"]
            elif not (named and any(f.metadata.get("names") == a.name for f in _attribute_fields(cls))):
                values[a.name] = self.value_in(value, a, doc_id, what, prefix)
        entity = body.get("entity")
        if entity is not None:
            if not (isinstance(entity, str) and entity.startswith(ENTITY_PREFIX)):
                raise self.fail(f"{what}: entity {entity!r} is not a {ENTITY_PREFIX} IRI")
            values["entity"] = unquote(entity[len(ENTITY_PREFIX) :])
        try:
            return cls(source=text, start=start, end=end, id=ann_id, **values), layer
        except (AnnotationError, TypeError, ValueError) as exc:
            raise self.fail(f"{what}: {reason(exc)}") from None

    def value_in(self, value: Any, a: attrs.Attribute[Any], doc_id: str, what: str, prefix: str) -> Any:
        if "ref" in a.metadata:
            prefix = doc_iri(doc_id) + "#"
            refs = value if isinstance(value, list) else [value]
            ids = []
            for ref in refs:
                iri = ref.get("id") if isinstance(ref, dict) else None
                if not (isinstance(iri, str) and iri.startswith(prefix)):
                    raise self.fail(
                        f"{what}: {a.name} must link to an annotation of this document, not {ref!r}"
                    )
                ids.append(unquote(iri[len(prefix) :]))
            if a.default == ():
                return tuple(ids)
            if len(ids) != 1:
                raise self.fail(f"{what}: {a.name} must link to one annotation, not {len(ids)}")
            return ids[0]
        if isinstance(value, list):
            return tuple(value)
        nested = a.metadata.get("nested")
        if nested is not None and isinstance(value, dict):
            names = {f.name: _term(f.name, prefix) for f in attrs.fields(nested)}
            unknown = set(value) - set(names.values())
            if unknown:
                raise self.fail(f"{what}: {a.name} has unknown keys {sorted(unknown)}")
            return nested(**{n: value[t] for n, t in names.items() if t in value})
        return value


def from_jsonld(
    data: Any, types: Mapping[str, type[Annotation]] | None = None, where: str = "<json-ld>"
) -> Document:
    """Rebuild a :class:`Document` from :func:`to_jsonld` output; :class:`FormatError` if invalid."""
    if types is None:
        from ctannot.annotations import BUILTIN_TYPES

        types = {cls.type_name: cls for cls in BUILTIN_TYPES}
    return _Reader(data, types, where).document()


MAX_JSONLD_CHARS = 1_000_000_000
"""The longest JSON-LD text read back. ctannot writes about 15 characters of JSON-LD per
character of text, so this holds any document within the default ``--max-chars``; a longer one
is refused rather than allowed to fill the memory."""


def loads(
    text: str, types: Mapping[str, type[Annotation]] | None = None, where: str = "<json-ld>"
) -> Document:
    """:func:`from_jsonld` on a JSON string."""
    if len(text) > MAX_JSONLD_CHARS:
        raise FormatError(
            f"{where}: {len(text):,} characters of JSON-LD, more than ctannot reads ({MAX_JSONLD_CHARS:,})"
        )
    try:
        data = strict_json.loads(text)
    except strict_json.JSONProblem as exc:
        raise FormatError(f"{where}: {exc}") from None
    return from_jsonld(data, types, where)
