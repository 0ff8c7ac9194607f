"""Reading Tally's JSON: one rule per kind of value, used by every answer's parser.

Tally writes money, volumes, prices and percentages as decimal strings and statistics (returns,
drawdowns, ratios) as JSON numbers. Both become :class:`decimal.Decimal` here, never ``float``:
:func:`loads` parses JSON numbers with ``parse_float=Decimal``, and :meth:`Obj.dec` takes either a
string or a number. Times are ISO-8601 (``2026-12-04T01:20:28.871067729Z``) and become aware
:class:`datetime.datetime` objects (fractions of a microsecond are cut: the raw text stays in each
answer's ``raw``).

Example::

    obj = Obj(loads(b'{"equity_base": "1099.00000000"}'), "portfolio")
    obj.dec("equity_base")  # Decimal('1099.00000000')
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, Optional, Tuple, TypeVar

from .errors import TallyDecodeError

T = TypeVar("T")

_MISSING = object()

_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$"
)


def loads(body: Any) -> Any:
    """Parses JSON text (``bytes`` or ``str``); every non-integer number becomes a ``Decimal``."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8")
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=Decimal)
    except ValueError as e:
        raise TallyDecodeError("the answer is not JSON: %s" % e) from e


def decimal_value(value: Any, where: str) -> Decimal:
    """A JSON decimal string or number as a ``Decimal``; ``where`` names it in an error."""
    if isinstance(value, bool):
        raise TallyDecodeError("%s: expected a decimal, got %r" % (where, value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # only from JSON parsed elsewhere: its shortest text, not binary
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            pass
    raise TallyDecodeError("%s: expected a decimal, got %r" % (where, value))


def time_value(value: Any, where: str) -> _dt.datetime:
    """An ISO-8601 time as an aware ``datetime`` (UTC when the text names no offset)."""
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None:
        raise TallyDecodeError("%s: expected an ISO-8601 time, got %r" % (where, value))
    year, month, day, hour, minute, second, fraction, z, sign, oh, om = match.groups()
    zone = _dt.timezone.utc
    if sign:
        offset = _dt.timedelta(hours=int(oh), minutes=int(om))
        zone = _dt.timezone(offset if sign == "+" else -offset)
    micros = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return _dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micros,
            tzinfo=zone,
        )
    except ValueError as e:
        raise TallyDecodeError("%s: %s in %r" % (where, e, value)) from e


def date_value(value: Any, where: str) -> _dt.date:
    """A ``YYYY-MM-DD`` day as a ``date``."""
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TallyDecodeError("%s: expected a date YYYY-MM-DD, got %r" % (where, value))


class Obj:
    """One JSON object of an answer, read field by field; an error names the field's path.

    A required field that is absent or of the wrong kind raises :class:`TallyDecodeError`; an
    ``opt_`` field may be absent or ``null`` (``None``). Fields the reader does not ask for are
    ignored, so an answer with new fields still parses.

    Example: ``Obj({"a": "1.5"}, "x").dec("a")`` is ``Decimal('1.5')``.
    """

    __slots__ = ("data", "where")

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise TallyDecodeError("%s: expected a JSON object, got %r" % (where, _short(data)))
        self.data: Dict[str, Any] = data
        self.where = where

    def _path(self, name: str) -> str:
        return "%s.%s" % (self.where, name)

    def _get(self, name: str, optional: bool) -> Any:
        value = self.data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if optional:
                return None
            raise TallyDecodeError(
                "%s: %s" % (self._path(name), "missing" if value is _MISSING else "is null")
            )
        return value

    def dec(self, name: str) -> Decimal:
        return decimal_value(self._get(name, False), self._path(name))

    def opt_dec(self, name: str) -> Optional[Decimal]:
        value = self._get(name, True)
        return None if value is None else decimal_value(value, self._path(name))

    def text(self, name: str) -> str:
        return self._text(self._get(name, False), name)

    def opt_text(self, name: str) -> Optional[str]:
        value = self._get(name, True)
        return None if value is None else self._text(value, name)

    def _text(self, value: Any, name: str) -> str:
        if not isinstance(value, str):
            raise TallyDecodeError("%s: expected text, got %r" % (self._path(name), value))
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name, False)
        if not isinstance(value, bool):
            raise TallyDecodeError("%s: expected true or false, got %r" % (self._path(name), value))
        return value

    def integer(self, name: str) -> int:
        return self._int(self._get(name, False), name)

    def opt_int(self, name: str) -> Optional[int]:
        value = self._get(name, True)
        return None if value is None else self._int(value, name)

    def _int(self, value: Any, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TallyDecodeError("%s: expected an integer, got %r" % (self._path(name), value))
        return value

    def time(self, name: str) -> _dt.datetime:
        return time_value(self._get(name, False), self._path(name))

    def opt_time(self, name: str) -> Optional[_dt.datetime]:
        value = self._get(name, True)
        return None if value is None else time_value(value, self._path(name))

    def day(self, name: str) -> _dt.date:
        return date_value(self._get(name, False), self._path(name))

    def opt_day(self, name: str) -> Optional[_dt.date]:
        value = self._get(name, True)
        return None if value is None else date_value(value, self._path(name))

    def obj(self, name: str, parse: Callable[[Any, str], T]) -> T:
        return parse(self._get(name, False), self._path(name))

    def opt_obj(self, name: str, parse: Callable[[Any, str], T]) -> Optional[T]:
        value = self._get(name, True)
        return None if value is None else parse(value, self._path(name))

    def _list(self, name: str, optional: bool) -> list:
        value = self._get(name, optional)
        if value is None:
            return []
        if not isinstance(value, list):
            raise TallyDecodeError("%s: expected a list, got %r" % (self._path(name), _short(value)))
        return value

    def objects(
        self, name: str, parse: Callable[[Any, str], T], optional: bool = False
    ) -> Tuple[T, ...]:
        """A list of objects, each read by ``parse(item, path)``; ``optional``: absent is empty."""
        path = self._path(name)
        return tuple(
            parse(item, "%s[%d]" % (path, i)) for i, item in enumerate(self._list(name, optional))
        )

    def texts(self, name: str, optional: bool = False) -> Tuple[str, ...]:
        items = self._list(name, optional)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise TallyDecodeError("%s[%d]: expected text, got %r" % (self._path(name), i, item))
        return tuple(items)

    def decs(self, name: str, optional: bool = False) -> Tuple[Decimal, ...]:
        path = self._path(name)
        return tuple(
            decimal_value(item, "%s[%d]" % (path, i))
            for i, item in enumerate(self._list(name, optional))
        )

    def reasons(self) -> Dict[str, str]:
        """Every ``<name>_reason`` text, keyed by ``<name>``: why a figure is ``null``."""
        return {
            key[: -len("_reason")]: value
            for key, value in self.data.items()
            if key.endswith("_reason") and isinstance(value, str)
        }


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."

