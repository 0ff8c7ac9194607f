"""The asyncio client: HTTP/1.1 over ``asyncio.open_connection``, no thread in between."""

from __future__ import annotations

import asyncio
import ssl as _ssl
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple

from . import _api
from . import models as m
from ._api import DateInput, DecimalInput, TimeInput
from ._sse import SseDecoder
from .errors import TallyConnectionError, TallyTimeoutError

__all__ = ["AsyncTallyClient", "AsyncEventStream"]

_PIECE = 65536
_MAX_ERROR_BODY = 1 << 20


class _Broken(Exception):
    """The server broke HTTP/1.1 (a bad status line, chunk size, or an answer cut short)."""


class _Head:
    """A response's status line and headers (names lower-cased, repeated ones joined)."""

    def __init__(self, status: int, reason: str, headers: Dict[str, str]) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


async def _read_line(reader: asyncio.StreamReader) -> bytes:
    line = await reader.readline()
    if not line.endswith(b"\n"):
        raise _Broken("the connection closed in the middle of the answer's head")
    return line.rstrip(b"\r\n")


async def _read_head(reader: asyncio.StreamReader) -> _Head:
    while True:
        status_line = await _read_line(reader)
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise _Broken("not an HTTP/1.x status line: %r" % status_line[:100])
        status = int(parts[1])
        headers: Dict[str, str] = {}
        while True:
            line = await _read_line(reader)
            if not line:
                break
            name, sep, value = line.decode("latin-1").partition(":")
            if not sep:
                raise _Broken("not a header line: %r" % line[:100])
            key = name.strip().lower()
            value = value.strip()
            headers[key] = headers[key] + ", " + value if key in headers else value
        if 100 <= status < 200 and status != 101:
            continue  # an interim answer (100 Continue): the real one follows
        return _Head(status, parts[2] if len(parts) > 2 else "", headers)


async def _body_pieces(
    reader: asyncio.StreamReader, head: _Head, method: str
) -> AsyncIterator[bytes]:
    """The body's bytes as they arrive, framed as HTTP/1.1 says: chunked, ``Content-Length``, or
    up to the end of the connection. The one place the async client reads a body."""
    if method == "HEAD" or head.status in (204, 304):
        return
    if "chunked" in head.headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await _read_line(reader)
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _Broken("not a chunk size: %r" % size_line[:100]) from None
            if size == 0:
                while await _read_line(reader):  # trailers, up to the blank line
                    pass
                return
            left = size
            while left:
                piece = await reader.read(min(left, _PIECE))
                if not piece:
                    raise _Broken("the connection closed in the middle of a chunk")
                left -= len(piece)
                yield piece
            if await _read_line(reader):
                raise _Broken("a chunk did not end with CRLF")
        return
    length = head.headers.get("content-length")
    if length is not None:
        try:
            left = int(length.split(",")[0].strip())
        except ValueError:
            raise _Broken("not a Content-Length: %r" % length) from None
        while left > 0:
            piece = await reader.read(min(left, _PIECE))
            if not piece:
                raise _Broken("the connection closed %d bytes before the end of the answer" % left)
            left -= len(piece)
            yield piece
        return
    while True:
        piece = await reader.read(_PIECE)
        if not piece:
            return
        yield piece


class _Exchange:
    """One request on its own connection (``Connection: close``): connect, send, read the head."""

    def __init__(self, client: "AsyncTallyClient", call: _api.Call[Any], accept: str) -> None:
        self.client = client
        self.call = call
        self.accept = accept
        self.reader: Optional[asyncio.StreamReader] = None
        self.writer: Optional[asyncio.StreamWriter] = None

    async def start(self) -> _Head:
        base = self.client._base
        context = None
        if base.scheme == "https":
            context = self.client._ssl_context or _ssl.create_default_context()
        self.reader, self.writer = await asyncio.open_connection(
            base.host, base.port, ssl=context, limit=_PIECE
        )
        call = self.call
        body = call.body_bytes()
        if body is None and call.method in ("POST", "PUT", "PATCH"):
            body = b""
        lines = [
            "%s %s%s HTTP/1.1" % (call.method, base.prefix, call.target()),
            "Host: " + base.host_header(),
            "Connection: close",
        ]
        for name, value in _api.headers(self.client._token, call, self.accept).items():
            lines.append("%s: %s" % (name, value))
        if body is not None:
            lines.append("Content-Length: %d" % len(body))
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        await self.writer.drain()
        return await _read_head(self.reader)

    def pieces(self, head: _Head) -> AsyncIterator[bytes]:
        assert self.reader is not None
        return _body_pieces(self.reader, head, self.call.method)

    async def read_body(self, head: _Head, limit: Optional[int] = None) -> bytes:
        parts: List[bytes] = []
        size = 0
        async for piece in self.pieces(head):
            parts.append(piece)
            size += len(piece)
            if limit is not None and size >= limit:
                break
        return b"".join(parts)

    async def close(self) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except (OSError, _ssl.SSLError):
                pass


def _failure(call: _api.Call[Any], base_url: str, error: BaseException) -> TallyConnectionError:
    """The error to raise for what went wrong below HTTP's answers."""
    if isinstance(error, _Broken):
        return TallyConnectionError("%s %s: %s" % (call.method, call.path, error))
    if isinstance(error, (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError)):
        return TallyConnectionError("%s %s: a broken answer: %s" % (call.method, call.path, error))
    return TallyConnectionError(
        "%s %s: cannot reach %s: %s: %s"
        % (call.method, call.path, base_url, type(error).__name__, error)
    )


_NETWORK_ERRORS: Tuple[type, ...] = (
    OSError,
    _Broken,
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    ValueError,
)


class AsyncTallyClient(_api.ClientBase):
    """Tally's HTTP API for asyncio: the same methods as :class:`~tally_client.TallyClient`, as
    coroutines, on ``asyncio.open_connection`` (HTTP/1.1, one connection per request, answers
    framed by ``Content-Length``, chunked or by the connection's end). Safe to share between
    tasks of one event loop.

    Example::

        async def main() -> None:
            client = AsyncTallyClient("http://127.0.0.1:8080")
            check = await client.check_trade("XBTUSD", "buy", Decimal("0.5"))
            if check.passed:
                ...  # place the order
            async with client.events() as stream:
                async for event in stream:
                    print(event)

        asyncio.run(main())
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8080",
        token: Optional[str] = None,
        timeout: float = 10.0,
        stream_timeout: Optional[float] = 60.0,
        ssl_context: Optional[_ssl.SSLContext] = None,
    ) -> None:
        super().__init__(base_url, token, timeout, stream_timeout)
        self._ssl_context = ssl_context

    async def _send(self, call: _api.Call[_api.T]) -> _api.T:
        exchange = _Exchange(self, call, "application/json")

        async def run() -> Tuple[_Head, bytes]:
            head = await exchange.start()
            return head, await exchange.read_body(head)

        try:
            head, body = await asyncio.wait_for(run(), self.timeout)
        except asyncio.TimeoutError as e:
            raise TallyTimeoutError(
                "%s %s: no answer within %s s" % (call.method, call.path, self.timeout)
            ) from e
        except _NETWORK_ERRORS as e:
            raise _failure(call, self.base_url, e) from e
        finally:
            await exchange.close()
        return _api.answer(call, head.status, head.reason, head.content_type, body)

    # --- the API (see TallyClient for each method's description) ---

    async def health(self) -> m.Health:
        """``GET /health``."""
        return await self._send(_api.health())

    async def portfolio(self, as_of: Optional[DateInput] = None) -> m.Portfolio:
        """``GET /api/v1/portfolio``."""
        return await self._send(_api.portfolio(as_of))

    async def allocation(self) -> m.Allocation:
        """``GET /api/v1/portfolio/allocation``."""
        return await self._send(_api.allocation())

    exposure = allocation

    async def positions(self) -> m.Positions:
        """``GET /api/v1/portfolio/positions``."""
        return await self._send(_api.positions())

    async def position(self, pair: str) -> m.Position:
        """``GET /api/v1/portfolio/positions/{pair}``."""
        return await self._send(_api.position(pair))

    async def pnl(
        self, period: Optional[str] = None, include_manual: Optional[bool] = None
    ) -> m.PnlSummary:
        """``GET /api/v1/portfolio/pnl``."""
        return await self._send(_api.pnl(period, include_manual))

    async def performance(
        self,
        from_: Optional[DateInput] = None,
        to: Optional[DateInput] = None,
        benchmark: Optional[str] = None,
    ) -> m.Performance:
        """``GET /api/v1/portfolio/performance``."""
        return await self._send(_api.performance(from_, to, benchmark))

    async def metrics(self) -> m.Performance:
        """``GET /api/v1/portfolio/metrics``."""
        return await self._send(_api.performance(daily=False))

    async def margin(self) -> m.Margin:
        """``GET /api/v1/portfolio/margin``."""
        return await self._send(_api.margin())

    async def risk_events(
        self,
        since: Optional[TimeInput] = None,
        type: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> m.RiskEvents:
        """``GET /api/v1/risk/events``."""
        return await self._send(_api.risk_events(since, type, limit))

    async def sync(self) -> m.SyncResult:
        """``POST /api/v1/portfolio/sync``."""
        return await self._send(_api.sync())

    async def check_trade(
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
        """``POST /api/v1/risk/check``."""
        return await self._send(
            _api.check_trade(
                pair, side, volume, price, order_type, leverage, stop_loss, strategy,
                client_order_id, reserve,
            )
        )

    async def size_position(
        self,
        pair: str,
        side: str,
        entry: DecimalInput,
        stop: DecimalInput,
        risk_pct: DecimalInput,
        leverage: Optional[DecimalInput] = None,
        strategy: Optional[str] = None,
    ) -> m.PositionSize:
        """``POST /api/v1/risk/size``."""
        return await self._send(_api.size(pair, side, entry, stop, risk_pct, leverage, strategy))

    async def risk_status(self) -> m.RiskStatus:
        """``GET /api/v1/risk``."""
        return await self._send(_api.risk_status())

    async def set_trading_state(self, state: str, reason: str) -> m.TradingStateChange:
        """``POST /api/v1/risk/state``."""
        return await self._send(_api.set_trading_state(state, reason))

    def events(self, stream_timeout: Optional[float] = None) -> "AsyncEventStream":
        """``GET /api/v1/events`` as an async iterator of typed events; ``async with`` connects
        at once, ``async for`` alone connects on the first event asked for."""
        return AsyncEventStream(self, stream_timeout or self.stream_timeout)


class AsyncEventStream:
    """The server-sent events of ``GET /api/v1/events``, as an async iterator.

    Example::

        async with client.events() as stream:
            await client.sync()
            async for event in stream:
                if isinstance(event, SyncResult):
                    break
    """

    def __init__(self, client: AsyncTallyClient, stream_timeout: Optional[float]) -> None:
        self._client = client
        self._timeout = stream_timeout
        self._call = _api.events()
        self._exchange: Optional[_Exchange] = None
        self._pieces: Optional[AsyncIterator[bytes]] = None
        self._decoder = SseDecoder()
        self._pending: List[m.StreamEvent] = []
        self._closed = False

    async def open(self) -> "AsyncEventStream":
        """Connects and checks the answer (idempotent): once it returns, events are delivered."""
        if self._exchange is not None or self._closed:
            return self
        call = self._call
        exchange = _Exchange(self._client, call, "text/event-stream")
        self._exchange = exchange
        body = None
        try:
            head = await asyncio.wait_for(exchange.start(), self._client.timeout)
            if not 200 <= head.status < 300 or "text/event-stream" not in head.content_type.lower():
                body = await asyncio.wait_for(
                    exchange.read_body(head, _MAX_ERROR_BODY), self._client.timeout
                )
        except asyncio.TimeoutError as e:
            await self.aclose()
            raise TallyTimeoutError(
                "GET %s: no answer within %s s" % (call.path, self._client.timeout)
            ) from e
        except _NETWORK_ERRORS as e:
            await self.aclose()
            raise _failure(call, self._client.base_url, e) from e
        except BaseException:
            await self.aclose()
            raise
        if body is not None:
            await self.aclose()
            _api.check_stream(head.status, head.reason, head.content_type, body, call)
        self._pieces = exchange.pieces(head)
        return self

    def __aiter__(self) -> "AsyncEventStream":
        return self

    async def __anext__(self) -> m.StreamEvent:
        await self.open()
        while not self._pending:
            if self._closed or self._pieces is None:
                raise StopAsyncIteration
            try:
                piece = await asyncio.wait_for(self._pieces.__anext__(), self._timeout)
            except StopAsyncIteration:
                await self.aclose()
                raise
            except asyncio.TimeoutError as e:
                await self.aclose()
                raise TallyTimeoutError(
                    "GET %s: the event stream was silent for %s s" % (self._call.path, self._timeout)
                ) from e
            except _NETWORK_ERRORS as e:
                if self._closed:
                    raise StopAsyncIteration from None
                await self.aclose()
                raise _failure(self._call, self._client.base_url, e) from e
            for message in self._decoder.feed(piece):
                self._pending.append(m.parse_event(message.event, message.data))
        return self._pending.pop(0)

    async def aclose(self) -> None:
        """Disconnects; iteration then ends."""
        self._closed = True
        pieces, self._pieces = self._pieces, None
        if pieces is not None:
            try:
                await pieces.aclose()  # type: ignore[attr-defined]
            except (RuntimeError, *_NETWORK_ERRORS):
                pass
        if self._exchange is not None:
            await self._exchange.close()

    async def __aenter__(self) -> "AsyncEventStream":
        return await self.open()

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()
