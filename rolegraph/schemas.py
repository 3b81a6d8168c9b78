"""JSON Schemas of rolegraph's JSON, generated from the TypedDicts of :mod:`rolegraph.jsontypes`
with pydantic, so a schema cannot drift from the shape the type checker holds the code to.

>>> from rolegraph.jsontypes import FitJSON
>>> tops, shared = json_schemas({"fits": list[FitJSON]}, ref_template="#/$defs/{model}")
>>> tops["fits"]
{'type': 'array', 'items': {'$ref': '#/$defs/Fit'}}
>>> sorted(shared["Fit"]["required"])
['coverage', 'matched', 'missing', 'role', 'score']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The suffix of the TypedDicts' names that their schemas' names leave off.
_SUFFIX = "JSON"


Schema = dict[str, Any]


def json_schemas(
    types: Mapping[str, Any], *, ref_template: str = "#/components/schemas/{model}"
) -> tuple[dict[str, Schema], dict[str, Schema]]:
    """The JSON Schema of each type in ``types`` (by the name given to it), and the schemas they
    share (by name: ``RoleRef`` for ``RoleRefJSON``), which the first refer to through
    ``ref_template``. Schemas describe the JSON as serialized."""
    from pydantic import TypeAdapter

    inputs = [(name, "serialization", TypeAdapter(kind)) for name, kind in types.items()]
    marker = "\x00{model}\x00"
    tops, shared = TypeAdapter.json_schemas(inputs, ref_template=marker)  # type: ignore[arg-type]
    prefix, suffix = marker.split("{model}")

    def rename(name: str) -> str:
        return name.removesuffix(_SUFFIX) or name

    def refer(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: (
                    ref_template.format(model=rename(item[len(prefix) : -len(suffix)]))
                    if key == "$ref" and isinstance(item, str) and item.startswith(prefix)
                    else refer(item)
                )
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [refer(item) for item in value]
        return value

    named = {name: refer(tops[(name, "serialization")]) for name in types}
    definitions = {
        rename(name): {**refer(schema), "title": rename(name)}
        for name, schema in shared.get("$defs", {}).items()
    }
    return named, definitions


__all__ = ["json_schemas"]
