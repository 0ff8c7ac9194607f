"""The synchronous client, on ``urllib.request``."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from typing import Any, Iterator, List, Optional

from . import _api
from . import models as m
from ._api import DateInput, DecimalInput, TimeInput
from ._sse import SseDecoder
from .errors import TallyConnectionError, TallyTimeoutError

__all__ = ["TallyClient", "EventStream"]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as the error it is for this API, and never carries the token on."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _opener() -> urllib.request.OpenerDirector:
    # No proxy from the environment: Tally serves on loopback, as the asyncio client connects.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


class TallyClient(_api.ClientBase):
    """Tally's HTTP API, synchronously: each method is one request and returns a frozen dataclass
    (amounts as ``Decimal``). Thread-safe: it keeps no connection between calls.

    ``token``, when given, is sent as ``Authorization: Bearer <token>`` (for a Tally behind a
    proxy that checks one; ``tally serve`` itself binds to loopback and checks none). ``timeout``
    bounds each request; ``stream_timeout`` is how long the event stream may stay silent (the
    server pings every 15 s) before :meth:`events` raises :class:`TallyTimeoutError`.

    Example::

        client = TallyClient("http://127.0.0.1:8080")
        p = client.portfolio()
        print(p.equity_base, p.drift_flag)
        for event in client.events():
            print(type(event).__name__, event)
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8080",
        token: Optional[str] = None,
        timeout: float = 10.0,
        stream_timeout: Optional[float] = 60.0,
    ) -> None:
        super().__init__(base_url, token, timeout, stream_timeout)
        self._opener = _opener()

    # --- sending ---

    def _open(self, call: _api.Call[Any], accept: str, timeout: Optional[float]) -> Any:
        """The open response to ``call``: an ``http.client.HTTPResponse``, or the ``HTTPError``
        of a non-2xx (whose body is still to read)."""
        request = urllib.request.Request(
            self._base.url(call.target()),
            data=call.body_bytes(),
            headers=_api.headers(self._token, call, accept),
            method=call.method,
        )
        if call.method == "POST" and call.body is None:
            request.data = b""
        try:
            return self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as e:
            return e
        except urllib.error.URLError as e:
            if isinstance(e.reason, socket.timeout):
                raise _timeout(call, timeout) from e
            raise TallyConnectionError(
                "%s %s: cannot reach %s: %s" % (call.method, call.path, self.base_url, e.reason)
            ) from e
        except socket.timeout as e:
            raise _timeout(call, timeout) from e
        except (http.client.HTTPException, OSError) as e:
            raise TallyConnectionError(
                "%s %s: %s: %s" % (call.method, call.path, type(e).__name__, e)
            ) from e

    def _send(self, call: _api.Call[_api.T]) -> _api.T:
        response = self._open(call, "application/json", self.timeout)
        try:
            body = response.read()
        except socket.timeout as e:
            raise _timeout(call, self.timeout) from e
        except (http.client.HTTPException, OSError) as e:
            raise TallyConnectionError(
                "%s %s: the answer broke off: %s" % (call.method, call.path, e)
            ) from e
        finally:
            response.close()
        return _api.answer(
            call,
            response.status if hasattr(response, "status") else response.code,
            str(response.reason or ""),
            response.headers.get("Content-Type", ""),
            body,
        )

    # --- the API ---

    def health(self) -> m.Health:
        """``GET /health``: store, last sync and price age; ``status`` is ``ok`` or ``degraded``."""
        return self._send(_api.health())

    def portfolio(self, as_of: Optional[DateInput] = None) -> m.Portfolio:
        """``GET /api/v1/portfolio``: equity, cash, PnL, flags, drawdowns and holdings; with
        ``as_of`` (a ``date``), the books at the end of that day."""
        return self._send(_api.portfolio(as_of))

    def allocation(self) -> m.Allocation:
        """``GET /api/v1/portfolio/allocation``: each asset's amount, value and % of equity."""
        return self._send(_api.allocation())

    exposure = allocation

    def positions(self) -> m.Positions:
        """``GET /api/v1/portfolio/positions``: every pair position and the non-pair remainder."""
        return self._send(_api.positions())

    def position(self, pair: str) -> m.Position:
        """``GET /api/v1/portfolio/positions/{pair}`` (``XBTUSD``, ``XBT/USD`` or ``BTC/USD``);
        :class:`NotFound` when the books have no trades in that pair."""
        return self._send(_api.position(pair))

    def pnl(
        self, period: Optional[str] = None, include_manual: Optional[bool] = None
    ) -> m.PnlSummary:
        """``GET /api/v1/portfolio/pnl``: ``period`` is ``all`` (default), ``24h``, ``7d``,
        ``30d`` or ``ytd``; ``include_manual`` defaults to the server's configuration."""
        return self._send(_api.pnl(period, include_manual))

    def performance(
        self,
        from_: Optional[DateInput] = None,
        to: Optional[DateInput] = None,
        benchmark: Optional[str] = None,
    ) -> m.Performance:
        """``GET /api/v1/portfolio/performance`` over the days ``from_`` to ``to`` (default: the
        whole history), compared with holding ``benchmark`` (default: the server's, XBT)."""
        return self._send(_api.performance(from_, to, benchmark))

    def metrics(self) -> m.Performance:
        """``GET /api/v1/portfolio/metrics``: the performance of the whole history, no ``daily``."""
        return self._send(_api.performance(daily=False))

    def margin(self) -> m.Margin:
        """``GET /api/v1/portfolio/margin``: margin used, free margin, level, open positions."""
        return self._send(_api.margin())

    def risk_events(
        self,
        since: Optional[TimeInput] = None,
        type: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> m.RiskEvents:
        """``GET /api/v1/risk/events``: stored risk events at or after ``since`` (an aware
        ``datetime``), of ``type`` when given, newest first, at most ``limit`` (server: 100)."""
        return self._send(_api.risk_events(since, type, limit))

    def sync(self) -> m.SyncResult:
        """``POST /api/v1/portfolio/sync``: sync with Kraken now; :class:`Conflict` when the
        server has no Kraken keys."""
        return self._send(_api.sync())

    def check_trade(
        self,
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
    ) -> m.RiskCheck:
        """``POST /api/v1/risk/check``: whether an order passes the risk rules before it is
        placed. Decimals as ``Decimal``, ``int`` or text (a ``float`` is refused)."""
        return self._send(
            _api.check_trade(
                pair, side, volume, price, order_type, leverage, stop_loss, strategy,
                client_order_id, reserve,
            )
        )

    def size_position(
        self,
        pair: str,
        side: str,
        entry: DecimalInput,
        stop: DecimalInput,
        risk_pct: DecimalInput,
        leverage: Optional[DecimalInput] = None,
        strategy: Optional[str] = None,
    ) -> m.PositionSize:
        """``POST /api/v1/risk/size``: the volume risking ``risk_pct`` % of equity between
        ``entry`` and ``stop``; :class:`BadRequest` when the stop is on the wrong side."""
        return self._send(_api.size(pair, side, entry, stop, risk_pct, leverage, strategy))

    def risk_status(self) -> m.RiskStatus:
        """``GET /api/v1/risk``: trading state, limits and their use, drawdowns, concentration."""
        return self._send(_api.risk_status())

    def set_trading_state(self, state: str, reason: str) -> m.TradingStateChange:
        """``POST /api/v1/risk/state``: set ``ACTIVE``, ``REDUCING`` or ``HALTED``, saying why."""
        return self._send(_api.set_trading_state(state, reason))

    def events(self, stream_timeout: Optional[float] = None) -> "EventStream":
        """``GET /api/v1/events``: an iterator of typed events (:class:`RiskEvent`,
        :class:`ExternalActivity`, :class:`DriftChange`, :class:`SyncResult`, or
        :class:`UnknownEvent` for a name added later). Use it in a ``with`` block (which connects
        at once) or just iterate (which connects on the first ``next``). It ends when the server
        closes the stream; nothing is replayed, so after a reconnect read :meth:`risk_events`."""
        return EventStream(self, stream_timeout or self.stream_timeout)


class EventStream:
    """The server-sent events of ``GET /api/v1/events``, as a blocking iterator.

    Example::

        with client.events() as stream:
            client.sync()
            for event in stream:
                if isinstance(event, SyncResult):
                    break
    """

    def __init__(self, client: TallyClient, stream_timeout: Optional[float]) -> None:
        self._client = client
        self._timeout = stream_timeout
        self._call = _api.events()
        self._response: Any = None
        self._decoder = SseDecoder()
        self._pending: List[m.StreamEvent] = []
        self._closed = False

    def open(self) -> "EventStream":
        """Connects and checks the answer (idempotent): once it returns, events are delivered."""
        if self._response is not None or self._closed:
            return self
        call = self._call
        response = self._client._open(call, "text/event-stream", self._timeout)
        status = response.status if hasattr(response, "status") else response.code
        content_type = response.headers.get("Content-Type", "")
        if not 200 <= status < 300 or "text/event-stream" not in content_type.lower():
            try:
                body = response.read()
            except (OSError, http.client.HTTPException):
                body = b""
            finally:
                response.close()
            _api.check_stream(status, str(response.reason or ""), content_type, body, call)
        self._response = response
        return self

    def __iter__(self) -> Iterator[m.StreamEvent]:
        return self

    def __next__(self) -> m.StreamEvent:
        self.open()
        while not self._pending:
            if self._closed:
                raise StopIteration
            try:
                piece = self._response.read1(65536)
            except socket.timeout as e:
                self.close()
                raise _timeout(self._call, self._timeout, "the event stream was silent") from e
            except (OSError, http.client.HTTPException, ValueError) as e:
                if self._closed:
                    raise StopIteration from None
                self.close()
                raise TallyConnectionError("GET %s: the stream broke off: %s" % (self._call.path, e)) from e
            if not piece:
                self.close()
                raise StopIteration
            for message in self._decoder.feed(piece):
                self._pending.append(m.parse_event(message.event, message.data))
        return self._pending.pop(0)

    def close(self) -> None:
        """Disconnects; iteration then ends."""
        self._closed = True
        if self._response is not None:
            self._response.close()

    def __enter__(self) -> "EventStream":
        return self.open()

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _timeout(call: _api.Call[Any], seconds: Optional[float], what: str = "no answer") -> TallyTimeoutError:
    return TallyTimeoutError("%s %s: %s within %s s" % (call.method, call.path, what, seconds))
