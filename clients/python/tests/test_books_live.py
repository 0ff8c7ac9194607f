"""Both clients against ``tally serve`` on a store whose every figure is known: a 1000 USD deposit,
a buy of 0.01 XBT at 50000 with a 1 USD fee, XBT priced 60000 since 2024-01-03 (conftest). Each
test runs once with the sync client and once with the asyncio client; the figures must be exact."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any, Callable

import pytest

from tally_client import (
    AsyncTallyClient,
    BadRequest,
    Conflict,
    NotFound,
    Position,
    TallyClient,
    TallyTimeoutError,
)

pytestmark = pytest.mark.integration

UTC = dt.timezone.utc

Api = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, books_url: str) -> Api:
    """``api("portfolio")`` calls the method on the sync or (in its own event loop) async client."""
    if request.param == "sync":
        client = TallyClient(books_url, timeout=30)
        return lambda method, *args, **kwargs: getattr(client, method)(*args, **kwargs)
    aclient = AsyncTallyClient(books_url, timeout=30)
    return lambda method, *args, **kwargs: asyncio.run(getattr(aclient, method)(*args, **kwargs))


def test_portfolio(api: Api) -> None:
    p = api("portfolio")
    assert p.base_currency == "USD"
    assert p.equity_base == Decimal("1099.00000000") and str(p.equity_base) == "1099.00000000"
    assert p.cash_base == Decimal("499") and p.other_fiat_base == Decimal(0)
    assert p.realized_pnl_base_total == Decimal("-1") and p.unrealized_pnl_base_total == Decimal("100")
    assert p.stale is True and p.drift_flag is False  # the last price is from 2024
    assert p.oldest_price_at == dt.datetime(2024, 1, 3, tzinfo=UTC)
    assert p.as_of.tzinfo is not None and p.last_sync_at is None
    assert p.total_drawdown == Decimal(0) and isinstance(p.total_drawdown, Decimal)
    assert p.margin_used_base is None  # no margin position
    xbt = p.holding("XBT")
    assert xbt is not None
    assert (xbt.amount, xbt.price_base, xbt.value_base, xbt.avg_cost_base) == (
        Decimal("0.01"), Decimal(60000), Decimal("600.00000000"), Decimal(50000))
    assert xbt.free == Decimal("0.01") and xbt.reserved == Decimal(0)
    assert sum(h.value_base for h in p.holdings) == p.equity_base


def test_portfolio_as_of_a_past_day(api: Api) -> None:
    p = api("portfolio", as_of=dt.date(2024, 1, 2))
    assert p.equity_base == Decimal("999.00000000")  # XBT still at 50000 that day
    assert p.as_of == dt.datetime(2024, 1, 2, 23, 59, 59, 999999, tzinfo=UTC)
    with pytest.raises(BadRequest, match="as_of") as caught:
        api("portfolio", as_of=dt.date(2099, 1, 1))
    assert caught.value.status == 400 and caught.value.instance == "/api/v1/portfolio"


def test_allocation(api: Api) -> None:
    a = api("allocation")
    assert a.equity_base == Decimal("1099.00000000")
    shares = {h.asset: h.percentage_of_equity for h in a.assets}
    assert shares == {"USD": Decimal("45.4049"), "XBT": Decimal("54.5951")}
    assert sum(shares.values()) == Decimal("100.0000")
    assert [h.asset for h in api("exposure").assets] == [h.asset for h in a.assets]


def test_positions_and_one_position_by_any_of_its_names(api: Api) -> None:
    positions = api("positions")
    assert [(p.pair, p.base_size, p.avg_entry_price) for p in positions] == [
        ("XBTUSD", Decimal("0.01"), Decimal(50000))]
    assert [(h.asset, h.non_pair_amount) for h in positions.non_pair_holdings] == [("USD", Decimal(499))]
    for name in ("XBTUSD", "XBT/USD", "BTC/USD"):
        position = api("position", name)
        assert isinstance(position, Position) and position == positions.positions[0], name
    assert positions.positions[0].unrealized_pnl_base == Decimal(100)
    assert positions.positions[0].fees_paid_base == Decimal(1)


def test_an_unknown_pair_is_not_found(api: Api) -> None:
    with pytest.raises(NotFound) as caught:
        api("position", "DOGEUSD")
    error = caught.value
    assert error.status == 404 and error.title == "Not Found" and "DOGEUSD" in (error.detail or "")
    assert error.type == "about:blank" and error.instance == "/api/v1/portfolio/positions/DOGEUSD"


def test_pnl(api: Api) -> None:
    pnl = api("pnl")
    assert (pnl.period, pnl.from_, pnl.include_manual) == ("all", None, True)
    assert (pnl.realized_trading_pnl_base, pnl.unrealized_pair_pnl_base, pnl.total_trading_pnl_base) == (
        Decimal(-1), Decimal(100), Decimal(99))
    assert [(s.strategy_tag, s.realized_pnl_base) for s in pnl.by_strategy] == [("manual", Decimal(-1))]
    week = api("pnl", period="7d", include_manual=True)
    assert week.period == "7d" and week.from_ is not None and week.to - week.from_ == dt.timedelta(days=7)
    with pytest.raises(BadRequest, match="period"):
        api("pnl", period="1y")


def test_performance(api: Api) -> None:
    perf = api("performance", from_=dt.date(2024, 1, 2), to=dt.date(2024, 1, 3))
    assert (perf.from_, perf.to, perf.observations) == (dt.date(2024, 1, 2), dt.date(2024, 1, 3), 2)
    assert [(d.date, d.equity_base) for d in perf.daily] == [
        (dt.date(2024, 1, 2), Decimal(999)), (dt.date(2024, 1, 3), Decimal(1099))]
    assert perf.returns.twr == Decimal("0.099")  # 999/1000 then 1099/999: the JSON number's digits
    assert perf.daily[0].return_ == Decimal("-0.001")
    assert perf.returns.total_pnl_base == Decimal(99)
    assert perf.risk.sharpe is None and perf.risk.reasons["sharpe"]  # too few days, and why
    whole = api("metrics")
    assert whole.from_ == dt.date(2024, 1, 1) and whole.daily == ()
    with pytest.raises(BadRequest, match="from"):
        api("performance", from_="2023-01-01")


def test_margin(api: Api) -> None:
    margin = api("margin")
    assert (margin.mode, margin.equity_base, margin.margin_used_base) == ("cross", Decimal(1099), Decimal(0))
    assert margin.margin_level is None and margin.positions == ()
    assert margin.reserve_base == Decimal("109.90000000")
    assert margin.free_margin_base - margin.reserve_base == margin.free_margin_after_reserve_base


def test_risk_events_and_their_filters(api: Api) -> None:
    # The risk layer's first look at the books raises what stands over its limits: XBT is
    # 600 / 1099 = 54.5951 % of equity, over max_position_pct (10) and, without a stop, over
    # max_portfolio_risk_pct (20); and the 2024 prices are stale (refuse_on_stale_prices).
    events = api("risk_events").events
    assert sorted((e.type, e.rule, e.subject, e.limit, e.value) for e in events) == [
        ("PORTFOLIO_RISK_EXCEEDED", "max_portfolio_risk_pct", "account", Decimal(20), Decimal("54.5951")),
        ("POSITION_LIMIT_EXCEEDED", "max_position_pct", "XBT", Decimal(10), Decimal("54.5951")),
        ("STALE_PRICES", "refuse_on_stale_prices", "books", Decimal(0), Decimal(1)),
    ]
    assert {e.equity_base for e in events} == {Decimal("1099.00000000")}
    assert all(e.level is None and e.window is None and e.from_ is None for e in events)
    assert [e.type for e in api("risk_events", type="stale_prices")] == ["STALE_PRICES"]
    since = dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert len(api("risk_events", since=since, type="MARGIN_CALL", limit=5)) == 0
    assert len(api("risk_events", limit=1)) == 1
    with pytest.raises(BadRequest, match="type"):
        api("risk_events", type="NOT_A_TYPE")


def test_the_risk_status_of_the_books(api: Api) -> None:
    status = api("risk_status")
    assert (status.trading_state, status.trading_state_source) == ("ACTIVE", "automatic")
    assert status.trading_state_reason is None and status.trading_state_since is None
    assert status.equity_base == Decimal("1099.00000000")
    assert (status.stale, status.drift_flag) == (True, False)
    # Leverage 600 / 1099 = 0.5460x, 9.1 % of the cap of 6.0; 54.5951 % is 272.9755 % of 20 and
    # 545.951 % of 10.
    assert [(l.rule, l.subject, l.limit, l.value, l.utilisation_pct, l.exceeded) for l in status.limits] == [
        ("leverage_cap", "account", Decimal("6.0"), Decimal("0.5460"), Decimal("9.1"), False),
        ("max_portfolio_risk_pct", "account", Decimal(20), Decimal("54.5951"), Decimal("272.9755"), True),
        ("max_position_pct", "XBT", Decimal(10), Decimal("54.5951"), Decimal("545.951"), True),
    ]
    assert status.drawdown.breached_levels == () and status.drawdown.breached_windows == ()
    assert (status.concentration.largest_asset, status.concentration.largest_pct) == ("XBT", Decimal("54.5951"))
    assert status.concentration.herfindahl == Decimal(1)
    assert status.correlation_groups == () and status.exposure_by_class == ()


def test_a_check_on_the_books(api: Api) -> None:
    # Stale prices: a buy adds risk and is refused, with every rule it breaks; 0.001 XBT at
    # 60000 more makes 660 / 1099 = 60.0546 %. Nothing may be bought (max_volume 0).
    buy = api("check_trade", "XBT/USD", "buy", Decimal("0.001"))
    assert buy.passed is False and buy.max_volume == 0
    assert [(r.rule, r.limit, r.value) for r in buy.reasons] == [
        ("refuse_on_stale_prices", None, None),
        ("max_position_pct", Decimal(10), Decimal("60.0546")),
        ("max_portfolio_risk_pct", Decimal(20), Decimal("60.0546")),
    ]
    # Selling half reduces the position: it passes, to 300 / 1099 = 27.2975 %, and all 0.01 XBT
    # held may be sold.
    sell = api("check_trade", "XBTUSD", "sell", "0.005")
    assert sell.passed is True and sell.reasons == ()
    assert (sell.current_leverage, sell.proposed_leverage) == (Decimal("0.5460"), Decimal("0.2730"))
    assert sell.position_after_pct == Decimal("27.2975") and sell.max_volume == Decimal("0.01")
    assert sell.margin_required_base == 0 and sell.free_margin_after_base == Decimal(1099)
    assert sell.trading_state == "ACTIVE" and sell.reserved_until is None


def test_a_size_on_the_books(api: Api) -> None:
    # Risk 1 % of 1099 = 10.99; the loss per XBT from 60000 to 59000 is 1000 + 0.0026 × 119000 =
    # 1309.4: 10.99 / 1309.4 = 0.00839315... XBT, which would cost 503.58943027 of the 499 USD held
    # (balance: 95 % of it buys 0.00790083). Then the stale prices allow no buy at all.
    size = api("size_position", "XBT/USD", "buy", entry=60000, stop=59000, risk_pct=1)
    assert size.volume == 0 and size.risk_amount_base == Decimal("10.99")
    assert size.limited_by == ("balance", "refuse_on_stale_prices", "max_position_pct")
    balance, stale, position = size.reasons
    assert (balance.limit, balance.value) == (Decimal(499), Decimal("503.58943027"))
    assert stale.limit is None
    # 600 + 0.00790083 × 60000 = 1074.0498: 97.7297 % of 1099.
    assert position.value == Decimal("97.7297")


def test_a_sync_without_kraken_keys_is_a_conflict(api: Api) -> None:
    with pytest.raises(Conflict) as caught:
        api("sync")
    assert caught.value.status == 409 and "KRAKEN_API_KEY" in (caught.value.detail or "")
    assert caught.value.problem["instance"] == "/api/v1/portfolio/sync"


def test_health(api: Api) -> None:
    health = api("health")
    assert (health.status, health.store, health.stale) == ("degraded", "ok", True)
    assert health.price_age_seconds is not None and health.price_age_seconds > 86400


def test_the_two_clients_read_the_same_answers(books_url: str) -> None:
    sync, asyn = TallyClient(books_url), AsyncTallyClient(books_url)
    assert sync.positions() == asyncio.run(asyn.positions())
    assert sync.performance(to="2024-01-03") == asyncio.run(asyn.performance(to="2024-01-03"))
    assert sync.positions().raw == asyncio.run(asyn.positions()).raw


def test_many_requests_at_once_on_one_event_loop(books_url: str) -> None:
    async def main() -> list:
        client = AsyncTallyClient(books_url, timeout=30)
        return await asyncio.gather(*(client.portfolio() for _ in range(20)), client.margin())

    *portfolios, margin = asyncio.run(main())
    assert {p.equity_base for p in portfolios} == {Decimal("1099.00000000")}
    assert margin.equity_base == Decimal("1099.00000000")


def test_a_quiet_event_stream_times_out_after_its_connected_comment(books_url: str) -> None:
    # tally serve without keys never syncs: the stream sends ": connected" and nothing else soon.
    with pytest.raises(TallyTimeoutError, match="silent"):
        with TallyClient(books_url).events(stream_timeout=1.5) as stream:
            next(stream)
