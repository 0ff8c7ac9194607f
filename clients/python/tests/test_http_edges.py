"""HTTP edge cases a real Tally rarely or never produces, on a tiny local server that writes its
answers byte by byte: chunked and close-delimited bodies, problem documents, broken answers,
silence, refused connections, redirects, the bearer token. Each runs on both clients."""

from __future__ import annotations

import asyncio
import json
import time
from decimal import Decimal
from typing import Any

import pytest

from helpers import Local, chunked, raw, refused_url
from tally_client import (
    AsyncTallyClient,
    BadRequest,
    Conflict,
    Health,
    NotFound,
    ServerError,
    SyncResult,
    TallyApiError,
    TallyClient,
    TallyConnectionError,
    TallyDecodeError,
    TallyTimeoutError,
    UnknownEvent,
)

HEALTH = (
    b'{"status":"ok","store":"ok","last_sync_at":"2026-12-04T01:00:00Z","last_sync_error":null,'
    b'"oldest_price_at":null,"price_age_seconds":3,"stale":false,"extra":[1.5]}'
)


def both(url: str, method: str, *args: Any) -> list:
    """``method`` called on a sync and on an async client of ``url``: each result, or its error."""
    sync = TallyClient(url, token=TOKEN, timeout=TIMEOUT)
    asyn = AsyncTallyClient(url, token=TOKEN, timeout=TIMEOUT)
    results: list = []
    for run in (
        lambda: getattr(sync, method)(*args),
        lambda: asyncio.run(getattr(asyn, method)(*args)),
    ):
        try:
            results.append(run())
        except Exception as e:  # noqa: BLE001 - the test looks at which error it is
            results.append(e)
    return results


TOKEN = "s3cret-token"
TIMEOUT = 2.0


def answer_with(local: Local, path: str, data: bytes) -> None:
    local.routes[path] = lambda handler: raw(handler, data)


def test_a_chunked_answer(local: Local) -> None:
    body = chunked(HEALTH[:10], HEALTH[10:11], HEALTH[11:])
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body)
    for result in both(local.url, "health"):
        assert isinstance(result, Health), result
        assert result.price_age_seconds == 3 and result.raw["extra"] == [Decimal("1.5")]


def test_an_answer_framed_by_content_length_and_one_ended_by_the_connection(local: Local) -> None:
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(HEALTH), HEALTH))
    assert all(isinstance(r, Health) for r in both(local.url, "health"))
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Connection: close\r\n\r\n" + HEALTH)
    assert all(isinstance(r, Health) for r in both(local.url, "health"))


def test_an_interim_100_continue_is_skipped(local: Local) -> None:
    answer_with(local, "/health", b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
                b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(HEALTH), HEALTH))
    assert all(isinstance(r, Health) for r in both(local.url, "health"))


def problem(status: int, reason: str, doc: dict) -> bytes:
    body = json.dumps(doc).encode()
    return b"HTTP/1.1 %d %s\r\nContent-Type: application/problem+json\r\nContent-Length: %d\r\n\r\n%s" % (
        status, reason.encode(), len(body), body)


@pytest.mark.parametrize(
    "status, cls",
    [(400, BadRequest), (404, NotFound), (409, Conflict), (422, TallyApiError), (500, ServerError)],
)
def test_a_problem_document_becomes_the_error_of_its_status(local: Local, status: int, cls: type) -> None:
    doc = {
        "type": "https://tally.example/problems/limit", "title": "Some Title", "status": status,
        "detail": "parameter 'period' must be all, 24h, 7d, 30d or ytd, got 'x'",
        "instance": "/api/v1/portfolio/pnl", "limit": "6", "errors": [{"field": "period"}],
    }
    answer_with(local, "/api/v1/portfolio/pnl", problem(status, "Whatever", doc))
    for error in both(local.url, "pnl", "x"):
        assert type(error) is cls, error
        assert (error.status, error.title, error.type) == (status, "Some Title", doc["type"])
        assert error.detail == doc["detail"] and error.instance == "/api/v1/portfolio/pnl"
        assert error.extra == {"limit": "6", "errors": [{"field": "period"}]}
        assert error.problem == doc
        assert (error.method, error.path) == ("GET", "/api/v1/portfolio/pnl")
        assert str(error) == "%d Some Title: %s (GET /api/v1/portfolio/pnl)" % (status, doc["detail"])
        assert TOKEN not in str(error) and TOKEN not in repr(error.__dict__)


def test_an_error_that_is_not_a_problem_document(local: Local) -> None:
    html = b"<html><body>bad gateway</body></html>"
    answer_with(local, "/api/v1/portfolio", b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(html), html))
    for error in both(local.url, "portfolio"):
        assert isinstance(error, ServerError), error
        assert (error.status, error.title, error.detail) == (502, "Bad Gateway", html.decode())
        assert error.extra == {} and error.body == html.decode()


def test_a_2xx_that_is_not_json_is_a_decode_error(local: Local) -> None:
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
    for error in both(local.url, "health"):
        assert isinstance(error, TallyDecodeError) and "not JSON" in str(error), error


def test_a_refused_connection() -> None:
    for error in both(refused_url(), "portfolio"):
        assert isinstance(error, TallyConnectionError) and not isinstance(error, TallyTimeoutError), error
        assert "GET /api/v1/portfolio" in str(error)


def test_a_server_that_never_answers_times_out(local: Local) -> None:
    local.routes["/api/v1/portfolio"] = lambda handler: local.release.wait(10)
    started = time.monotonic()
    for error in both(local.url, "portfolio"):
        assert isinstance(error, TallyTimeoutError), error
        assert "no answer within 2.0 s" in str(error)
    assert time.monotonic() - started < 2 * TIMEOUT + 2


def test_an_answer_cut_short(local: Local) -> None:
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: 500\r\n\r\n" + HEALTH[:20])
    for error in both(local.url, "health"):
        assert isinstance(error, TallyConnectionError), error
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
    for error in both(local.url, "health"):
        assert isinstance(error, TallyConnectionError), error


def test_the_token_is_sent_as_a_bearer_header_by_both_clients(local: Local) -> None:
    answer_with(local, "/health", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(HEALTH), HEALTH))
    both(local.url, "health")
    assert [s["authorization"] for s in local.seen] == ["Bearer " + TOKEN] * 2
    assert [s["accept"] for s in local.seen] == ["application/json"] * 2


def test_a_post_sends_its_json_body(local: Local) -> None:
    body = b'{"new_trades_count":1,"new_ledger_rows":2,"updated_pairs":[],"cash_flows_added":0,"drift_detected":false}'
    answer_with(local, "/api/v1/risk/check", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: 2\r\n\r\n{}")
    answer_with(local, "/api/v1/portfolio/sync", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    for error in both(local.url, "check_trade", "XBTUSD", "buy", "0.5"):
        assert isinstance(error, TallyDecodeError) and "risk_check.passed: missing" in str(error)
    sent = [s for s in local.seen if s["path"] == "/api/v1/risk/check"]
    assert [json.loads(s["body"]) for s in sent] == [{"pair": "XBTUSD", "side": "buy", "volume": "0.5"}] * 2
    assert [s["content-type"] for s in sent] == ["application/json"] * 2
    for result in both(local.url, "sync"):
        assert result == SyncResult(1, 2, (), 0, False, None, None, None)


def test_a_redirect_is_not_followed_and_the_token_goes_nowhere_else(local: Local) -> None:
    elsewhere = Local()
    try:
        answer_with(local, "/health", b"HTTP/1.1 302 Found\r\nLocation: %s/health\r\n"
                    b"Content-Length: 0\r\n\r\n" % elsewhere.url.encode())
        for error in both(local.url, "health"):
            assert isinstance(error, TallyApiError) and error.status == 302, error
        assert elsewhere.seen == []
    finally:
        elsewhere.close()


# --- the event stream ------------------------------------------------------------------------------

SSE_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream;charset=utf-8\r\n"


def stream_route(local: Local, framing: str) -> None:
    pieces = [
        b": connected\n\n",
        b"event: sync\ndata: {\"new_trades_count\":0,\"new_ledger_rows\":0,\"updated_pairs\":[],",
        b"\"cash_flows_added\":0,\"drift_detected\":false}\n\n: ping\n\nevent: future\r\n",
        b"data: {\"x\":1}\r\n\r\n",
    ]

    def route(handler: Any) -> None:
        if framing == "chunked":
            raw(handler, SSE_HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
            for piece in pieces:
                raw(handler, b"%x\r\n%s\r\n" % (len(piece), piece))
                time.sleep(0.05)
            raw(handler, b"0\r\n\r\n")
        else:
            raw(handler, SSE_HEAD + b"Connection: close\r\n\r\n")
            for piece in pieces:
                raw(handler, piece)
                time.sleep(0.05)

    local.routes["/api/v1/events"] = route


@pytest.mark.parametrize("framing", ["chunked", "close"])
def test_the_event_stream_yields_typed_events_until_the_server_ends_it(local: Local, framing: str) -> None:
    stream_route(local, framing)
    with TallyClient(local.url, timeout=TIMEOUT).events() as stream:
        events = list(stream)

    async def read() -> list:
        async with AsyncTallyClient(local.url, timeout=TIMEOUT).events() as stream:
            return [event async for event in stream]

    for got in (events, asyncio.run(read())):
        assert got == [SyncResult(0, 0, (), 0, False, None, None, None), UnknownEvent("future", {"x": 1})]
    assert [s["accept"] for s in local.seen] == ["text/event-stream"] * 2


def test_a_silent_event_stream_times_out(local: Local) -> None:
    def route(handler: Any) -> None:
        raw(handler, SSE_HEAD + b"Connection: close\r\n\r\n: connected\n\n")
        local.release.wait(10)

    local.routes["/api/v1/events"] = route
    with pytest.raises(TallyTimeoutError, match="silent"):
        next(iter(TallyClient(local.url).events(stream_timeout=0.5)))

    async def read() -> None:
        async for _ in AsyncTallyClient(local.url).events(stream_timeout=0.5):
            pass

    with pytest.raises(TallyTimeoutError, match="silent"):
        asyncio.run(read())


def test_an_event_stream_refused_with_a_problem(local: Local) -> None:
    answer_with(local, "/api/v1/events", problem(404, "Not Found", {"type": "about:blank", "title": "Not Found",
                                                                    "status": 404, "detail": "no such endpoint"}))
    with pytest.raises(NotFound, match="no such endpoint"):
        TallyClient(local.url).events().open()

    async def open_it() -> None:
        await AsyncTallyClient(local.url).events().open()

    with pytest.raises(NotFound, match="no such endpoint"):
        asyncio.run(open_it())


def test_an_event_stream_answered_with_json_is_refused(local: Local) -> None:
    answer_with(local, "/api/v1/events", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: 2\r\n\r\n{}")
    with pytest.raises(TallyDecodeError, match="not text/event-stream"):
        TallyClient(local.url).events().open()

    async def open_it() -> None:
        await AsyncTallyClient(local.url).events().open()

    with pytest.raises(TallyDecodeError, match="not text/event-stream"):
        asyncio.run(open_it())

