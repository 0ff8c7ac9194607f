"""Parsing the answers from literal JSON: Decimals exact, times aware, extra fields tolerated and
kept, missing ones named."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tally_client import (
    Allocation,
    ExternalActivity,
    DriftChange,
    Margin,
    Performance,
    PnlSummary,
    Portfolio,
    Positions,
    RiskCheck,
    RiskEvent,
    RiskEvents,
    RiskStatus,
    PositionSize,
    RISK_EVENT_TYPES,
    RISK_RULES,
    SyncResult,
    TallyDecodeError,
    TradingStateChange,
    UnknownEvent,
    parse_event,
)
from tally_client._fields import loads

UTC = dt.timezone.utc

PORTFOLIO = b"""{"base_currency":"USD","equity_base":"1099.00000000","cash_base":"499.00000000",
"other_fiat_base":"0.00000000","realized_pnl_base_total":"-1.00000000",
"unrealized_pnl_base_total":"100.00000000","drift_flag":false,"stale":true,
"as_of":"2026-12-04T01:23:05.776861360Z","oldest_price_at":"2024-01-03T00:00:00Z",
"daily_drawdown":0.0,"weekly_drawdown":0.012,"total_drawdown":0.10125380747456725,
"daily_peak_base":"1099.00000000","weekly_peak_base":"1099.00000000","total_peak_base":"1223.5",
"daily_reset_at":"2026-12-04T00:00:00Z","weekly_reset_at":"2026-11-30T00:00:00Z",
"margin_used_base":"3100.94073815","free_margin_base":"117178.50681428","margin_level":"3878.81",
"last_sync_at":null,"last_sync_error":null,"a_field_added_later":{"x":1},
"holdings":[{"asset":"XBT","amount":"0.01","amount_decimals":8,"cost_basis_base":"500.00000000",
"avg_cost_base":"50000","price_base":"60000","price_decimals":2,"price_at":"2024-01-03T00:00:00Z",
"value_base":"600.00000000","unrealized_pnl_base":"100.00000000","realized_pnl_base":"0.00000000",
"source_pair":"XBTUSD","unvalued":false,"stale":true,"percentage_of_equity":"54.5951",
"free":"0.01","reserved":"0","total":"0.01","reserved_as_of":null}]}"""


def no_floats(value: object, path: str = "answer") -> None:
    """Fails if any field of the answer, however deep, is a float."""
    assert not isinstance(value, float), path
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            no_floats(getattr(value, f.name), path + "." + f.name)
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            no_floats(item, "%s[%d]" % (path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            no_floats(item, "%s[%r]" % (path, key))


def test_portfolio_amounts_are_exact_decimals_and_ratios_keep_their_json_digits() -> None:
    p = Portfolio.from_json(loads(PORTFOLIO))
    assert p.equity_base == Decimal("1099.00000000")
    assert str(p.equity_base) == "1099.00000000"  # every digit the server sent
    assert p.cash_base + p.holdings[0].value_base == p.equity_base  # exact arithmetic
    assert p.total_drawdown == Decimal("0.10125380747456725")  # a JSON number, not a float
    assert str(p.weekly_drawdown) == "0.012"
    assert p.margin_level == Decimal("3878.81")
    assert p.holding("XBT") is p.holdings[0] and p.holding("ETH") is None
    assert p.holdings[0].reserved == Decimal(0) and p.holdings[0].reserved_as_of is None
    no_floats(p)


def test_times_are_aware_and_nanoseconds_are_cut_to_microseconds() -> None:
    p = Portfolio.from_json(loads(PORTFOLIO))
    assert p.as_of == dt.datetime(2026, 12, 4, 1, 23, 5, 776861, tzinfo=UTC)
    assert p.as_of.tzinfo is not None and p.as_of.utcoffset() == dt.timedelta(0)
    assert p.daily_reset_at == dt.datetime(2026, 12, 4, tzinfo=UTC)
    assert p.last_sync_at is None
    assert p.raw["as_of"] == "2026-12-04T01:23:05.776861360Z"  # the exact text is kept


def test_an_offset_time_keeps_its_offset() -> None:
    event = RiskEvent.from_json({"type": "MARGIN_CALL", "at": "2026-12-04T02:00:00+01:00"})
    assert event.at == dt.datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
    assert event.at.utcoffset() == dt.timedelta(hours=1)


def test_extra_fields_are_tolerated_and_kept_in_raw_outside_eq_and_repr() -> None:
    data = loads(PORTFOLIO)
    p = Portfolio.from_json(data)
    assert p.raw["a_field_added_later"] == {"x": 1}
    assert "a_field_added_later" not in repr(p) and "raw=" not in repr(p)
    other = dict(data, a_field_added_later="something else")
    assert Portfolio.from_json(other) == p  # raw is not compared
    assert hash(Portfolio.from_json(other)) == hash(p)


def test_answers_are_frozen() -> None:
    p = Portfolio.from_json(loads(PORTFOLIO))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.equity_base = Decimal(0)  # type: ignore[misc]


def test_a_missing_or_mistyped_field_is_named() -> None:
    data = loads(PORTFOLIO)
    del data["equity_base"]
    with pytest.raises(TallyDecodeError, match=r"portfolio\.equity_base: missing"):
        Portfolio.from_json(data)
    data = loads(PORTFOLIO)
    data["holdings"][0]["amount"] = "12,5"
    with pytest.raises(TallyDecodeError, match=r"portfolio\.holdings\[0\]\.amount: expected a decimal"):
        Portfolio.from_json(data)
    data = loads(PORTFOLIO)
    data["drift_flag"] = "false"
    with pytest.raises(TallyDecodeError, match="drift_flag: expected true or false"):
        Portfolio.from_json(data)
    data = loads(PORTFOLIO)
    data["as_of"] = "yesterday"
    with pytest.raises(TallyDecodeError, match="as_of: expected an ISO-8601 time"):
        Portfolio.from_json(data)
    with pytest.raises(TallyDecodeError, match="expected a JSON object"):
        Portfolio.from_json([1, 2])


def test_without_margin_the_portfolio_margin_fields_are_none() -> None:
    data = loads(PORTFOLIO)
    for name in ("margin_used_base", "free_margin_base", "margin_level"):
        del data[name]
    p = Portfolio.from_json(data)
    assert (p.margin_used_base, p.free_margin_base, p.margin_level) == (None, None, None)


def test_allocation_and_positions() -> None:
    a = Allocation.from_json(
        loads(
            b'{"equity_base":"1099.00000000","assets":['
            b'{"asset":"USD","amount":"499","amount_decimals":2,"cost_basis_base":"499.00000000",'
            b'"avg_cost_base":"1","price_base":"1","price_decimals":2,"price_at":null,'
            b'"value_base":"499.00000000","unrealized_pnl_base":"0.00000000",'
            b'"realized_pnl_base":"-1.00000000","source_pair":null,"unvalued":false,"stale":false,'
            b'"percentage_of_equity":"45.4049"}]}'
        )
    )
    assert a.assets[0].percentage_of_equity == Decimal("45.4049")
    assert a.assets[0].free is None  # an answer without the free/reserved split still parses
    positions = Positions.from_json(
        loads(
            b'{"positions":[{"pair":"XBTUSD","base_asset":"XBT","quote_asset":"USD",'
            b'"base_size":"0.01","amount_decimals":8,"avg_entry_price":"50000","price_decimals":2,'
            b'"realized_pnl_base":"-1.00000000","unrealized_pnl_base":"100.00000000",'
            b'"fees_paid_base":"1.00000000","current_value_base":"600.00000000","unvalued":false},'
            b'{"pair":"ETHXBT","base_asset":"ETH","quote_asset":"XBT","base_size":"0",'
            b'"amount_decimals":5,"avg_entry_price":null,"price_decimals":null,'
            b'"realized_pnl_base":"-33.98689134","unrealized_pnl_base":"0.00000000",'
            b'"fees_paid_base":"2.30942539","current_value_base":"0.00000000","unvalued":false}],'
            b'"non_pair_holdings":[{"asset":"USD","non_pair_amount":"499"}]}'
        )
    )
    assert [p.pair for p in positions] == ["XBTUSD", "ETHXBT"] and len(positions) == 2
    assert [p.pair for p in positions.open] == ["XBTUSD"]
    assert positions.positions[1].avg_entry_price is None
    assert positions.non_pair_holdings[0].non_pair_amount == Decimal("499")


def test_pnl() -> None:
    pnl = PnlSummary.from_json(
        loads(
            b'{"period":"7d","from":"2026-11-27T01:00:00Z","to":"2026-12-04T01:00:00Z",'
            b'"include_manual":true,"realized_trading_pnl_base":"-1.00000000",'
            b'"unrealized_pair_pnl_base":"100.00000000","total_trading_pnl_base":"99.00000000",'
            b'"by_pair":[{"pair":"XBTUSD","realized_pnl_base":"-1.00000000",'
            b'"unrealized_pnl_base":"100.00000000"}],'
            b'"by_strategy":[{"strategy_tag":"manual","realized_pnl_base":"-1.00000000"}]}'
        )
    )
    assert pnl.from_ == dt.datetime(2026, 11, 27, 1, tzinfo=UTC)
    assert pnl.realized_trading_pnl_base + pnl.unrealized_pair_pnl_base == pnl.total_trading_pnl_base
    assert pnl.by_strategy[0].strategy_tag == "manual"


PERFORMANCE = b"""{"base_currency":"USD","from":"2026-11-04","to":"2026-12-04","timezone":"UTC",
"observations":31,
"daily":[{"date":"2026-11-04","equity_base":"95994.41691485","net_flow_base":"106809.26129446",
"return":-0.10125380747456725,"twr_index":0.8987461925254328,"drawdown":0.10125380747456725}],
"returns":{"twr":0.06094895181027238,"mwr":null,"mwr_reason":"no flows","cagr":1.007886173958683,
"total_pnl_base":"6937.31949704","best_day":{"date":"2026-11-08","return":0.12214414129648965},
"worst_day":null,"by_week":[{"period":"2026-W45","return":0.008910536878222604}],
"best_week":{"period":"2026-W49","return":0.025617692884891432},"worst_week":null,
"by_month":[],"best_month":null,"worst_month":null,"by_quarter":[],"best_quarter":null,
"worst_quarter":null,"by_year":[{"period":"2026","return":0.06}],"best_year":null,"worst_year":null},
"risk":{"volatility":0.5869855648732624,"sharpe":null,"sharpe_reason":"fewer than 30 days",
"sortino":2.3300192983247516,"calmar":9.954057028540307,"recovery_factor":0.6019423202982409,
"max_drawdown":0.10125380747456725,"max_drawdown_peak":"2026-11-03",
"max_drawdown_trough":"2026-11-04","max_drawdown_recovery":null,"longest_underwater_days":4,
"current_drawdown":0.0},
"drawdown_windows":{"daily":null,"weekly":null,"total":null,"daily_peak_base":null,
"weekly_peak_base":null,"total_peak_base":null,"daily_reset_at":null,"weekly_reset_at":null,
"reason":"no equity observed yet"},
"trades":{"count":14,"wins":8,"losses":6,"break_even":0,"win_rate":0.5714285714285714,
"average_win_base":"166.32191889","average_loss_base":"-104.17722718",
"largest_win_base":"347.77298429","largest_loss_base":"-308.35180581",
"profit_factor":2.1287047516467803,"expectancy_base":null,"expectancy_base_reason":"no trades",
"payoff_ratio":1.5965285637966238,"current_win_streak":0,"current_loss_streak":1,
"longest_win_streak":5,"longest_loss_streak":2,"average_duration_minutes":4788.995339178572,
"median_duration_minutes":1950.995091,"fees_base":"635.54426488","gross_pnl_base":"1341.05625288",
"fees_pct_of_gross":47.3913},
"by_strategy":[{"strategy":"grid_v2","realized_base":"5858.30000606","unrealized_base":null,
"unrealized_base_reason":"positions are kept per pair, not per strategy tag",
"fees_base":"1317.29791788","trades":298,"pnl_base":"5858.30000606",
"contribution":0.04791388961956571}],
"by_asset":[{"asset":"KFEE","realized_base":"-9.30340000","unrealized_base":"0.00000000",
"fees_base":"9.30340000","trades":0,"pnl_base":"-9.30340000","contribution":-7.609068846347201e-05}],
"benchmark":{"asset":"XBT","return":null,"return_reason":"no price of XBT","excess_return":null,
"beta":null,"correlation":null,"tracking_error":null,"information_ratio":0.5},
"rolling":{"sharpe_30d":[{"date":"2026-12-03","value":1.2840837305077253},
{"date":"2026-12-04","value":null}],"max_drawdown_90d":[]}}"""


def test_performance_statistics_are_decimals_with_their_reasons() -> None:
    perf = Performance.from_json(loads(PERFORMANCE))
    assert perf.from_ == dt.date(2026, 11, 4) and perf.to == dt.date(2026, 12, 4)
    assert perf.returns.twr == Decimal("0.06094895181027238")
    assert perf.returns.mwr is None and perf.returns.reasons == {"mwr": "no flows"}
    assert perf.returns.best_day is not None and perf.returns.best_day.date == dt.date(2026, 11, 8)
    assert perf.returns.by_week[0].period == "2026-W45"
    assert perf.risk.sharpe is None and perf.risk.reasons["sharpe"] == "fewer than 30 days"
    assert perf.risk.max_drawdown_recovery is None and perf.risk.longest_underwater_days == 4
    assert perf.drawdown_windows.reason == "no equity observed yet"
    assert perf.trades.expectancy_base is None and perf.trades.reasons["expectancy_base"] == "no trades"
    assert perf.trades.fees_pct_of_gross == Decimal("47.3913")
    assert perf.by_strategy[0].name == "grid_v2" and perf.by_strategy[0].unrealized_base is None
    assert "unrealized_base" in perf.by_strategy[0].reasons
    assert perf.by_asset[0].name == "KFEE"
    assert perf.by_asset[0].contribution == Decimal("-7.609068846347201E-5")
    assert perf.benchmark.information_ratio == Decimal("0.5")
    assert perf.rolling.sharpe_30d[1].value is None
    assert perf.daily[0].return_ == Decimal("-0.10125380747456725")
    no_floats(perf)


def test_margin() -> None:
    margin = Margin.from_json(
        loads(
            b'{"base_currency":"USD","mode":"cross","equity_base":"120279.44755243",'
            b'"collateral_base":"120281.49200637","margin_used_base":"3100.94073815",'
            b'"free_margin_base":"117178.50681428","margin_level":"3878.81",'
            b'"maintenance_margin_base":"1550.47036908","reserve_base":"12027.94475524",'
            b'"free_margin_after_reserve_base":"105150.56205904","positions":[{"pair":"XBTUSD",'
            b'"quote_asset":"USD","size":"-0.08699804","entry_price":"71287.599999954022",'
            b'"mark_price":"71311.1","price_decimals":1,"leverage":2,"notional_base":"6201.88147630",'
            b'"initial_margin_base":"3100.94073815","maintenance_margin_base":"1550.47036908",'
            b'"liquidation_price":null,"unrealized_pnl_base":"-2.04445394",'
            b'"realized_pnl_base":"-77.37332607","fees_paid_base":"51.92400000",'
            b'"funding_paid_base":"2.05680000","unvalued":false}]}'
        )
    )
    assert margin.equity_base - margin.margin_used_base == margin.free_margin_base
    assert margin.positions[0].size == Decimal("-0.08699804")
    assert margin.positions[0].leverage == Decimal(2)  # a JSON integer, still a Decimal
    assert margin.positions[0].liquidation_price is None
    no_floats(margin)


RISK_EVENT = (
    '{"type":"MARGIN_CRITICAL","at":"2026-12-03T22:00:00Z","level":"105.0000",'
    '"equity_base":"3150.00000000","positions":[{"pair":"XBTUSD","quote_asset":"USD","size":"1",'
    '"unrealized_pnl_base":"-1850.00000000"}],"suggested_action":{"action":"reduce",'
    '"pair":"XBTUSD","quote_asset":"USD","unrealized_pnl_base":"-1850.00000000"}}'
)

# As RiskEventJson writes each kind: a drawdown step, a trading state change, a limit.
DRAWDOWN_BREACH = (
    '{"type":"DRAWDOWN_BREACH","at":"2026-03-02T10:05:00Z","level":"-0.05",'
    '"equity_base":"9400.00000000","positions":[],"suggested_action":null,"window":"total",'
    '"peak_base":"10000.00000000"}'
)
STATE_CHANGE = (
    '{"type":"TRADING_STATE_CHANGED","at":"2026-03-02T10:00:00Z","level":null,'
    '"equity_base":"10000.00000000","positions":[],"suggested_action":null,"from":"ACTIVE",'
    '"to":"HALTED","reason":"exchange incident","source":"manual"}'
)
LIMIT_EXCEEDED = (
    '{"type":"POSITION_LIMIT_EXCEEDED","at":"2026-12-04T02:07:40.530840222Z","level":null,'
    '"equity_base":"1099.00000000","positions":[],"suggested_action":null,'
    '"rule":"max_position_pct","subject":"XBT","limit":"10","value":"54.5951"}'
)


def test_risk_events() -> None:
    events = RiskEvents.from_json(
        loads('{"events":[%s,%s,%s,%s]}' % (RISK_EVENT, DRAWDOWN_BREACH, STATE_CHANGE, LIMIT_EXCEEDED))
    )
    assert len(events) == 4
    critical, breach, change, limit = list(events)
    assert critical.level == Decimal("105.0000")
    assert critical.suggested_action is not None and critical.suggested_action.pair == "XBTUSD"
    assert critical.positions[0].unrealized_pnl_base == Decimal("-1850.00000000")
    assert (critical.window, critical.from_, critical.rule, critical.limit) == (None, None, None, None)
    assert (breach.type, breach.level, breach.window) == ("DRAWDOWN_BREACH", Decimal("-0.05"), "total")
    assert breach.peak_base == Decimal("10000") and breach.positions == ()
    assert (change.from_, change.to, change.reason, change.source) == (
        "ACTIVE", "HALTED", "exchange incident", "manual")
    assert change.level is None and change.rule is None
    assert (limit.rule, limit.subject, limit.limit, limit.value) == (
        "max_position_pct", "XBT", Decimal("10"), Decimal("54.5951"))
    assert {e.type for e in events} <= set(RISK_EVENT_TYPES)
    assert limit.rule in RISK_RULES
    no_floats(events)


def test_a_risk_event_of_a_type_added_later_still_parses() -> None:
    later = RiskEvent.from_json(loads('{"type":"FUNDING_SPIKE","at":"2026-12-03T23:00:00Z","rate":"0.1"}'))
    assert later.type == "FUNDING_SPIKE" and later.type not in RISK_EVENT_TYPES
    assert later.level is None and later.positions == () and later.raw["rate"] == "0.1"


def test_stream_events_are_typed_by_their_name() -> None:
    risk = parse_event("risk_event", RISK_EVENT)
    assert isinstance(risk, RiskEvent) and risk.type == "MARGIN_CRITICAL"
    sync = parse_event(
        "sync",
        '{"new_trades_count":2,"new_ledger_rows":5,"updated_pairs":["XBTUSD"],"cash_flows_added":0,'
        '"drift_detected":false,"rows_already_stored":3,"prices_stored":4,"unpriced_moments":0}',
    )
    assert sync == SyncResult(2, 5, ("XBTUSD",), 0, False, 3, 4, 0)
    activity = parse_event(
        "external_activity",
        '{"at":"2026-12-04T01:00:00Z","kind":"transfer","change_pct":"7.5000","event_ids":["L1","L2"],'
        '"message":"a deposit moved equity by 7.5 %"}',
    )
    assert isinstance(activity, ExternalActivity) and activity.change_pct == Decimal("7.5000")
    assert activity.event_ids == ("L1", "L2")
    drift = parse_event(
        "drift", '{"checked_at":"2026-12-04T01:00:00Z","drift_flag":true,"reconciliation_status":"drift"}'
    )
    assert isinstance(drift, DriftChange) and drift.drift_flag is True
    unknown = parse_event("trading_state", '{"state":"HALTED"}')
    assert unknown == UnknownEvent("trading_state", {"state": "HALTED"})
    assert parse_event("note", "plain text") == UnknownEvent("note", "plain text")
    with pytest.raises(TallyDecodeError, match="sync.new_trades_count"):
        parse_event("sync", '{"new_trades_count":"two"}')


# --- the risk endpoints (literal answers of a real server, as RiskJson writes them) -------------

RISK_CHECK = b"""{"passed":false,"reasons":[{"rule":"leverage_cap","limit":"6.0","value":"6.2000",
"detail":"leverage would be 6.2000x, over the leverage cap of 6.0x"},{"rule":"trading_state",
"limit":null,"value":null,"detail":"trading is REDUCING: only orders that reduce a position pass"}],
"current_leverage":"5.8000","proposed_leverage":"6.2000","position_after_pct":"620.0000",
"exposure_after_pct":"620.0000","portfolio_risk_after_pct":"620.0000",
"margin_required_base":"200.00000000","free_margin_after_base":"6900.00000000","max_volume":"0",
"trading_state":"REDUCING","check_id":"68496f0e-5e4c-457e-907a-696dfae7617a",
"reserved_until":null}"""

RESERVED_CHECK = b"""{"passed":true,"reasons":[],"current_leverage":"0.0000",
"proposed_leverage":"0.0300","position_after_pct":"3.0000","exposure_after_pct":"3.0000",
"portfolio_risk_after_pct":"3.0000","margin_required_base":"60.00000000",
"free_margin_after_base":"9940.00000000","max_volume":"3.33333333","trading_state":"ACTIVE",
"check_id":"0b7f7f1c-2d3e-4c59-9a61-3f5b8f0e9d10","reserved_until":"2026-03-02T10:00:30Z"}"""


def test_risk_check() -> None:
    check = RiskCheck.from_json(loads(RISK_CHECK))
    assert check.passed is False
    assert [r.rule for r in check.reasons] == ["leverage_cap", "trading_state"]
    assert check.reasons[0].limit == Decimal("6.0") and check.reasons[0].value == Decimal("6.2")
    assert check.reasons[0].detail == "leverage would be 6.2000x, over the leverage cap of 6.0x"
    assert check.reasons[1].limit is None and check.reasons[1].value is None
    assert check.proposed_leverage - check.current_leverage == Decimal("0.4")
    assert check.free_margin_after_base == Decimal("6900")
    assert check.max_volume == Decimal("0")
    assert check.trading_state == "REDUCING"
    assert check.check_id == "68496f0e-5e4c-457e-907a-696dfae7617a"
    assert check.reserved_until is None
    no_floats(check)


def test_a_reserving_check_that_passes() -> None:
    check = RiskCheck.from_json(loads(RESERVED_CHECK))
    assert check.passed and check.reasons == ()
    assert check.reserved_until == dt.datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC)
    assert check.margin_required_base == Decimal("60")


def test_a_check_no_rule_bounds_has_no_max_volume() -> None:
    data = loads(RESERVED_CHECK)
    data["max_volume"] = None
    assert RiskCheck.from_json(data).max_volume is None


def test_risk_check_without_a_required_figure_is_refused() -> None:
    data = loads(RISK_CHECK)
    del data["proposed_leverage"]
    with pytest.raises(TallyDecodeError, match=r"risk_check\.proposed_leverage: missing"):
        RiskCheck.from_json(data)
    data = loads(RISK_CHECK)
    data["passed"] = "no"
    with pytest.raises(TallyDecodeError, match="passed"):
        RiskCheck.from_json(data)
    data = loads(RISK_CHECK)
    data["check_id"] = None
    with pytest.raises(TallyDecodeError, match=r"risk_check\.check_id: is null"):
        RiskCheck.from_json(data)


def test_position_size() -> None:
    size = PositionSize.from_json(
        loads(
            b'{"volume":"0.1","risk_amount_base":"500.00000000","limited_by":["balance",'
            b'"max_position_pct"],"reasons":[{"rule":"balance","limit":"10000.00000000",'
            b'"value":"11087.45786766","detail":"reduced to 95 % of the free balance"},'
            b'{"rule":"max_position_pct","limit":"50","value":"95.0000","detail":"XBT\'s exposure'
            b' would be 95.0000 % of equity, over the limit of 50 %"}],"new_field":1}'
        )
    )
    assert size.volume == Decimal("0.1") and size.limited_by == ("balance", "max_position_pct")
    assert size.risk_amount_base == Decimal(500)
    assert size.reasons[0].detail == "reduced to 95 % of the free balance"
    assert size.reasons[1].value == Decimal("95") and size.raw["new_field"] == 1
    no_floats(size)


RISK_STATUS = b"""{"trading_state":"REDUCING","trading_state_reason":"drawdown -0.10 (total) breached",
"trading_state_since":"2026-12-04T00:10:00Z","trading_state_source":"automatic",
"equity_base":"10190.40000000","drift_flag":false,"stale":false,
"limits":[{"rule":"leverage_cap","subject":"account","limit":"6.0","value":"1.2000",
"utilisation_pct":"20.0000","exceeded":false},{"rule":"max_portfolio_risk_pct","subject":"account",
"limit":"20","value":"54.6000","utilisation_pct":"273.0000","exceeded":true},
{"rule":"max_position_pct","subject":"XBT","limit":"10","value":"54.6000",
"utilisation_pct":"546.0000","exceeded":true},{"rule":"max_class_pct","subject":"alt","limit":"0",
"value":"0.0000","utilisation_pct":null,"exceeded":false},{"rule":"max_correlated_exposure_pct",
"subject":"ETH,XBT","limit":"60","value":"62.1000","utilisation_pct":"103.5000","exceeded":true}],
"drawdown":{"total":"0.1012538074745672500000000000000000","daily":"0.051","weekly":"0.06",
"breached_levels":["-0.05","-0.10"],"breached_windows":["daily"]},
"correlation_groups":[{"assets":["ETH","XBT"],"exposure_pct":"62.1000"}],
"concentration":{"largest_asset":"XBT","largest_pct":"54.6000","herfindahl":"0.401200"},
"exposure_by_class":[{"class":"btc","exposure_base":"5564.00000000","exposure_pct":"54.6000",
"limit_pct":null},{"class":"alt","exposure_base":"0.00000000","exposure_pct":"0.0000","limit_pct":"0"}]}"""


def test_risk_status() -> None:
    status = RiskStatus.from_json(loads(RISK_STATUS))
    assert status.trading_state == "REDUCING" and status.trading_state_source == "automatic"
    assert status.trading_state_since == dt.datetime(2026, 12, 4, 0, 10, tzinfo=UTC)
    leverage, risk, xbt, alt, group = status.limits
    assert (leverage.rule, leverage.subject, leverage.exceeded) == ("leverage_cap", "account", False)
    assert leverage.utilisation_pct == Decimal("20.0000") and leverage.limit == Decimal("6.0")
    assert (xbt.subject, xbt.exceeded, xbt.value) == ("XBT", True, Decimal("54.6"))
    assert alt.utilisation_pct is None and alt.limit == Decimal(0)
    assert group.subject == "ETH,XBT" and group.rule == "max_correlated_exposure_pct"
    assert status.drawdown.breached_levels == (Decimal("-0.05"), Decimal("-0.10"))
    assert status.drawdown.breached_windows == ("daily",)
    assert status.drawdown.daily == Decimal("0.051")
    assert status.drawdown.total == Decimal("0.10125380747456725")
    assert status.correlation_groups[0].assets == ("ETH", "XBT")
    assert status.concentration.herfindahl == Decimal("0.4012")
    assert status.exposure_by_class[0].asset_class == "btc"
    assert status.exposure_by_class[0].limit_pct is None
    assert status.exposure_by_class[1].limit_pct == Decimal(0)
    no_floats(status)


def test_risk_status_with_nothing_yet() -> None:
    # tally serve on an empty store: equity 0, no position, no valuation of the drawdown yet.
    status = RiskStatus.from_json(
        loads(
            b"""{"trading_state":"ACTIVE","trading_state_reason":null,"trading_state_since":null,
            "trading_state_source":"automatic","equity_base":"0.00000000","drift_flag":false,
            "stale":false,"limits":[{"rule":"leverage_cap","subject":"account","limit":"6.0",
            "value":"0","utilisation_pct":"0.0000","exceeded":false},
            {"rule":"max_portfolio_risk_pct","subject":"account","limit":"20","value":"0",
            "utilisation_pct":"0.0000","exceeded":false}],"drawdown":{"total":null,"daily":null,
            "weekly":null,"breached_levels":[],"breached_windows":[]},"correlation_groups":[],
            "concentration":{"largest_asset":null,"largest_pct":"0","herfindahl":"0.000000"},
            "exposure_by_class":[]}"""
        )
    )
    assert status.trading_state_since is None and status.trading_state_reason is None
    assert status.drawdown.total is None and status.drawdown.breached_windows == ()
    assert status.concentration.largest_asset is None
    assert [limit.rule for limit in status.limits] == ["leverage_cap", "max_portfolio_risk_pct"]


def test_risk_status_without_a_member_of_the_contract_is_refused() -> None:
    data = loads(RISK_STATUS)
    del data["trading_state_source"]
    with pytest.raises(TallyDecodeError, match=r"risk\.trading_state_source: missing"):
        RiskStatus.from_json(data)
    data = loads(RISK_STATUS)
    del data["limits"][0]["exceeded"]
    with pytest.raises(TallyDecodeError, match=r"risk\.limits\[0\]\.exceeded: missing"):
        RiskStatus.from_json(data)


def test_trading_state_change() -> None:
    change = TradingStateChange.from_json(
        loads(b'{"state":"HALTED","reason":"text","since":"2026-12-04T01:00:00Z","source":"manual"}')
    )
    assert change == TradingStateChange("HALTED", "text", dt.datetime(2026, 12, 4, 1, tzinfo=UTC), "manual")
    # ACTIVE set by hand on an account that never left it: no time it was entered.
    kept = TradingStateChange.from_json(
        loads(b'{"state":"ACTIVE","reason":"x","since":null,"source":"manual"}')
    )
    assert kept.since is None and kept.state == "ACTIVE"
