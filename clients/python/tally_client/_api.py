"""The API's requests, built once for both clients.

Each endpoint is a function returning a :class:`Call`: method, path, query, JSON body and the
parser of its answer. :class:`~tally_client.TallyClient` and
:class:`~tally_client.AsyncTallyClient` differ only in how they send a call; the paths, the
parameters' encoding, the headers, what a status means and how an answer is read live here.

Example::

    call = portfolio()
    call.method, call.path  # ('GET', '/api/v1/portfolio')
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, Generic, List, Mapping, Optional, Tuple, TypeVar, Union
from urllib.parse import quote, urlencode, urlsplit

from . import models as m
from ._fields import loads
from .errors import TallyDecodeError, api_error

T = TypeVar("T")

API = "/api/v1"

#: How the API takes a decimal: a ``Decimal``, an ``int`` or decimal text. Never a ``float``.
DecimalInput = Union[Decimal, int, str]

#: A time for a query parameter: an aware ``datetime`` or ISO-8601 text.
TimeInput = Union[_dt.datetime, str]

#: A day for a query parameter: a ``date`` or ``YYYY-MM-DD`` text.
DateInput = Union[_dt.date, str]

USER_AGENT = "tally-client-python/0.1"


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request and the parser of its 2xx answer."""

    method: str
    path: str
    query: Tuple[Tuple[str, str], ...]
    body: Optional[Dict[str, Any]]
    parse: Callable[[Any], T]

    def target(self) -> str:
        """The path with its query string, as sent after the base URL's path."""
        if not self.query:
            return self.path
        return self.path + "?" + urlencode(self.query)

    def body_bytes(self) -> Optional[bytes]:
        if self.body is None:
            return None
        return json.dumps(self.body, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Base:
    """A server's base URL, split: ``http://127.0.0.1:8080`` or ``https://host/prefix``."""

    scheme: str
    host: str
    port: int
    prefix: str

    @classmethod
    def parse(cls, url: str) -> "Base":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("base_url must be http://host[:port][/prefix], got %r" % url)
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("base_url must not carry a query, a fragment or credentials")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return cls(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))

    def url(self, target: str) -> str:
        host = "[%s]" % self.host if ":" in self.host else self.host
        return "%s://%s:%d%s%s" % (self.scheme, host, self.port, self.prefix, target)

    def host_header(self) -> str:
        host = "[%s]" % self.host if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else "%s:%d" % (host, self.port)


def headers(token: Optional[str], call: Call[Any], accept: str = "application/json") -> Dict[str, str]:
    """The request headers: what is accepted, the JSON body's type, and the bearer token."""
    result = {
        "Accept": accept,
        "Accept-Encoding": "identity",
        "User-Agent": USER_AGENT,
    }
    if call.body is not None:
        result["Content-Type"] = "application/json"
    if token:
        result["Authorization"] = "Bearer " + token
    return result


def answer(call: Call[T], status: int, reason: str, content_type: str, body: bytes) -> T:
    """The parsed answer of a 2xx, else the :class:`~tally_client.TallyApiError` to raise."""
    if not 200 <= status < 300:
        raise api_error(status, reason, content_type, body, call.method, call.path)
    return call.parse(loads(body) if body.strip() else None)


def check_stream(status: int, reason: str, content_type: str, body: bytes, call: Call[Any]) -> None:
    """Raises unless the event stream's answer is a 2xx ``text/event-stream``."""
    if not 200 <= status < 300:
        raise api_error(status, reason, content_type, body, call.method, call.path)
    if "text/event-stream" not in content_type.lower():
        raise TallyDecodeError(
            "GET %s answered %r, not text/event-stream" % (call.path, content_type)
        )


# --- parameter encoding -------------------------------------------------------------------------


def decimal_text(value: DecimalInput, name: str) -> str:
    """A decimal for the API: plain text, never exponent notation; a float is refused, as its
    binary value is rarely the amount meant (``0.1`` is ``0.1000000000000000055...``)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(
            "%s: pass a Decimal, an int or decimal text, not %s (%r)"
            % (name, type(value).__name__, value)
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError("%s: not a decimal: %r" % (name, value)) from None
    if not isinstance(value, Decimal):
        raise TypeError("%s: pass a Decimal, an int or decimal text, not %r" % (name, value))
    if not value.is_finite():
        raise ValueError("%s: not a finite decimal: %r" % (name, value))
    return format(value, "f")


def time_text(value: TimeInput, name: str) -> str:
    """An instant for a query: an aware ``datetime`` in UTC with ``Z``, or text as given."""
    if isinstance(value, str):
        return value
    if not isinstance(value, _dt.datetime):
        raise TypeError("%s: pass a datetime or ISO-8601 text, not %r" % (name, value))
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("%s: the datetime must be timezone-aware (e.g. tzinfo=timezone.utc)" % name)
    return value.astimezone(_dt.timezone.utc).isoformat().replace("+00:00", "Z")


def date_text(value: DateInput, name: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise TypeError("%s: pass a date or YYYY-MM-DD text, not %r" % (name, value))
    return value.isoformat()


def _side(side: str) -> str:
    if side not in ("buy", "sell"):
        raise ValueError("side must be 'buy' or 'sell', got %r" % (side,))
    return side


def _query(**params: Any) -> Tuple[Tuple[str, str], ...]:
    pairs: List[Tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        pairs.append((key.rstrip("_"), str(value)))
    return tuple(pairs)


def _body(required: Mapping[str, Any], **optional: Any) -> Dict[str, Any]:
    body = dict(required)
    body.update({k: v for k, v in optional.items() if v is not None})
    return body


def _limit(limit: Optional[int]) -> Optional[int]:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError("limit must be a positive int, got %r" % (limit,))
    return limit


# --- the endpoints ------------------------------------------------------------------------------


def health() -> Call[m.Health]:
    return Call("GET", "/health", (), None, m.Health.from_json)


def portfolio(as_of: Optional[DateInput] = None) -> Call[m.Portfolio]:
    query = _query(as_of=None if as_of is None else date_text(as_of, "as_of"))
    return Call("GET", API + "/portfolio", query, None, m.Portfolio.from_json)


def allocation() -> Call[m.Allocation]:
    return Call("GET", API + "/portfolio/allocation", (), None, m.Allocation.from_json)


def positions() -> Call[m.Positions]:
    return Call("GET", API + "/portfolio/positions", (), None, m.Positions.from_json)


def position(pair: str) -> Call[m.Position]:
    if not isinstance(pair, str) or not pair.strip():
        raise ValueError("pair must be a pair name such as 'XBTUSD' or 'XBT/USD', got %r" % (pair,))
    # The slash of "XBT/USD" stays a slash: the server reads the rest of the path as the pair.
    path = API + "/portfolio/positions/" + quote(pair.strip(), safe="/")
    return Call("GET", path, (), None, m.Position.from_json)


def pnl(period: Optional[str] = None, include_manual: Optional[bool] = None) -> Call[m.PnlSummary]:
    query = _query(period=period, include_manual=include_manual)
    return Call("GET", API + "/portfolio/pnl", query, None, m.PnlSummary.from_json)


def performance(
    from_: Optional[DateInput] = None,
    to: Optional[DateInput] = None,
    benchmark: Optional[str] = None,
    daily: bool = True,
) -> Call[m.Performance]:
    query = _query(
        from_=None if from_ is None else date_text(from_, "from_"),
        to=None if to is None else date_text(to, "to"),
        benchmark=benchmark,
    )
    path = API + ("/portfolio/performance" if daily else "/portfolio/metrics")
    return Call("GET", path, query if daily else (), None, m.Performance.from_json)


def margin() -> Call[m.Margin]:
    return Call("GET", API + "/portfolio/margin", (), None, m.Margin.from_json)


def risk_events(
    since: Optional[TimeInput] = None, type: Optional[str] = None, limit: Optional[int] = None
) -> Call[m.RiskEvents]:
    query = _query(
        since=None if since is None else time_text(since, "since"), type=type, limit=_limit(limit)
    )
    return Call("GET", API + "/risk/events", query, None, m.RiskEvents.from_json)


def sync() -> Call[m.SyncResult]:
    return Call("POST", API + "/portfolio/sync", (), None, m.SyncResult.from_json)


def events() -> Call[None]:
    return Call("GET", API + "/events", (), None, _no_answer)


def _no_answer(_: Any) -> None:
    return None


def check_trade(
    pair: str,
    side: str,
    volume: DecimalInput,
    price: Optional[DecimalInput] = None,
    order_type: Optional[str] = None,
    leverage: Optional[DecimalInput] = None,
    stop_loss: Optional[DecimalInput] = None,
    strategy: Optional[str] = None,
    client_order_id: Optional[str] = None,
    reserve: Optional[bool] = None,
) -> Call[m.RiskCheck]:
    body = _body(
        {"pair": pair, "side": _side(side), "volume": decimal_text(volume, "volume")},
        price=None if price is None else decimal_text(price, "price"),
        order_type=order_type,
        leverage=None if leverage is None else decimal_text(leverage, "leverage"),
        stop_loss=None if stop_loss is None else decimal_text(stop_loss, "stop_loss"),
        strategy=strategy,
        client_order_id=client_order_id,
        reserve=None if reserve is None else bool(reserve),
    )
    return Call("POST", API + "/risk/check", (), body, m.RiskCheck.from_json)


def size(
    pair: str,
    side: str,
    entry: DecimalInput,
    stop: DecimalInput,
    risk_pct: DecimalInput,
    leverage: Optional[DecimalInput] = None,
    strategy: Optional[str] = None,
) -> Call[m.PositionSize]:
    body = _body(
        {
            "pair": pair,
            "side": _side(side),
            "entry": decimal_text(entry, "entry"),
            "stop": decimal_text(stop, "stop"),
            "risk_pct": decimal_text(risk_pct, "risk_pct"),
        },
        leverage=None if leverage is None else decimal_text(leverage, "leverage"),
        strategy=strategy,
    )
    return Call("POST", API + "/risk/size", (), body, m.PositionSize.from_json)


def risk_status() -> Call[m.RiskStatus]:
    return Call("GET", API + "/risk", (), None, m.RiskStatus.from_json)


def set_trading_state(state: str, reason: str) -> Call[m.TradingStateChange]:
    if not isinstance(state, str) or not state:
        raise ValueError("state must be one of %s, got %r" % (", ".join(m.TRADING_STATES), state))
    body = {"state": state, "reason": reason}
    return Call("POST", API + "/risk/state", (), body, m.TradingStateChange.from_json)


# --- what both clients share --------------------------------------------------------------------


class ClientBase:
    """The settings both clients keep: the server, the token, the timeouts. The token is never
    shown (``repr`` says ``token=***``) and never enters an error message."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8080",
        token: Optional[str] = None,
        timeout: float = 10.0,
        stream_timeout: Optional[float] = 60.0,
    ) -> None:
        if timeout is None or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds, got %r" % (timeout,))
        if stream_timeout is not None and stream_timeout <= 0:
            raise ValueError("stream_timeout must be positive or None, got %r" % (stream_timeout,))
        if token is not None and (
            not isinstance(token, str) or not token.isascii() or any(c in token for c in "\r\n")
        ):
            raise ValueError("token must be ASCII text on one line")
        self._base = Base.parse(base_url)
        self._token = token or None
        self.timeout = float(timeout)
        self.stream_timeout = None if stream_timeout is None else float(stream_timeout)

    @property
    def base_url(self) -> str:
        """The server's base URL, such as ``http://127.0.0.1:8080``."""
        return self._base.url("")

    def __repr__(self) -> str:
        return "%s(%r, token=%s, timeout=%r)" % (
            type(self).__name__,
            self.base_url,
            "***" if self._token else "None",
            self.timeout,
        )
