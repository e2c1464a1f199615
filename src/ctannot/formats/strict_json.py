"""JSON as the standard has it (RFC 8259), read and written one way by every format.

Python's ``json`` goes beyond the standard and past its own errors: it reads and writes ``NaN``,
``Infinity`` and ``-Infinity``, which no other JSON parser accepts; a number of more than 4,300
digits raises a ``ValueError`` that is not a ``JSONDecodeError`` (the int-string conversion
limit); deep nesting raises a ``RecursionError``. :func:`loads` turns each of these into a
:class:`JSONProblem` whose message says what is wrong (the caller adds the file and line), and
:func:`dumps` refuses to write what is not standard JSON rather than write it.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

__all__ = ["JSONProblem", "dumps", "loads"]


class JSONProblem(ValueError):
    """Text that is not standard JSON, or a value that cannot be written as standard JSON; the
    message says what (not where: the caller knows that)."""


def _refuse_constant(name: str) -> NoReturn:
    raise JSONProblem(f"{name} is not a JSON number (standard JSON has no NaN or Infinity)")


def loads(text: str | bytes) -> Any:
    """The value of a JSON text, or :class:`JSONProblem`."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except JSONProblem:
        raise
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        raise JSONProblem(f"not valid JSON: {exc.msg} ({at})") from None
    except RecursionError:
        raise JSONProblem("JSON nested too deeply") from None
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise JSONProblem(f"a number ctannot does not read: {exc}") from None


def dumps(value: Any, *, compact: bool = False, indent: int | None = None) -> str:
    """``value`` as standard JSON (UTF-8 text, not ASCII-escaped), or :class:`JSONProblem` if it
    holds NaN, an infinity, an integer too long to write, or what JSON has no form for."""
    separators = (",", ":") if compact else None
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators, indent=indent)
    except (ValueError, TypeError) as exc:  # NaN (ValueError), a set or an object (TypeError)
        raise JSONProblem(f"cannot be written as standard JSON: {exc}") from None
    except RecursionError:
        raise JSONProblem("cannot be written as JSON: nested too deeply") from None
