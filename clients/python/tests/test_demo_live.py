"""Both clients against ``tally demo``: a simulated Kraken account with bots, manual trades and
margin positions, synced every 5 s, so figures move between calls. These tests check what holds
whatever the market did: types, the margin identities, the strategies, and the event stream."""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import List

import pytest

from tally_client import (
    AsyncTallyClient,
    DriftChange,
    ExternalActivity,
    Margin,
    RiskEvent,
    StreamEvent,
    SyncResult,
    TallyClient,
)

pytestmark = pytest.mark.integration

KNOWN = (RiskEvent, ExternalActivity, DriftChange, SyncResult)
DEADLINE = 90.0


def check_margin(margin: Margin) -> None:
    assert margin.equity_base > 0 and margin.mode == "cross"
    assert margin.equity_base - margin.margin_used_base == margin.free_margin_base
    assert margin.free_margin_base - margin.reserve_base == margin.free_margin_after_reserve_base
    initial = [p.initial_margin_base for p in margin.positions]
    if None not in initial:  # every position valued: the margin used is their initial margins
        assert sum(initial, Decimal(0)) == margin.margin_used_base
    for position in margin.positions:
        assert position.size != 0 and position.leverage >= 1 and isinstance(position.leverage, Decimal)
        assert position.pair in ("XBTUSD", "ETHUSD")  # the margin bot's pairs


def test_the_synced_account(live: TallyClient) -> None:
    p = live.portfolio()
    assert p.equity_base > 0 and p.last_sync_at is not None and p.last_sync_at.tzinfo is not None
    assert {"USD", "XBT"} <= {h.asset for h in p.holdings}
    assert all(isinstance(h.value_base, Decimal) for h in p.holdings)
    positions = live.positions()
    assert len(positions) > 0
    some = positions.positions[0]
    assert live.position(some.base_asset + "/" + some.quote_asset).pair == some.pair
    check_margin(live.margin())


def test_strategy_tags_and_performance(live: TallyClient) -> None:
    pnl = live.pnl()
    tags = {s.strategy_tag for s in pnl.by_strategy}
    assert tags & {"trend_v1", "grid_v2"}, tags  # the demo tags its two bots' orders
    perf = live.performance()
    assert perf.observations >= 29 and perf.daily[0].date == perf.from_ and perf.daily[-1].date == perf.to
    assert isinstance(perf.returns.twr, Decimal) and isinstance(perf.risk.max_drawdown, Decimal)
    assert {a.name for a in perf.by_strategy} & {"trend_v1", "grid_v2"}
    assert live.risk_events(limit=10).events == tuple(live.risk_events(limit=10))


def test_a_sync_now(live: TallyClient) -> None:
    result = live.sync()
    assert isinstance(result, SyncResult) and result.new_trades_count >= 0
    assert all(isinstance(pair, str) for pair in result.updated_pairs)


def test_the_async_client_on_the_synced_account(live_url: str) -> None:
    async def main() -> tuple:
        client = AsyncTallyClient(live_url, timeout=30)
        return await asyncio.gather(
            client.portfolio(), client.margin(), client.performance(), client.allocation(), client.sync()
        )

    portfolio, margin, performance, allocation, sync = asyncio.run(main())
    assert portfolio.equity_base > 0 and allocation.equity_base > 0
    check_margin(margin)
    assert performance.observations >= 29 and isinstance(sync, SyncResult)


def test_the_event_stream_delivers_a_sync(live: TallyClient) -> None:
    seen: List[StreamEvent] = []
    started = time.monotonic()
    with live.events(stream_timeout=30) as stream:
        live.sync()  # the demo also syncs every 5 s
        for event in stream:
            seen.append(event)
            if isinstance(event, SyncResult) or time.monotonic() - started > DEADLINE:
                break
    assert isinstance(seen[-1], SyncResult), seen
    assert all(isinstance(event, KNOWN) for event in seen), seen
    assert seen[-1].raw["new_trades_count"] == seen[-1].new_trades_count


def test_the_async_event_stream_delivers_a_sync(live_url: str) -> None:
    async def main() -> List[StreamEvent]:
        client = AsyncTallyClient(live_url, timeout=30, stream_timeout=30)
        seen: List[StreamEvent] = []
        started = time.monotonic()
        async with client.events() as stream:
            await client.sync()
            async for event in stream:
                seen.append(event)
                if isinstance(event, SyncResult) or time.monotonic() - started > DEADLINE:
                    break
        return seen

    seen = asyncio.run(main())
    assert isinstance(seen[-1], SyncResult), seen
    assert all(isinstance(event, KNOWN) for event in seen), seen
