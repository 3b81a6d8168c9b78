"""Minimal HTML views of RDF descriptions, for people who open an IRI in a browser.

Links to rolegraph IRIs point back into this server (``/id/...``, ``/ns#...``), so a reader can
follow the graph from page to page. Everything is escaped; no scripts, no external assets.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from rolegraph.vocab import ID, RG, shorten

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}
a{color:#0b4f9c}a:focus{outline:3px solid #f5a623}table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}
th{width:30%;font-weight:600;color:#333}code{font-size:.9em;word-break:break-all}
.muted{color:#555}nav a{margin-right:1rem}
"""

_LABELS = (SKOS.prefLabel, RDFS.label)


def local_href(iri: str) -> str:
    """Where ``iri`` can be read on this server, or the IRI itself if it is not rolegraph's."""
    if iri.startswith(str(ID)):
        return "/id/" + iri[len(str(ID)) :]
    if iri.startswith(str(RG)):
        return "/ns#" + iri[len(str(RG)) :]
    return iri


def _label(graph: Graph, node: Node) -> str | None:
    for predicate in _LABELS:
        labels = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
        english = [o for o in labels if o.language in (None, "en")]
        if english or labels:
            return str(sorted(english or labels)[0])
    return None


def _term(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        text = _label(graph, node) or shorten(str(node))
        return f'<a href="{escape(local_href(str(node)))}">{escape(text)}</a>'
    if isinstance(node, Literal):
        suffix = ""
        if node.language:
            suffix = f' <span class="muted">@{escape(node.language)}</span>'
        elif node.datatype is not None:
            suffix = f' <span class="muted">({escape(shorten(str(node.datatype)))})</span>'
        return f"{escape(str(node))}{suffix}"
    return f"<code>_:{escape(str(node))}</code>"


def _page(title: str, body: str, alternates: dict[str, str]) -> str:
    links = "".join(
        f'<link rel="alternate" type="{escape(media)}" href="{escape(href)}">'
        for media, href in alternates.items()
    )
    nav = " ".join(
        f'<a href="{escape(href)}">{escape(name)}</a>'
        for name, href in (
            ("Turtle", alternates.get("text/turtle", "")),
            ("JSON-LD", alternates.get("application/ld+json", "")),
        )
        if href
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · rolegraph</title><style>{_STYLE}</style>{links}</head>"
        f'<body><nav><a href="/">rolegraph</a> {nav}</nav><main>{body}</main></body></html>'
    )


def describe_page(iri: str, graph: Graph, alternates: dict[str, str]) -> str:
    """A page listing what ``graph`` says about ``iri``, and what refers to it."""
    subject = URIRef(iri)
    title = _label(graph, subject) or shorten(iri)
    kinds = ", ".join(_term(graph, t) for t in sorted(graph.objects(subject, RDF.type), key=str))
    rows: dict[Node, list[Node]] = defaultdict(list)
    for predicate, obj in graph.predicate_objects(subject):
        if predicate != RDF.type:
            rows[predicate].append(obj)
    parts = [f"<h1>{escape(title)}</h1>", f"<p><code>{escape(iri)}</code></p>"]
    if kinds:
        parts.append(f"<p>A {kinds}</p>")
    parts.append("<table><tbody>")
    for predicate in sorted(rows, key=lambda p: shorten(str(p))):
        values = "<br>".join(_term(graph, o) for o in sorted(rows[predicate], key=str))
        parts.append(f"<tr><th scope=row>{_term(graph, predicate)}</th><td>{values}</td></tr>")
    parts.append("</tbody></table>")
    incoming = sorted(
        {(s, p) for s, p in graph.subject_predicates(subject) if s != subject}, key=str
    )
    if incoming:
        parts.append("<h2>Referred to by</h2><table><tbody>")
        for source, predicate in incoming:
            parts.append(
                f"<tr><th scope=row>{_term(graph, source)}</th>"
                f"<td>{_term(graph, predicate)}</td></tr>"
            )
        parts.append("</tbody></table>")
    return _page(title, "".join(parts), alternates)


def vocabulary_page(graph: Graph, alternates: dict[str, str]) -> str:
    """A page listing the classes and properties of the ontology with their definitions."""
    parts = ["<h1>The rolegraph vocabulary</h1>", f"<p><code>{escape(str(RG))}</code></p>"]
    terms = sorted(
        {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(RG))}
    )
    parts.append("<table><tbody>")
    for term in terms:
        name = str(term)[len(str(RG)) :]
        definition = next(iter(graph.objects(term, SKOS.definition)), None)
        label = _label(graph, term) or name
        parts.append(
            f'<tr id="{escape(name)}"><th scope=row><code>rg:{escape(name)}</code><br>'
            f"{escape(label)}</th><td>{escape(str(definition or ''))}</td></tr>"
        )
    parts.append("</tbody></table>")
    return _page("vocabulary", "".join(parts), alternates)


def index_page(links: dict[str, str], web: bool) -> str:
    """The server's front page when no web page is mounted."""
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(href)}</a> — {escape(text)}</li>'
        for href, text in links.items()
    )
    return _page("rolegraph", f"<h1>rolegraph</h1><ul>{items}</ul>", {})
