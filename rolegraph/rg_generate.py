"""Write ``rolegraph/rg.py``, the ``RG`` namespace class, from ``ontology/rolegraph.ttl``.

``RG`` is an rdflib ``DefinedNamespace``: a term the ontology does not declare is an
``AttributeError`` where it is written, not an IRI nobody defined. Run this after changing the
ontology (a test keeps the class and the ontology equal):

    python -m rolegraph.rg_generate
"""

from __future__ import annotations

import keyword
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

NAMESPACE = "https://w3id.org/rolegraph/ns#"
TARGET = Path(__file__).resolve().parent / "rg.py"

#: How the terms are grouped in the class, by their rdf:type.
_KINDS = [
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Annotation properties", OWL.AnnotationProperty),
]


def ontology_terms(ontology: Graph) -> dict[str, str]:
    """Every term the ontology describes, by local name, with its English label."""
    terms: dict[str, str] = {}
    for subject in ontology.subjects():
        if isinstance(subject, URIRef) and str(subject).startswith(NAMESPACE):
            label = ontology.value(subject, RDFS.label)
            terms[str(subject)[len(NAMESPACE) :]] = str(label) if label is not None else ""
    return terms


def _comment(label: str) -> str:
    return f"  # {label}" if label else ""


def render(ontology: Graph) -> str:
    """The source of ``rolegraph/rg.py`` for ``ontology``."""
    terms = ontology_terms(ontology)
    groups: dict[str, list[str]] = {}
    for name in sorted(terms):
        kinds = set(ontology.objects(URIRef(NAMESPACE + name), RDF.type))
        title = next((title for title, kind in _KINDS if kind in kinds), "Individuals")
        groups.setdefault(title, []).append(name)
    lines = [
        '"""The rolegraph vocabulary as an rdflib ``DefinedNamespace``: ``RG.Role``, ``RG.skill``.',
        "",
        "Generated from ontology/rolegraph.ttl by ``python -m rolegraph.rg_generate``: do not",
        "edit it by hand.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class RG(DefinedNamespace):",
        '    """The terms of https://w3id.org/rolegraph/ns#: any other raises AttributeError."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
    ]
    extras = []
    for title, _ in [*_KINDS, ("Individuals", None)]:
        names = groups.get(title, [])
        plain = [n for n in names if n.isidentifier() and not keyword.iskeyword(n)]
        extras += [n for n in names if n not in plain]
        if plain:
            lines += ["", f"    # {title}"]
            lines += [f"    {name}: URIRef" + _comment(terms[name]) for name in plain]
    if extras:
        lines += ["", f"    _extras = {extras!r}"]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write rolegraph/rg.py from the ontology's Turtle files (read without rolegraph.vocab,
    which imports the module this writes)."""
    from rolegraph.resources import ontology_paths

    ontology = Graph()
    for path in ontology_paths():
        ontology.parse(path, format="turtle")
    TARGET.write_text(render(ontology), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
