"""What the clients send (paths, queries, bodies), the event-stream decoder, and that both clients
offer the same API."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tally_client import AsyncTallyClient, TallyClient, _api
from tally_client._sse import SseDecoder, SseMessage

HERE = Path(__file__).resolve().parent


def test_check_trade_sends_the_contract_body_with_decimals_as_plain_text() -> None:
    call = _api.check_trade(
        "XBTUSD", "buy", Decimal("0.5"), price=Decimal("6E+4"), order_type="limit", leverage=2,
        stop_loss="58000", strategy="trend_v1", client_order_id="abc", reserve=True,
    )
    assert (call.method, call.path, call.query) == ("POST", "/api/v1/risk/check", ())
    assert json.loads(call.body_bytes() or b"") == {
        "pair": "XBTUSD", "side": "buy", "volume": "0.5", "price": "60000", "order_type": "limit",
        "leverage": "2", "stop_loss": "58000", "strategy": "trend_v1", "client_order_id": "abc",
        "reserve": True,
    }


def test_optional_fields_left_out_are_not_sent() -> None:
    call = _api.check_trade("XBTUSD", "sell", "0.10")
    assert call.body == {"pair": "XBTUSD", "side": "sell", "volume": "0.10"}
    size = _api.size("XBTUSD", "buy", entry=60000, stop=Decimal("58000"), risk_pct="1")
    assert size.body == {"pair": "XBTUSD", "side": "buy", "entry": "60000", "stop": "58000", "risk_pct": "1"}
    assert _api.set_trading_state("HALTED", "manual stop").body == {"state": "HALTED", "reason": "manual stop"}


def test_floats_and_bad_decimals_are_refused_before_anything_is_sent() -> None:
    with pytest.raises(TypeError, match="volume: pass a Decimal"):
        _api.check_trade("XBTUSD", "buy", 0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="price: not a decimal"):
        _api.check_trade("XBTUSD", "buy", "1", price="12,5")
    with pytest.raises(ValueError, match="not a finite decimal"):
        _api.size("XBTUSD", "buy", Decimal("NaN"), 1, 1)
    with pytest.raises(ValueError, match="side must be 'buy' or 'sell'"):
        _api.check_trade("XBTUSD", "long", "1")


def test_queries() -> None:
    since = dt.datetime(2026, 12, 4, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    call = _api.risk_events(since=since, type="MARGIN_CALL", limit=5)
    assert call.target() == "/api/v1/risk/events?since=2026-12-04T01%3A30%3A00Z&type=MARGIN_CALL&limit=5"
    assert _api.pnl("7d", include_manual=False).target() == "/api/v1/portfolio/pnl?period=7d&include_manual=false"
    assert _api.pnl().target() == "/api/v1/portfolio/pnl"
    perf = _api.performance(dt.date(2026, 11, 1), "2026-11-30", "ETH")
    assert perf.target() == "/api/v1/portfolio/performance?from=2026-11-01&to=2026-11-30&benchmark=ETH"
    assert _api.portfolio(dt.date(2024, 1, 2)).target() == "/api/v1/portfolio?as_of=2024-01-02"
    with pytest.raises(ValueError, match="timezone-aware"):
        _api.risk_events(since=dt.datetime(2026, 12, 4))
    with pytest.raises(ValueError, match="limit"):
        _api.risk_events(limit=0)


def test_a_pair_keeps_its_slash_and_other_characters_are_escaped() -> None:
    assert _api.position("XBT/USD").path == "/api/v1/portfolio/positions/XBT/USD"
    assert _api.position("XBT USD?").path == "/api/v1/portfolio/positions/XBT%20USD%3F"
    with pytest.raises(ValueError):
        _api.position(" ")


def test_base_urls() -> None:
    assert TallyClient("http://127.0.0.1:8080/").base_url == "http://127.0.0.1:8080"
    base = _api.Base.parse("https://tally.example/prefix/")
    assert (base.port, base.prefix, base.host_header()) == (443, "/prefix", "tally.example")
    assert base.url("/health") == "https://tally.example:443/prefix/health"
    with pytest.raises(ValueError):
        TallyClient("127.0.0.1:8080")
    with pytest.raises(ValueError):
        TallyClient("http://user:pw@127.0.0.1:8080")


def test_the_token_is_sent_as_a_bearer_header_and_never_shown() -> None:
    client = TallyClient("http://127.0.0.1:8080", token="s3cret-token")
    assert "s3cret" not in repr(client) and "token=***" in repr(client)
    assert _api.headers("s3cret-token", _api.portfolio())["Authorization"] == "Bearer s3cret-token"
    assert "Authorization" not in _api.headers(None, _api.portfolio())
    with pytest.raises(ValueError):
        TallyClient("http://127.0.0.1:8080", token="a\r\nX-Injected: 1")


def test_both_clients_offer_the_same_methods_with_the_same_parameters() -> None:
    def api(cls: type) -> dict:
        return {
            name: [(p.name, p.default) for p in inspect.signature(getattr(cls, name)).parameters.values()]
            for name in dir(cls)
            if not name.startswith("_") and callable(getattr(cls, name))
        }

    sync, asyn = api(TallyClient), api(AsyncTallyClient)
    assert sync.keys() == asyn.keys()
    assert {k: v for k, v in sync.items() if k != "__init__"} == {k: v for k, v in asyn.items() if k != "__init__"}
    for name in sync:
        if name != "events":
            assert inspect.iscoroutinefunction(getattr(AsyncTallyClient, name)), name


def test_every_public_class_says_what_it_is_with_an_example() -> None:
    import tally_client

    classes = [getattr(tally_client, name) for name in tally_client.__all__]
    classes = [c for c in classes if isinstance(c, type)]
    assert len(classes) > 40
    for cls in classes:
        doc = cls.__doc__ or ""
        assert "Example" in doc, cls.__name__


# --- the event-stream decoder -------------------------------------------------------------------

STREAM = (
    "\ufeff: connected\r\n\r\n"
    "event: sync\r\ndata: {\"a\":1}\r\n\r\n"
    ": ping\n\n"
    "event: drift\ndata: line one\ndata:line two\nid: 7\nretry: 3000\n\n"
    "event: empty\n\n"
    "data: no name \u20ac\r\r"
).encode("utf-8")

EXPECTED = [
    SseMessage("sync", '{"a":1}', None, None),
    SseMessage("drift", "line one\nline two", "7", 3000),
    SseMessage("message", "no name \u20ac", "7", 3000),
]


def test_the_decoder_reads_whole_messages_and_drops_comments() -> None:
    assert SseDecoder().feed(STREAM) == EXPECTED


def test_the_decoder_reads_the_same_messages_fed_one_byte_at_a_time() -> None:
    decoder = SseDecoder()
    messages = []
    for i in range(len(STREAM)):
        messages.extend(decoder.feed(STREAM[i : i + 1]))  # splits CRLFs and the euro sign
    assert messages == EXPECTED


def test_an_unfinished_message_is_not_dispatched() -> None:
    decoder = SseDecoder()
    assert decoder.feed(b"event: sync\ndata: {}\n") == []
    assert decoder.feed(b"\n") == [SseMessage("sync", "{}", None, None)]


# --- Python 3.9 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted((HERE.parent / "tally_client").glob("*.py")) + sorted(HERE.glob("*.py")),
    ids=lambda p: p.name,
)
def test_the_sources_are_python_3_9(path: Path) -> None:
    """``requires-python = ">=3.9"``: no syntax of a later Python (``match``, parenthesised context
    managers), annotations never evaluated at import (``Optional[X]`` or the ``__future__`` import),
    and none of the later library calls this code would be tempted by."""
    source = path.read_text()
    tree = ast.parse(source, filename=str(path), feature_version=(3, 9))
    annotated = any(
        isinstance(node, ast.AnnAssign)
        or (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (node.returns is not None or any(a.annotation is not None for a in node.args.args))
        )
        for node in ast.walk(tree)
    )
    if annotated:
        assert "from __future__ import annotations" in source
    for later in ("asyncio.timeout(", "kw_only=", "slots=True", "TaskGroup"):
        if path.name != "test_requests.py":
            assert later not in source, later
