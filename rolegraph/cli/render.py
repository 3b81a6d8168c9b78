"""Plain-text rendering for people: aligned tables that fit an 80-column terminal."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

WIDTH = 80


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters (an escape sequence in a label could
    recolour, retitle or clear the terminal) are shown escaped, as ``\\x1b``; line breaks and
    tabs are kept."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, marking the cut with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], width: int = WIDTH) -> str:
    """An aligned table; the widest columns are narrowed until the table fits ``width``."""
    cells = [
        [("" if value is None else " ".join(str(value).split())) for value in row] for row in rows
    ]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    gap = 2
    while sum(widths) + gap * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= max(len(headers[widest]), 6):
            break
        widths[widest] -= 1
    shown = [[truncate(v, w) for v, w in zip(row, widths)] for row in cells]
    for column, w in enumerate(widths):
        _keep_apart(cells, shown, column, w)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in shown:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _keep_apart(cells: list[list[str]], shown: list[list[str]], column: int, width: int) -> None:
    """Different values cut to the same text ("technical sales rep…" for seven titles) are cut
    in the middle instead, keeping as much of their ends as tells them apart."""
    groups: dict[str, set[str]] = {}
    for row, cut_row in zip(cells, shown):
        groups.setdefault(cut_row[column], set()).add(row[column])
    for cut, values in groups.items():
        if len(values) < 2:
            continue
        room = width - 1
        for row, cut_row in zip(cells, shown):
            value = row[column]
            if value not in values or cut_row[column] != cut:
                continue
            # show the start, then the words where this value departs from the others
            start = max(_shared_prefix(value, other) for other in values - {value})
            start = value.rfind(" ", 0, start) + 1
            first = len(value.split(" ", 1)[0])
            head = min(start, first if first <= room // 2 else max(room // 3, 1))
            middle = value[start : start + width - head - 2]
            rest = "…" if start + len(middle) < len(value) else ""
            cut_row[column] = (value[:head].rstrip() + "…" + middle.strip() + rest)[:width]


def _shared_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def heading(text: str) -> str:
    """A section heading."""
    return f"{text}\n{'=' * min(len(text), WIDTH)}"


def wrap(text: str, indent: str = "") -> str:
    """Wrap prose to the terminal width."""
    return textwrap.fill(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def bullet_list(items: Sequence[str], indent: str = "  ") -> str:
    """Items as a wrapped bullet list."""
    return "\n".join(
        textwrap.fill(
            " ".join(item.split()),
            WIDTH,
            initial_indent=f"{indent}- ",
            subsequent_indent=f"{indent}  ",
        )
        for item in items
    )
