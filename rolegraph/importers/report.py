"""The report of an import: counts by kind and the quirks of the input worked around, with a few
examples of each, so that nothing odd is dropped without being counted."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

MAX_EXAMPLES = 5


@dataclass
class Quirk:
    """A kind of oddity found in the input, how often it occurred and a few examples."""

    kind: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str | None = None, n: int = 1) -> None:
        self.count += n
        if (
            example is not None
            and len(self.examples) < MAX_EXAMPLES
            and example not in self.examples
        ):
            self.examples.append(example)


@dataclass
class ImportReport:
    """What an import produced (counts by kind, triples) and the quirks it met on the way."""

    source: str
    graph: str
    counts: dict[str, int] = field(default_factory=dict)
    quirks: list[Quirk] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def quirk(self, kind: str, example: str | None = None, n: int = 1) -> None:
        """Count one occurrence (or ``n``) of a quirk of ``kind``, keeping ``example``."""
        for existing in self.quirks:
            if existing.kind == kind:
                existing.add(example, n)
                return
        new = Quirk(kind)
        new.add(example, n)
        self.quirks.append(new)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def quirk_count(self, kind: str) -> int:
        return next((q.count for q in self.quirks if q.kind == kind), 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "graph": self.graph,
            "counts": dict(self.counts),
            "quirks": [
                {"kind": q.kind, "count": q.count, "examples": list(q.examples)}
                for q in self.quirks
            ],
            "notes": list(self.notes),
        }

    def to_text(self, width: int = 80) -> str:
        """A plain-text summary that fits in ``width`` columns."""
        lines = [f"{self.source} -> {self.graph}"]
        if self.counts:
            key_width = min(max(len(k) for k in self.counts), width // 2)
            for key, value in self.counts.items():
                lines.append(f"  {key[:key_width]:<{key_width}}  {value:>10,}")
        if self.quirks:
            lines.append("quirks:")
            for q in self.quirks:
                lines.extend(
                    textwrap.wrap(
                        f"{q.kind}: {q.count:,}",
                        width,
                        initial_indent="  ",
                        subsequent_indent="    ",
                    )
                )
                for example in q.examples:
                    lines.extend(
                        textwrap.wrap(
                            example,
                            width,
                            initial_indent="    e.g. ",
                            subsequent_indent="         ",
                            break_long_words=True,
                        )
                    )
        for note in self.notes:
            lines.extend(
                textwrap.wrap(note, width, initial_indent="note: ", subsequent_indent="      ")
            )
        return "\n".join(lines)


__all__ = ["MAX_EXAMPLES", "ImportReport", "Quirk"]
