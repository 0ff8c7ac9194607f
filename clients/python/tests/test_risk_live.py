"""The risk endpoints (``GET /api/v1/risk``, ``POST /risk/check``, ``/risk/size``, ``/risk/state``)
on a real server: ``tally demo``, whose account trades on margin and whose figures move, so these
tests check what holds whatever the market did (the exact figures are checked on ``tally serve`` in
``test_books_live.py``). The server's OpenAPI document must describe every member the client reads.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import urllib.request
from decimal import Decimal
from typing import Any, Dict

import pytest

from tally_client import (
    RISK_EVENT_TYPES,
    RISK_RULES,
    TRADING_STATES,
    AsyncTallyClient,
    BadRequest,
    PositionSize,
    RiskCheck,
    RiskEvent,
    RiskLimit,
    RiskReason,
    RiskStatus,
    TallyClient,
    TradingStateChange,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def openapi(live_url: str) -> Dict[str, Any]:
    with urllib.request.urlopen(live_url + "/api/v1/openapi.json", timeout=30) as response:
        return json.load(response)


# The JSON member each field is read from, where the two names differ.
JSON_NAMES = {"from_": "from", "asset_class": "class"}


@pytest.mark.parametrize(
    "model, schema",
    [
        (RiskCheck, "RiskCheck"),
        (RiskReason, "RiskReason"),
        (PositionSize, "RiskSize"),
        (RiskStatus, "RiskStatus"),
        (RiskLimit, "RiskLimit"),
        (TradingStateChange, "TradingStatus"),
        (RiskEvent, "RiskEvent"),
    ],
)
def test_the_openapi_document_describes_every_member_the_client_reads(
    openapi: Dict[str, Any], model: type, schema: str
) -> None:
    described = set(openapi["components"]["schemas"][schema]["properties"])
    read = {JSON_NAMES.get(f.name, f.name) for f in dataclasses.fields(model) if f.name != "raw"}
    assert read <= described, read - described


def test_the_openapi_document_names_the_risk_endpoints_and_the_types(openapi: Dict[str, Any]) -> None:
    paths = openapi["paths"]
    assert "get" in paths["/api/v1/risk"]
    for path in ("/api/v1/risk/check", "/api/v1/risk/size", "/api/v1/risk/state"):
        assert "post" in paths[path]
    schemas = openapi["components"]["schemas"]
    assert tuple(schemas["RiskRule"]["enum"]) == RISK_RULES
    assert tuple(schemas["TradingState"]["enum"]) == TRADING_STATES
    assert tuple(schemas["RiskEvent"]["properties"]["type"]["enum"]) == RISK_EVENT_TYPES
    (type_parameter,) = [p for p in paths["/api/v1/risk/events"]["get"]["parameters"] if p["name"] == "type"]
    assert tuple(type_parameter["schema"]["enum"]) == RISK_EVENT_TYPES


def test_a_check_on_the_demo_account(live: TallyClient) -> None:
    check = live.check_trade("XBTUSD", "buy", Decimal("0.01"), order_type="market", strategy="pytest")
    assert isinstance(check, RiskCheck)
    assert check.trading_state in TRADING_STATES
    assert isinstance(check.passed, bool)
    assert isinstance(check.max_volume, Decimal) and check.max_volume >= 0
    assert all(isinstance(reason, RiskReason) and reason.rule in RISK_RULES for reason in check.reasons)
    assert check.passed or check.reasons, "a check that fails says why"
    assert isinstance(check.margin_required_base, Decimal) and check.margin_required_base == 0  # spot
    assert check.check_id and check.reserved_until is None


def test_a_check_larger_than_the_account_fails_and_says_why(live: TallyClient) -> None:
    check = live.check_trade("XBTUSD", "buy", Decimal("100000"), price=Decimal("60000"), leverage=5)
    assert check.passed is False and check.reasons
    rules = [reason.rule for reason in check.reasons]
    assert "leverage_cap" in rules or "trading_state" in rules, rules
    assert check.max_volume is not None and check.max_volume < Decimal("100000")
    assert check.proposed_leverage > check.current_leverage
    assert check.margin_required_base > 0  # a margin order


def test_a_reservation_needs_a_client_order_id(live: TallyClient) -> None:
    with pytest.raises(BadRequest) as caught:
        live.check_trade("XBTUSD", "buy", Decimal("0.01"), reserve=True)
    assert caught.value.detail.startswith("parameter 'client_order_id' ")


def test_a_check_with_the_async_client(live_url: str) -> None:
    check = asyncio.run(AsyncTallyClient(live_url, timeout=30).check_trade("XBTUSD", "sell", "0.01"))
    assert check.trading_state in TRADING_STATES and isinstance(check.passed, bool)
    assert check.max_volume is not None and check.max_volume >= 0


def test_a_size_between_entry_and_stop(live: TallyClient) -> None:
    size = live.size_position("XBTUSD", "buy", entry=Decimal("60000"), stop=Decimal("58000"), risk_pct=Decimal("1"))
    assert isinstance(size, PositionSize)
    assert size.volume >= 0 and size.risk_amount_base > 0
    assert all(rule in RISK_RULES for rule in size.limited_by)
    assert [reason.rule for reason in size.reasons] == list(size.limited_by)


def test_a_stop_on_the_wrong_side_is_a_bad_request(live: TallyClient) -> None:
    with pytest.raises(BadRequest) as caught:
        live.size_position("XBTUSD", "buy", entry=Decimal("60000"), stop=Decimal("62000"), risk_pct=Decimal("1"))
    assert caught.value.status == 400
    assert caught.value.detail == "parameter 'stop' 62000 is above the entry 60000: a buy's stop must be below it"


def test_a_stop_on_the_wrong_side_is_a_bad_request_for_the_async_client(live_url: str) -> None:
    client = AsyncTallyClient(live_url, timeout=30)
    with pytest.raises(BadRequest, match="stop"):
        asyncio.run(client.size_position("XBTUSD", "sell", entry="60000", stop="58000", risk_pct="1"))


def test_the_risk_status(live: TallyClient) -> None:
    status = live.risk_status()
    assert isinstance(status, RiskStatus)
    assert status.trading_state in TRADING_STATES
    assert status.trading_state_source in ("manual", "automatic")
    assert status.equity_base > 0
    assert isinstance(status.drift_flag, bool) and isinstance(status.stale, bool)
    first = status.limits[0]
    assert (first.rule, first.subject, first.limit) == ("leverage_cap", "account", Decimal("6.0"))
    assert all(limit.rule in RISK_RULES and isinstance(limit.exceeded, bool) for limit in status.limits)
    assert all(limit.exceeded == (limit.value > limit.limit) for limit in status.limits)
    assert all(window in ("daily", "weekly") for window in status.drawdown.breached_windows)
    assert status.concentration.largest_pct >= 0


def test_halting_trading_and_resuming(live: TallyClient) -> None:
    halted = live.set_trading_state("HALTED", "pytest: halt")
    try:
        assert (halted.state, halted.reason, halted.source) == ("HALTED", "pytest: halt", "manual")
        assert halted.since is not None and halted.since.tzinfo is not None
        status = live.risk_status()
        assert (status.trading_state, status.trading_state_source) == ("HALTED", "manual")
        assert status.trading_state_reason == "pytest: halt"
        check = live.check_trade("XBTUSD", "buy", Decimal("0.01"))
        assert check.passed is False and check.trading_state == "HALTED"
        assert "trading_state" in [reason.rule for reason in check.reasons]
        assert check.max_volume == 0
        changes = live.risk_events(since=halted.since, type="TRADING_STATE_CHANGED")
        change = [event for event in changes if event.reason == "pytest: halt"]
        assert len(change) == 1
        assert (change[0].to, change[0].source, change[0].at) == ("HALTED", "manual", halted.since)
        assert change[0].from_ in TRADING_STATES
    finally:
        resumed = live.set_trading_state("ACTIVE", "pytest: resume")
    assert resumed.state == "ACTIVE" and resumed.source == "manual"
