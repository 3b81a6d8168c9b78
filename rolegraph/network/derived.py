"""Values derived from a :class:`RoleNetwork`, computed once and kept on the network itself.

A network is frozen: what analyses compute from it (neighbour tables, the similarity model, the
graph of moves) never changes its data, so it is kept beside them and lives exactly as long as
the network does. Two forms, one rule:

- what depends on the network alone and belongs to it (its binary matrix, its CSC form, the
  occupational groups) is a :func:`functools.cached_property` of :class:`RoleNetwork`;
- what an analysis module computes from a network and arguments is a function decorated with
  :func:`derived`: its value is kept in the network's table of derived values, keyed by the
  function and its arguments (bound to the signature, so ``f(net, 3)`` and ``f(net, top=3)``
  share one value).

:func:`forget_derived` drops both, for a benchmark that times a computation from the start.
Derived values are not pickled with the network (see :meth:`RoleNetwork.__getstate__`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from rolegraph.network.model import RoleNetwork

P = ParamSpec("P")
_MISSING: Any = object()
T = TypeVar("T")


class Derived(Generic[P, T]):
    """A function of a network and hashable arguments whose value the network keeps."""

    def __init__(self, function: Callable[Concatenate[RoleNetwork, P], T]) -> None:
        self.function = function
        signature = inspect.signature(function)
        self._signature = signature
        parameters = list(signature.parameters.values())[1:]
        kinds = {p.kind for p in parameters}
        if kinds & {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD}:
            raise TypeError(f"{function.__qualname__}: a derived value takes named arguments")
        # Every argument given by position: the key needs no binding (the common, hot case).
        self._positional = (
            len(parameters)
            if kinds <= {inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY}
            else -1
        )
        functools.update_wrapper(self, function)

    def _key(self, net: RoleNetwork, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Hashable:
        if not kwargs and len(args) == self._positional:
            return (self, args)
        bound = self._signature.bind(net, *args, **kwargs)
        bound.apply_defaults()
        return (self, tuple(bound.arguments.values())[1:])

    def __call__(self, net: RoleNetwork, /, *args: P.args, **kwargs: P.kwargs) -> T:
        # The hot path (every argument by position, the value known) is two lookups.
        key: Hashable | None = (
            (self, args) if not kwargs and len(args) == self._positional else None
        )
        values = net.derived_values
        if key is None:
            key = self._key(net, args, kwargs)
        found = values.get(key, _MISSING)
        if found is _MISSING:
            found = values[key] = self.function(net, *args, **kwargs)
        return found  # type: ignore[no-any-return]

    def seed(self, net: RoleNetwork, build: Callable[[], T], /, *args: Any, **kwargs: Any) -> T:
        """The value for ``net`` and the arguments, taken from ``build()`` when not yet known
        (a value kept elsewhere, such as a model pickled beside the store)."""
        values = net.derived_values
        key = self._key(net, args, kwargs)
        if key not in values:
            values[key] = build()
        return values[key]  # type: ignore[no-any-return]

    def known(self, net: RoleNetwork, /, *args: Any, **kwargs: Any) -> bool:
        """Whether ``net`` already keeps the value for these arguments."""
        return self._key(net, args, kwargs) in net.derived_values


def derived(function: Callable[Concatenate[RoleNetwork, P], T]) -> Derived[P, T]:
    """Keep the value of ``function(net, *args)`` on ``net``, computed on first use."""
    return Derived(function)


def forget_derived(net: RoleNetwork) -> None:
    """Forget every value derived from ``net`` (cached properties and :func:`derived` values),
    so the next use computes it again."""
    net.derived_values.clear()
    for name in net.cached_properties():
        net.__dict__.pop(name, None)


__all__ = ["Derived", "derived", "forget_derived"]
