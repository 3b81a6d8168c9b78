"""SPARQL 1.1 result formats (JSON, XML, CSV, TSV) written straight from rows of terms.

Rows hold engine-neutral terms, so answers from Oxigraph (streamed), rdflib or a remote server
are written by the same code:

- ``("uri", iri)``
- ``("bnode", id)``
- ``("literal", lexical, language or None, datatype IRI or None)`` (None: a simple literal)
- ``("triple", s, p, o)`` (RDF-star quoted triples)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


def _default(value: Any) -> Any:
    """JSON for what the encoders do not know: numpy numbers and arrays, sets, other objects."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


try:  # orjson is several times faster on large answers; the standard library is the fallback
    import orjson

    _OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS

    def dump_json(data: Any) -> bytes:
        """``data`` as compact UTF-8 JSON."""
        return orjson.dumps(data, default=_default, option=_OPTIONS)

except ImportError:  # pragma: no cover - depends on the installation

    def dump_json(data: Any) -> bytes:
        """``data`` as compact UTF-8 JSON."""
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default).encode(
            "utf-8"
        )


Term = tuple[Any, ...]
Row = tuple[Term | None, ...]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class Table:
    """A SELECT or ASK answer in neutral terms."""

    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None


def from_ox(term: Any) -> Term:
    """A pyoxigraph term as a neutral term."""
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, term.language, None)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return ("literal", term.value, None, None)
        return ("literal", term.value, None, datatype)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Triple):
        return ("triple", from_ox(term.subject), from_ox(term.predicate), from_ox(term.object))
    return ("literal", str(term), None, None)


def from_rdflib(term: Node) -> Term:
    """An rdflib term as a neutral term."""
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype == _XSD_STRING:
            datatype = None
        return ("literal", str(term), term.language, None if term.language else datatype)
    if isinstance(term, BNode):
        return ("bnode", str(term))
    return ("literal", str(term), None, None)


# -- JSON ----------------------------------------------------------------------------------------


def _json_term(term: Term) -> dict[str, Any]:
    kind = term[0]
    if kind == "literal":
        out: dict[str, Any] = {"type": "literal", "value": term[1]}
        if term[2]:
            out["xml:lang"] = term[2]
        elif term[3]:
            out["datatype"] = term[3]
        return out
    if kind == "triple":
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term[1]),
                "predicate": _json_term(term[2]),
                "object": _json_term(term[3]),
            },
        }
    return {"type": kind, "value": term[1]}


def to_json(table: Table) -> bytes:
    if table.boolean is not None:
        return dump_json({"head": {}, "boolean": table.boolean})
    names = table.variables
    bindings = [
        {name: _json_term(value) for name, value in zip(names, row) if value is not None}
        for row in table.rows
    ]
    return dump_json({"head": {"vars": names}, "results": {"bindings": bindings}})


# -- XML -----------------------------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return escape(_XML_ILLEGAL.sub("\ufffd", text))


def _xml_term(term: Term) -> str:
    kind = term[0]
    if kind == "uri":
        return f"<uri>{_xml_text(term[1])}</uri>"
    if kind == "bnode":
        return f"<bnode>{_xml_text(term[1])}</bnode>"
    if kind == "triple":
        return (
            f"<triple><subject>{_xml_term(term[1])}</subject>"
            f"<predicate>{_xml_term(term[2])}</predicate>"
            f"<object>{_xml_term(term[3])}</object></triple>"
        )
    attributes = ""
    if term[2]:
        attributes = f" xml:lang={quoteattr(term[2])}"
    elif term[3]:
        attributes = f" datatype={quoteattr(term[3])}"
    return f"<literal{attributes}>{_xml_text(term[1])}</literal>"


def to_xml(table: Table) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
    ]
    if table.boolean is not None:
        parts.append(f"</head>\n<boolean>{'true' if table.boolean else 'false'}</boolean>\n")
    else:
        parts.extend(f"<variable name={quoteattr(name)}/>" for name in table.variables)
        parts.append("</head>\n<results>\n")
        for row in table.rows:
            parts.append("<result>")
            for name, value in zip(table.variables, row):
                if value is not None:
                    parts.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
            parts.append("</result>\n")
        parts.append("</results>\n")
    parts.append("</sparql>\n")
    return "".join(parts).encode("utf-8")


# -- CSV and TSV ---------------------------------------------------------------------------------


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    kind = term[0]
    if kind == "bnode":
        return _csv_field(f"_:{term[1]}")
    if kind == "triple":
        return _csv_field(f"<< {_tsv_term(term[1])} {_tsv_term(term[2])} {_tsv_term(term[3])} >>")
    return _csv_field(term[1])


def to_csv(table: Table) -> bytes:
    if table.boolean is not None:
        return f"_askResult\r\n{'true' if table.boolean else 'false'}\r\n".encode()
    lines = [",".join(_csv_field(name) for name in table.variables)]
    lines.extend(",".join(_csv_term(value) for value in row) for row in table.rows)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_ESCAPES = str.maketrans({">": "\\u003E", "\\": "\\u005C", "\n": "\\u000A", "\t": "\\u0009"})


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    kind = term[0]
    if kind == "uri":
        return f"<{term[1].translate(_IRI_ESCAPES)}>"
    if kind == "bnode":
        return f"_:{term[1]}"
    if kind == "triple":
        return f"<< {_tsv_term(term[1])} {_tsv_term(term[2])} {_tsv_term(term[3])} >>"
    text = f'"{term[1].translate(_TSV_ESCAPES)}"'
    if term[2]:
        return f"{text}@{term[2]}"
    if term[3]:
        return f"{text}^^<{term[3].translate(_IRI_ESCAPES)}>"
    return text


def to_tsv(table: Table) -> bytes:
    if table.boolean is not None:
        return f"_askResult\n{'true' if table.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{name}" for name in table.variables)]
    lines.extend("\t".join(_tsv_term(value) for value in row) for row in table.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


#: Writers by result format name.
WRITERS: dict[str, Callable[[Table], bytes]] = {
    "json": to_json,
    "xml": to_xml,
    "csv": to_csv,
    "tsv": to_tsv,
}


def table_from_rows(variables: Sequence[str], rows: Sequence[Sequence[Node | None]]) -> Table:
    """A Table from rows of rdflib terms."""
    return Table(
        variables=list(variables),
        rows=[tuple(from_rdflib(v) if v is not None else None for v in row) for row in rows],
    )
