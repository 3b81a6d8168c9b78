"""Content negotiation: pick the representation a client's Accept header prefers (RFC 9110)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Result formats of SELECT and ASK: (media type sent, format name), server preference first.
TABLE_OFFERS: tuple[tuple[str, str], ...] = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
)

#: Graph formats of CONSTRUCT, DESCRIBE and dereferenced IRIs (names of export.EXPORTERS).
GRAPH_OFFERS: tuple[tuple[str, str], ...] = (
    ("text/turtle", "turtle"),
    ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
    ("application/json", "json-ld"),
    ("application/x-turtle", "turtle"),
    ("text/plain", "nt"),
    ("application/xml", "xml"),
)

#: Format names a client may ask for with ``?format=``, mapped to media types.
TABLE_FORMAT_NAMES = {"json": TABLE_OFFERS[0][0], "xml": TABLE_OFFERS[1][0], "csv": "text/csv"}
TABLE_FORMAT_NAMES["tsv"] = "text/tab-separated-values"
GRAPH_FORMAT_NAMES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 2 exact, 1 type/*, 0 */*, -1 no."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


@lru_cache(maxsize=256)
def _parse(header: str) -> tuple[_Range, ...]:
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(_Range(main, sub, q))
    return tuple(ranges)


def choose(accept: str | None, offers: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The offer (media type, format) the ``accept`` header prefers; the first offer when the
    header is absent or empty; None when the client accepts none of them (answer 406)."""
    if accept is None or not accept.strip():
        return offers[0]
    ranges = _parse(accept[:2000])
    if not ranges:
        return offers[0]
    best: tuple[str, str] | None = None
    best_q = 0.0
    for offer in offers:
        specificity, q = -1, 0.0
        for media_range in ranges:
            level = media_range.matches(offer[0])
            if level > specificity:
                specificity, q = level, media_range.q
        if specificity >= 0 and q > best_q:
            best, best_q = offer, q
    return best


def accepts_html(accept: str | None) -> bool:
    """Whether a client (a browser) prefers HTML over Turtle."""
    offers = (("text/html", "html"), *GRAPH_OFFERS)
    chosen = choose(accept, offers) if accept else None
    return chosen is not None and chosen[1] == "html"
