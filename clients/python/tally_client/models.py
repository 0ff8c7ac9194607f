"""The answers of Tally's API as frozen dataclasses, and how each is read from its JSON.

Both clients return these; each has a ``from_json(data)`` class method, the one place its JSON is
read. Amounts, prices, volumes, percentages and ratios are :class:`decimal.Decimal`; times are
aware :class:`datetime.datetime`; days are :class:`datetime.date`. Fields the server adds later are
ignored, and every answer keeps the JSON object it was read from in ``raw`` (left out of ``==``
and ``repr``), so nothing the server sent is lost.

Example::

    p = Portfolio.from_json(loads(body))
    p.equity_base            # Decimal('1099.00000000')
    p.raw["equity_base"]     # '1099.00000000'
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Dict, Iterator, Optional, Tuple, Union

from ._fields import Obj, loads
from .errors import TallyDecodeError

__all__ = [
    "Health",
    "Holding",
    "Portfolio",
    "Allocation",
    "Position",
    "NonPairHolding",
    "Positions",
    "PairPnl",
    "StrategyPnl",
    "PnlSummary",
    "DailyPerformance",
    "DatedReturn",
    "PeriodReturn",
    "Returns",
    "RiskRatios",
    "DrawdownWindows",
    "TradeStats",
    "Attribution",
    "BenchmarkComparison",
    "DatedValue",
    "Rolling",
    "Performance",
    "MarginPosition",
    "Margin",
    "RiskEventPosition",
    "SuggestedAction",
    "RiskEvent",
    "RiskEvents",
    "SyncResult",
    "ExternalActivity",
    "DriftChange",
    "UnknownEvent",
    "StreamEvent",
    "RiskReason",
    "RiskCheck",
    "PositionSize",
    "RiskLimit",
    "RiskDrawdown",
    "CorrelationGroup",
    "Concentration",
    "ClassExposure",
    "RiskStatus",
    "TradingStateChange",
    "TRADING_STATES",
    "RISK_EVENT_TYPES",
    "RISK_RULES",
    "parse_event",
]

#: The trading states the risk endpoints name (``trading_state``): new orders allowed, only
#: orders that reduce exposure, none.
TRADING_STATES = ("ACTIVE", "REDUCING", "HALTED")

#: The risk event types the server raises (:attr:`RiskEvent.type`, ``risk_events(type=...)``): the
#: margin alerts, the drawdown ladder's breach and recovery, the limits the post-trade monitor
#: finds exceeded (and restored), drift, stale prices, and trading state changes. A type added
#: later still parses, as text.
RISK_EVENT_TYPES = (
    "MARGIN_CALL",
    "LIQUIDATION_RISK",
    "MARGIN_CRITICAL",
    "MARGIN_RESTORED",
    "DRAWDOWN_BREACH",
    "DRAWDOWN_RECOVERED",
    "LEVERAGE_EXCEEDED",
    "POSITION_LIMIT_EXCEEDED",
    "PORTFOLIO_RISK_EXCEEDED",
    "CONCENTRATION_LIMIT",
    "DRIFT",
    "STALE_PRICES",
    "TRADING_STATE_CHANGED",
    "LIMIT_RESTORED",
)

#: The rules of a pre-trade check, as ``rule`` names them in :class:`RiskReason`,
#: :class:`RiskLimit`, :attr:`PositionSize.limited_by` and a limit's :class:`RiskEvent`: the
#: ``risk:`` config keys, and for the rules without one the thing checked.
RISK_RULES = (
    "leverage_cap",
    "max_position_pct",
    "min_position_pct",
    "min_position_base",
    "max_portfolio_risk_pct",
    "max_correlated_exposure_pct",
    "max_class_pct",
    "max_positions_per_symbol",
    "cash_reserve_pct",
    "free_margin",
    "balance",
    "ordermin",
    "costmin",
    "lot_decimals",
    "trading_state",
    "refuse_on_drift",
    "refuse_on_stale_prices",
    "price",
)


def _raw() -> Any:
    """The ``raw`` field of every answer: the JSON object it was read from, out of ``==``/repr."""
    return field(default_factory=dict, repr=False, compare=False)


def _reasons() -> Any:
    """A ``reasons`` mapping (``<name>_reason`` members): compared, but not hashed."""
    return field(hash=False)


# --- health ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    """``GET /health``: whether the store answers, the last sync and the age of the oldest price.

    Example: ``client.health().status`` is ``"ok"`` or ``"degraded"``.
    """

    status: str
    store: str
    last_sync_at: Optional[_dt.datetime]
    last_sync_error: Optional[str]
    oldest_price_at: Optional[_dt.datetime]
    price_age_seconds: Optional[int]
    stale: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "health") -> "Health":
        o = Obj(data, where)
        return cls(
            status=o.text("status"),
            store=o.text("store"),
            last_sync_at=o.opt_time("last_sync_at"),
            last_sync_error=o.opt_text("last_sync_error"),
            oldest_price_at=o.opt_time("oldest_price_at"),
            price_age_seconds=o.opt_int("price_age_seconds"),
            stale=o.boolean("stale"),
            raw=o.data,
        )


# --- portfolio ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """One asset held, valued (``/portfolio`` ``holdings``, ``/portfolio/allocation`` ``assets``).

    ``free``/``reserved``/``total`` split the amount by what open orders hold of it (``None`` on an
    answer without that split). ``amount_decimals``/``price_decimals`` are display hints only.

    Example: ``h.asset, h.amount, h.value_base, h.percentage_of_equity`` is
    ``('XBT', Decimal('0.01'), Decimal('600.00000000'), Decimal('54.5951'))``.
    """

    asset: str
    amount: Decimal
    amount_decimals: Optional[int]
    cost_basis_base: Decimal
    avg_cost_base: Optional[Decimal]
    price_base: Optional[Decimal]
    price_decimals: Optional[int]
    price_at: Optional[_dt.datetime]
    value_base: Decimal
    unrealized_pnl_base: Decimal
    realized_pnl_base: Decimal
    source_pair: Optional[str]
    unvalued: bool
    stale: bool
    percentage_of_equity: Decimal
    free: Optional[Decimal]
    reserved: Optional[Decimal]
    total: Optional[Decimal]
    reserved_as_of: Optional[_dt.datetime]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "holding") -> "Holding":
        o = Obj(data, where)
        return cls(
            asset=o.text("asset"),
            amount=o.dec("amount"),
            amount_decimals=o.opt_int("amount_decimals"),
            cost_basis_base=o.dec("cost_basis_base"),
            avg_cost_base=o.opt_dec("avg_cost_base"),
            price_base=o.opt_dec("price_base"),
            price_decimals=o.opt_int("price_decimals"),
            price_at=o.opt_time("price_at"),
            value_base=o.dec("value_base"),
            unrealized_pnl_base=o.dec("unrealized_pnl_base"),
            realized_pnl_base=o.dec("realized_pnl_base"),
            source_pair=o.opt_text("source_pair"),
            unvalued=o.boolean("unvalued"),
            stale=o.boolean("stale"),
            percentage_of_equity=o.dec("percentage_of_equity"),
            free=o.opt_dec("free"),
            reserved=o.opt_dec("reserved"),
            total=o.opt_dec("total"),
            reserved_as_of=o.opt_time("reserved_as_of"),
            raw=o.data,
        )


@dataclass(frozen=True)
class Portfolio:
    """``GET /api/v1/portfolio``: equity, cash, PnL, flags, the live drawdown windows, holdings.

    The drawdowns are fractions (``Decimal('0.05')`` is 5 % below the high-water mark), ``None``
    before any equity was observed. ``margin_used_base``, ``free_margin_base`` and
    ``margin_level`` (%) are ``None`` while no margin position is open.

    Example::

        p = client.portfolio()
        if p.stale or p.drift_flag:
            ...  # do not size orders from these numbers
        print(p.equity_base, [h.asset for h in p.holdings])
    """

    base_currency: str
    equity_base: Decimal
    cash_base: Decimal
    other_fiat_base: Decimal
    realized_pnl_base_total: Decimal
    unrealized_pnl_base_total: Decimal
    drift_flag: bool
    stale: bool
    as_of: _dt.datetime
    oldest_price_at: Optional[_dt.datetime]
    daily_drawdown: Optional[Decimal]
    weekly_drawdown: Optional[Decimal]
    total_drawdown: Optional[Decimal]
    daily_peak_base: Optional[Decimal]
    weekly_peak_base: Optional[Decimal]
    total_peak_base: Optional[Decimal]
    daily_reset_at: Optional[_dt.datetime]
    weekly_reset_at: Optional[_dt.datetime]
    margin_used_base: Optional[Decimal]
    free_margin_base: Optional[Decimal]
    margin_level: Optional[Decimal]
    last_sync_at: Optional[_dt.datetime]
    last_sync_error: Optional[str]
    holdings: Tuple[Holding, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "portfolio") -> "Portfolio":
        o = Obj(data, where)
        return cls(
            base_currency=o.text("base_currency"),
            equity_base=o.dec("equity_base"),
            cash_base=o.dec("cash_base"),
            other_fiat_base=o.dec("other_fiat_base"),
            realized_pnl_base_total=o.dec("realized_pnl_base_total"),
            unrealized_pnl_base_total=o.dec("unrealized_pnl_base_total"),
            drift_flag=o.boolean("drift_flag"),
            stale=o.boolean("stale"),
            as_of=o.time("as_of"),
            oldest_price_at=o.opt_time("oldest_price_at"),
            daily_drawdown=o.opt_dec("daily_drawdown"),
            weekly_drawdown=o.opt_dec("weekly_drawdown"),
            total_drawdown=o.opt_dec("total_drawdown"),
            daily_peak_base=o.opt_dec("daily_peak_base"),
            weekly_peak_base=o.opt_dec("weekly_peak_base"),
            total_peak_base=o.opt_dec("total_peak_base"),
            daily_reset_at=o.opt_time("daily_reset_at"),
            weekly_reset_at=o.opt_time("weekly_reset_at"),
            margin_used_base=o.opt_dec("margin_used_base"),
            free_margin_base=o.opt_dec("free_margin_base"),
            margin_level=o.opt_dec("margin_level"),
            last_sync_at=o.opt_time("last_sync_at"),
            last_sync_error=o.opt_text("last_sync_error"),
            holdings=o.objects("holdings", Holding.from_json),
            raw=o.data,
        )

    def holding(self, asset: str) -> Optional[Holding]:
        """The holding of ``asset`` (``"XBT"``), or ``None``."""
        return next((h for h in self.holdings if h.asset == asset), None)


@dataclass(frozen=True)
class Allocation:
    """``GET /api/v1/portfolio/allocation``: equity and each asset's share of it (the exposure).

    Example: ``{a.asset: a.percentage_of_equity for a in client.allocation().assets}``.
    """

    equity_base: Decimal
    assets: Tuple[Holding, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "allocation") -> "Allocation":
        o = Obj(data, where)
        return cls(
            equity_base=o.dec("equity_base"),
            assets=o.objects("assets", Holding.from_json),
            raw=o.data,
        )


@dataclass(frozen=True)
class Position:
    """One pair position, valued (``/portfolio/positions``, ``/portfolio/positions/{pair}``).

    Example: ``client.position("XBT/USD").base_size`` is ``Decimal('0.01')``.
    """

    pair: str
    base_asset: str
    quote_asset: str
    base_size: Decimal
    amount_decimals: Optional[int]
    avg_entry_price: Optional[Decimal]
    price_decimals: Optional[int]
    realized_pnl_base: Decimal
    unrealized_pnl_base: Decimal
    fees_paid_base: Decimal
    current_value_base: Decimal
    unvalued: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "position") -> "Position":
        o = Obj(data, where)
        return cls(
            pair=o.text("pair"),
            base_asset=o.text("base_asset"),
            quote_asset=o.text("quote_asset"),
            base_size=o.dec("base_size"),
            amount_decimals=o.opt_int("amount_decimals"),
            avg_entry_price=o.opt_dec("avg_entry_price"),
            price_decimals=o.opt_int("price_decimals"),
            realized_pnl_base=o.dec("realized_pnl_base"),
            unrealized_pnl_base=o.dec("unrealized_pnl_base"),
            fees_paid_base=o.dec("fees_paid_base"),
            current_value_base=o.dec("current_value_base"),
            unvalued=o.boolean("unvalued"),
            raw=o.data,
        )


@dataclass(frozen=True)
class NonPairHolding:
    """The units of an asset no pair position holds (deposits, rewards, quote currency received).

    Example: ``NonPairHolding(asset='USD', non_pair_amount=Decimal('499'))``.
    """

    asset: str
    non_pair_amount: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "non_pair_holding") -> "NonPairHolding":
        o = Obj(data, where)
        return cls(asset=o.text("asset"), non_pair_amount=o.dec("non_pair_amount"), raw=o.data)


@dataclass(frozen=True)
class Positions:
    """``GET /api/v1/portfolio/positions``: every pair position, open or flat, and the remainder
    no pair holds; with the positions' sizes it adds up to the holdings.

    Example: ``[p.pair for p in client.positions().open]``.
    """

    positions: Tuple[Position, ...]
    non_pair_holdings: Tuple[NonPairHolding, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "positions") -> "Positions":
        o = Obj(data, where)
        return cls(
            positions=o.objects("positions", Position.from_json),
            non_pair_holdings=o.objects("non_pair_holdings", NonPairHolding.from_json, True),
            raw=o.data,
        )

    @property
    def open(self) -> Tuple[Position, ...]:
        """The positions whose size is not zero."""
        return tuple(p for p in self.positions if p.base_size != 0)

    def __iter__(self) -> Iterator[Position]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


# --- PnL ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairPnl:
    """One pair's realized and unrealized PnL in a :class:`PnlSummary`.

    Example: ``PairPnl(pair='XBTUSD', realized_pnl_base=Decimal('-1'), ...)``.
    """

    pair: str
    realized_pnl_base: Decimal
    unrealized_pnl_base: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "by_pair") -> "PairPnl":
        o = Obj(data, where)
        return cls(
            pair=o.text("pair"),
            realized_pnl_base=o.dec("realized_pnl_base"),
            unrealized_pnl_base=o.dec("unrealized_pnl_base"),
            raw=o.data,
        )


@dataclass(frozen=True)
class StrategyPnl:
    """One strategy tag's realized PnL in a :class:`PnlSummary`.

    Example: ``StrategyPnl(strategy_tag='trend_v1', realized_pnl_base=Decimal('120.5'))``.
    """

    strategy_tag: str
    realized_pnl_base: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "by_strategy") -> "StrategyPnl":
        o = Obj(data, where)
        return cls(
            strategy_tag=o.text("strategy_tag"),
            realized_pnl_base=o.dec("realized_pnl_base"),
            raw=o.data,
        )


@dataclass(frozen=True)
class PnlSummary:
    """``GET /api/v1/portfolio/pnl``: the period's trading PnL, by pair and by strategy tag.

    ``from_`` is the period's start (``None`` for ``all``), ``to`` its end.

    Example: ``client.pnl(period="7d").total_trading_pnl_base``.
    """

    period: str
    from_: Optional[_dt.datetime]
    to: _dt.datetime
    include_manual: bool
    realized_trading_pnl_base: Decimal
    unrealized_pair_pnl_base: Decimal
    total_trading_pnl_base: Decimal
    by_pair: Tuple[PairPnl, ...]
    by_strategy: Tuple[StrategyPnl, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "pnl") -> "PnlSummary":
        o = Obj(data, where)
        return cls(
            period=o.text("period"),
            from_=o.opt_time("from"),
            to=o.time("to"),
            include_manual=o.boolean("include_manual"),
            realized_trading_pnl_base=o.dec("realized_trading_pnl_base"),
            unrealized_pair_pnl_base=o.dec("unrealized_pair_pnl_base"),
            total_trading_pnl_base=o.dec("total_trading_pnl_base"),
            by_pair=o.objects("by_pair", PairPnl.from_json),
            by_strategy=o.objects("by_strategy", StrategyPnl.from_json),
            raw=o.data,
        )


# --- performance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DailyPerformance:
    """One day of :attr:`Performance.daily`: equity, net flow, the day's return, TWR index and
    drawdown (fractions; ``None`` for a day without a return).

    Example: ``DailyPerformance(date=date(2024, 1, 2), equity_base=Decimal('999'), ...)``.
    """

    date: _dt.date
    equity_base: Decimal
    net_flow_base: Decimal
    return_: Optional[Decimal]
    twr_index: Optional[Decimal]
    drawdown: Optional[Decimal]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "daily") -> "DailyPerformance":
        o = Obj(data, where)
        return cls(
            date=o.day("date"),
            equity_base=o.dec("equity_base"),
            net_flow_base=o.dec("net_flow_base"),
            return_=o.opt_dec("return"),
            twr_index=o.opt_dec("twr_index"),
            drawdown=o.opt_dec("drawdown"),
            raw=o.data,
        )


@dataclass(frozen=True)
class DatedReturn:
    """A day's return (``best_day``, ``worst_day``), a fraction.

    Example: ``DatedReturn(date=date(2026, 11, 8), return_=Decimal('0.122'))``.
    """

    date: _dt.date
    return_: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "day") -> "DatedReturn":
        o = Obj(data, where)
        return cls(date=o.day("date"), return_=o.dec("return"), raw=o.data)


@dataclass(frozen=True)
class PeriodReturn:
    """A week's, month's, quarter's or year's return (``period`` is ``2026-W45``, ``2026-11``,
    ``2026-Q4`` or ``2026``), a fraction.

    Example: ``PeriodReturn(period='2026-11', return_=Decimal('0.0399'))``.
    """

    period: str
    return_: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "period") -> "PeriodReturn":
        o = Obj(data, where)
        return cls(period=o.text("period"), return_=o.dec("return"), raw=o.data)


@dataclass(frozen=True)
class Returns:
    """:attr:`Performance.returns`: TWR, MWR, CAGR (fractions), total PnL, best and worst days
    and returns by week, month, quarter and year. A figure the server cannot compute is ``None``
    and ``reasons[name]`` says why.

    Example: ``perf.returns.twr``, ``perf.returns.reasons.get("mwr")``.
    """

    twr: Decimal
    mwr: Optional[Decimal]
    cagr: Optional[Decimal]
    total_pnl_base: Decimal
    best_day: Optional[DatedReturn]
    worst_day: Optional[DatedReturn]
    by_week: Tuple[PeriodReturn, ...]
    by_month: Tuple[PeriodReturn, ...]
    by_quarter: Tuple[PeriodReturn, ...]
    by_year: Tuple[PeriodReturn, ...]
    best_week: Optional[PeriodReturn]
    worst_week: Optional[PeriodReturn]
    best_month: Optional[PeriodReturn]
    worst_month: Optional[PeriodReturn]
    best_quarter: Optional[PeriodReturn]
    worst_quarter: Optional[PeriodReturn]
    best_year: Optional[PeriodReturn]
    worst_year: Optional[PeriodReturn]
    reasons: Dict[str, str] = _reasons()
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "returns") -> "Returns":
        o = Obj(data, where)
        p = PeriodReturn.from_json
        return cls(
            twr=o.dec("twr"),
            mwr=o.opt_dec("mwr"),
            cagr=o.opt_dec("cagr"),
            total_pnl_base=o.dec("total_pnl_base"),
            best_day=o.opt_obj("best_day", DatedReturn.from_json),
            worst_day=o.opt_obj("worst_day", DatedReturn.from_json),
            by_week=o.objects("by_week", p, True),
            by_month=o.objects("by_month", p, True),
            by_quarter=o.objects("by_quarter", p, True),
            by_year=o.objects("by_year", p, True),
            best_week=o.opt_obj("best_week", p),
            worst_week=o.opt_obj("worst_week", p),
            best_month=o.opt_obj("best_month", p),
            worst_month=o.opt_obj("worst_month", p),
            best_quarter=o.opt_obj("best_quarter", p),
            worst_quarter=o.opt_obj("worst_quarter", p),
            best_year=o.opt_obj("best_year", p),
            worst_year=o.opt_obj("worst_year", p),
            reasons=o.reasons(),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskRatios:
    """:attr:`Performance.risk`: volatility, Sharpe, Sortino, Calmar, recovery factor (``None``
    with ``reasons[name]`` when not computable), the maximum drawdown (a fraction) with its peak,
    trough and recovery days, the longest time under water and the current drawdown.

    Example: ``perf.risk.max_drawdown`` is ``Decimal('0.10125380747456725')``.
    """

    volatility: Optional[Decimal]
    sharpe: Optional[Decimal]
    sortino: Optional[Decimal]
    calmar: Optional[Decimal]
    recovery_factor: Optional[Decimal]
    max_drawdown: Decimal
    max_drawdown_peak: Optional[_dt.date]
    max_drawdown_trough: Optional[_dt.date]
    max_drawdown_recovery: Optional[_dt.date]
    longest_underwater_days: int
    current_drawdown: Decimal
    reasons: Dict[str, str] = _reasons()
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk") -> "RiskRatios":
        o = Obj(data, where)
        return cls(
            volatility=o.opt_dec("volatility"),
            sharpe=o.opt_dec("sharpe"),
            sortino=o.opt_dec("sortino"),
            calmar=o.opt_dec("calmar"),
            recovery_factor=o.opt_dec("recovery_factor"),
            max_drawdown=o.dec("max_drawdown"),
            max_drawdown_peak=o.opt_day("max_drawdown_peak"),
            max_drawdown_trough=o.opt_day("max_drawdown_trough"),
            max_drawdown_recovery=o.opt_day("max_drawdown_recovery"),
            longest_underwater_days=o.integer("longest_underwater_days"),
            current_drawdown=o.dec("current_drawdown"),
            reasons=o.reasons(),
            raw=o.data,
        )


@dataclass(frozen=True)
class DrawdownWindows:
    """The live drawdown windows (fractions below each window's high-water mark), their peaks and
    when the daily and weekly windows reset; all ``None`` (with ``reason``) before any equity.

    Example: ``perf.drawdown_windows.daily`` is ``Decimal('0.0')``.
    """

    daily: Optional[Decimal]
    weekly: Optional[Decimal]
    total: Optional[Decimal]
    daily_peak_base: Optional[Decimal]
    weekly_peak_base: Optional[Decimal]
    total_peak_base: Optional[Decimal]
    daily_reset_at: Optional[_dt.datetime]
    weekly_reset_at: Optional[_dt.datetime]
    reason: Optional[str]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "drawdown_windows") -> "DrawdownWindows":
        o = Obj(data, where)
        return cls(
            daily=o.opt_dec("daily"),
            weekly=o.opt_dec("weekly"),
            total=o.opt_dec("total"),
            daily_peak_base=o.opt_dec("daily_peak_base"),
            weekly_peak_base=o.opt_dec("weekly_peak_base"),
            total_peak_base=o.opt_dec("total_peak_base"),
            daily_reset_at=o.opt_time("daily_reset_at"),
            weekly_reset_at=o.opt_time("weekly_reset_at"),
            reason=o.opt_text("reason"),
            raw=o.data,
        )


@dataclass(frozen=True)
class TradeStats:
    """:attr:`Performance.trades`: statistics of the closed trade cycles. Money ``_base`` in the
    base currency; ``win_rate``, ``profit_factor``, ``payoff_ratio`` are numbers; any of them may
    be ``None`` with ``reasons[name]``.

    Example: ``perf.trades.win_rate`` is ``Decimal('0.5714285714285714')``.
    """

    count: int
    wins: int
    losses: int
    break_even: int
    win_rate: Optional[Decimal]
    average_win_base: Optional[Decimal]
    average_loss_base: Optional[Decimal]
    largest_win_base: Optional[Decimal]
    largest_loss_base: Optional[Decimal]
    profit_factor: Optional[Decimal]
    expectancy_base: Optional[Decimal]
    payoff_ratio: Optional[Decimal]
    current_win_streak: int
    current_loss_streak: int
    longest_win_streak: int
    longest_loss_streak: int
    average_duration_minutes: Optional[Decimal]
    median_duration_minutes: Optional[Decimal]
    fees_base: Decimal
    gross_pnl_base: Decimal
    fees_pct_of_gross: Optional[Decimal]
    reasons: Dict[str, str] = _reasons()
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "trades") -> "TradeStats":
        o = Obj(data, where)
        return cls(
            count=o.integer("count"),
            wins=o.integer("wins"),
            losses=o.integer("losses"),
            break_even=o.integer("break_even"),
            win_rate=o.opt_dec("win_rate"),
            average_win_base=o.opt_dec("average_win_base"),
            average_loss_base=o.opt_dec("average_loss_base"),
            largest_win_base=o.opt_dec("largest_win_base"),
            largest_loss_base=o.opt_dec("largest_loss_base"),
            profit_factor=o.opt_dec("profit_factor"),
            expectancy_base=o.opt_dec("expectancy_base"),
            payoff_ratio=o.opt_dec("payoff_ratio"),
            current_win_streak=o.integer("current_win_streak"),
            current_loss_streak=o.integer("current_loss_streak"),
            longest_win_streak=o.integer("longest_win_streak"),
            longest_loss_streak=o.integer("longest_loss_streak"),
            average_duration_minutes=o.opt_dec("average_duration_minutes"),
            median_duration_minutes=o.opt_dec("median_duration_minutes"),
            fees_base=o.dec("fees_base"),
            gross_pnl_base=o.dec("gross_pnl_base"),
            fees_pct_of_gross=o.opt_dec("fees_pct_of_gross"),
            reasons=o.reasons(),
            raw=o.data,
        )


@dataclass(frozen=True)
class Attribution:
    """One row of :attr:`Performance.by_strategy` (``name`` is the strategy tag) or
    :attr:`Performance.by_asset` (``name`` is the asset): realized, unrealized (``None`` for a
    strategy, with ``reasons['unrealized_base']``), fees, trades, PnL and its ``contribution`` to
    the range's return.

    Example: ``{a.name: a.pnl_base for a in perf.by_strategy}``.
    """

    name: str
    realized_base: Decimal
    unrealized_base: Optional[Decimal]
    fees_base: Decimal
    trades: int
    pnl_base: Decimal
    contribution: Optional[Decimal]
    reasons: Dict[str, str] = _reasons()
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "attribution") -> "Attribution":
        o = Obj(data, where)
        key = "strategy" if "strategy" in o.data else "asset"
        return cls(
            name=o.text(key),
            realized_base=o.dec("realized_base"),
            unrealized_base=o.opt_dec("unrealized_base"),
            fees_base=o.dec("fees_base"),
            trades=o.integer("trades"),
            pnl_base=o.dec("pnl_base"),
            contribution=o.opt_dec("contribution"),
            reasons=o.reasons(),
            raw=o.data,
        )


@dataclass(frozen=True)
class BenchmarkComparison:
    """:attr:`Performance.benchmark`: holding ``asset`` instead, compared (``None`` figures with
    ``reasons[name]`` when the history cannot say).

    Example: ``perf.benchmark.asset`` is ``'XBT'``.
    """

    asset: str
    return_: Optional[Decimal]
    excess_return: Optional[Decimal]
    beta: Optional[Decimal]
    correlation: Optional[Decimal]
    tracking_error: Optional[Decimal]
    information_ratio: Optional[Decimal]
    reasons: Dict[str, str] = _reasons()
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "benchmark") -> "BenchmarkComparison":
        o = Obj(data, where)
        return cls(
            asset=o.text("asset"),
            return_=o.opt_dec("return"),
            excess_return=o.opt_dec("excess_return"),
            beta=o.opt_dec("beta"),
            correlation=o.opt_dec("correlation"),
            tracking_error=o.opt_dec("tracking_error"),
            information_ratio=o.opt_dec("information_ratio"),
            reasons=o.reasons(),
            raw=o.data,
        )


@dataclass(frozen=True)
class DatedValue:
    """One point of a rolling statistic (``None`` on a day it cannot be computed).

    Example: ``DatedValue(date=date(2026, 12, 3), value=Decimal('1.28'))``.
    """

    date: _dt.date
    value: Optional[Decimal]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "point") -> "DatedValue":
        o = Obj(data, where)
        return cls(date=o.day("date"), value=o.opt_dec("value"), raw=o.data)


@dataclass(frozen=True)
class Rolling:
    """:attr:`Performance.rolling`: the 30-day Sharpe ratio and 90-day maximum drawdown by day.

    Example: ``perf.rolling.sharpe_30d[-1].value``.
    """

    sharpe_30d: Tuple[DatedValue, ...]
    max_drawdown_90d: Tuple[DatedValue, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "rolling") -> "Rolling":
        o = Obj(data, where)
        return cls(
            sharpe_30d=o.objects("sharpe_30d", DatedValue.from_json, True),
            max_drawdown_90d=o.objects("max_drawdown_90d", DatedValue.from_json, True),
            raw=o.data,
        )


@dataclass(frozen=True)
class Performance:
    """``GET /api/v1/portfolio/performance`` (and ``/portfolio/metrics``, without ``daily``):
    returns, risk ratios, drawdowns, trade statistics, attribution and the benchmark over the
    days ``from_`` to ``to``. Statistics are fractions as ``Decimal`` (``0.055`` is 5.5 %).

    Example::

        perf = client.performance(from_=date(2026, 11, 1))
        print(perf.returns.twr, perf.risk.sharpe, perf.risk.reasons.get("sharpe"))
    """

    base_currency: str
    from_: _dt.date
    to: _dt.date
    timezone: str
    observations: int
    daily: Tuple[DailyPerformance, ...]
    returns: Returns
    risk: RiskRatios
    drawdown_windows: DrawdownWindows
    trades: TradeStats
    by_strategy: Tuple[Attribution, ...]
    by_asset: Tuple[Attribution, ...]
    benchmark: BenchmarkComparison
    rolling: Rolling
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "performance") -> "Performance":
        o = Obj(data, where)
        return cls(
            base_currency=o.text("base_currency"),
            from_=o.day("from"),
            to=o.day("to"),
            timezone=o.text("timezone"),
            observations=o.integer("observations"),
            daily=o.objects("daily", DailyPerformance.from_json, True),
            returns=o.obj("returns", Returns.from_json),
            risk=o.obj("risk", RiskRatios.from_json),
            drawdown_windows=o.obj("drawdown_windows", DrawdownWindows.from_json),
            trades=o.obj("trades", TradeStats.from_json),
            by_strategy=o.objects("by_strategy", Attribution.from_json, True),
            by_asset=o.objects("by_asset", Attribution.from_json, True),
            benchmark=o.obj("benchmark", BenchmarkComparison.from_json),
            rolling=o.obj("rolling", Rolling.from_json),
            raw=o.data,
        )


# --- margin ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarginPosition:
    """One open Kraken margin position in :class:`Margin`: signed ``size`` (negative is short),
    entry and mark prices (quote asset), leverage, margins and PnL in the base currency, and the
    liquidation price (``None`` when it cannot be computed).

    Example: ``MarginPosition(pair='XBTUSD', size=Decimal('-0.08699804'), leverage=Decimal('2'), ...)``.
    """

    pair: str
    quote_asset: str
    size: Decimal
    entry_price: Optional[Decimal]
    mark_price: Optional[Decimal]
    price_decimals: Optional[int]
    leverage: Decimal
    notional_base: Optional[Decimal]
    initial_margin_base: Optional[Decimal]
    maintenance_margin_base: Optional[Decimal]
    liquidation_price: Optional[Decimal]
    unrealized_pnl_base: Decimal
    realized_pnl_base: Decimal
    fees_paid_base: Decimal
    funding_paid_base: Decimal
    unvalued: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "margin_position") -> "MarginPosition":
        o = Obj(data, where)
        return cls(
            pair=o.text("pair"),
            quote_asset=o.text("quote_asset"),
            size=o.dec("size"),
            entry_price=o.opt_dec("entry_price"),
            mark_price=o.opt_dec("mark_price"),
            price_decimals=o.opt_int("price_decimals"),
            leverage=o.dec("leverage"),
            notional_base=o.opt_dec("notional_base"),
            initial_margin_base=o.opt_dec("initial_margin_base"),
            maintenance_margin_base=o.opt_dec("maintenance_margin_base"),
            liquidation_price=o.opt_dec("liquidation_price"),
            unrealized_pnl_base=o.dec("unrealized_pnl_base"),
            realized_pnl_base=o.dec("realized_pnl_base"),
            fees_paid_base=o.dec("fees_paid_base"),
            funding_paid_base=o.dec("funding_paid_base"),
            unvalued=o.boolean("unvalued"),
            raw=o.data,
        )


@dataclass(frozen=True)
class Margin:
    """``GET /api/v1/portfolio/margin``: the account's margin figures and its open positions.
    ``margin_level`` is a percentage (``None`` without margin used).

    Example::

        m = client.margin()
        room = m.free_margin_after_reserve_base
    """

    base_currency: str
    mode: str
    equity_base: Decimal
    collateral_base: Decimal
    margin_used_base: Decimal
    free_margin_base: Decimal
    margin_level: Optional[Decimal]
    maintenance_margin_base: Decimal
    reserve_base: Decimal
    free_margin_after_reserve_base: Decimal
    positions: Tuple[MarginPosition, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "margin") -> "Margin":
        o = Obj(data, where)
        return cls(
            base_currency=o.text("base_currency"),
            mode=o.text("mode"),
            equity_base=o.dec("equity_base"),
            collateral_base=o.dec("collateral_base"),
            margin_used_base=o.dec("margin_used_base"),
            free_margin_base=o.dec("free_margin_base"),
            margin_level=o.opt_dec("margin_level"),
            maintenance_margin_base=o.dec("maintenance_margin_base"),
            reserve_base=o.dec("reserve_base"),
            free_margin_after_reserve_base=o.dec("free_margin_after_reserve_base"),
            positions=o.objects("positions", MarginPosition.from_json),
            raw=o.data,
        )


# --- risk events and the event stream ----------------------------------------------------------


@dataclass(frozen=True)
class RiskEventPosition:
    """A position named in a :class:`RiskEvent`.

    Example: ``RiskEventPosition(pair='XBTUSD', quote_asset='USD', size=Decimal('1'), ...)``.
    """

    pair: str
    quote_asset: Optional[str]
    size: Optional[Decimal]
    unrealized_pnl_base: Optional[Decimal]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "position") -> "RiskEventPosition":
        o = Obj(data, where)
        return cls(
            pair=o.text("pair"),
            quote_asset=o.opt_text("quote_asset"),
            size=o.opt_dec("size"),
            unrealized_pnl_base=o.opt_dec("unrealized_pnl_base"),
            raw=o.data,
        )


@dataclass(frozen=True)
class SuggestedAction:
    """What a ``MARGIN_CRITICAL`` event suggests: reduce the most losing position.

    Example: ``SuggestedAction(action='reduce', pair='XBTUSD', ...)``.
    """

    action: str
    pair: str
    quote_asset: Optional[str]
    unrealized_pnl_base: Optional[Decimal]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "suggested_action") -> "SuggestedAction":
        o = Obj(data, where)
        return cls(
            action=o.text("action"),
            pair=o.text("pair"),
            quote_asset=o.opt_text("quote_asset"),
            unrealized_pnl_base=o.opt_dec("unrealized_pnl_base"),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskEvent:
    """A risk event, as ``GET /risk/events`` lists it and the event stream sends it
    (``risk_event``). ``type`` is one of :data:`RISK_EVENT_TYPES` or a type added later (kept as
    text). ``level`` is a margin alert's margin level in % and a drawdown event's level (a
    negative fraction such as ``Decimal('-0.05')``); ``None`` for the others.

    The members of each kind of event, ``None`` on the others:

    * ``DRAWDOWN_BREACH``, ``DRAWDOWN_RECOVERED``: ``window`` (``total``, ``daily`` or
      ``weekly``) and ``peak_base``, the peak the drawdown is measured from;
    * ``TRADING_STATE_CHANGED``: ``from_`` and ``to`` (``ACTIVE``, ``REDUCING``, ``HALTED``; the
      JSON's ``from`` and ``to``), ``reason``, and ``source`` (``manual`` or ``automatic``);
    * the limit events (``LEVERAGE_EXCEEDED``, ``POSITION_LIMIT_EXCEEDED``,
      ``PORTFOLIO_RISK_EXCEEDED``, ``CONCENTRATION_LIMIT``, ``DRIFT``, ``STALE_PRICES``,
      ``LIMIT_RESTORED``): ``rule`` (one of :data:`RISK_RULES`), ``subject`` (``account``, an
      asset, an asset class, a correlated group, or ``books`` for drift and stale prices),
      ``limit`` and ``value`` in the rule's unit.

    Only ``type`` and ``at`` are required, so events of types added later still parse; members
    added later are in ``raw``.

    Example::

        for e in client.risk_events(type="DRAWDOWN_BREACH"):
            print(e.at, e.level, e.window, e.peak_base)
        for e in client.risk_events(type="POSITION_LIMIT_EXCEEDED"):
            print(e.subject, e.value, "over", e.limit)
    """

    event_name: ClassVar[str] = "risk_event"

    type: str
    at: _dt.datetime
    level: Optional[Decimal]
    equity_base: Optional[Decimal]
    positions: Tuple[RiskEventPosition, ...]
    suggested_action: Optional[SuggestedAction]
    window: Optional[str] = None
    peak_base: Optional[Decimal] = None
    from_: Optional[str] = None
    to: Optional[str] = None
    reason: Optional[str] = None
    source: Optional[str] = None
    rule: Optional[str] = None
    subject: Optional[str] = None
    limit: Optional[Decimal] = None
    value: Optional[Decimal] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk_event") -> "RiskEvent":
        o = Obj(data, where)
        return cls(
            type=o.text("type"),
            at=o.time("at"),
            level=o.opt_dec("level"),
            equity_base=o.opt_dec("equity_base"),
            positions=o.objects("positions", RiskEventPosition.from_json, True),
            suggested_action=o.opt_obj("suggested_action", SuggestedAction.from_json),
            window=o.opt_text("window"),
            peak_base=o.opt_dec("peak_base"),
            from_=o.opt_text("from"),
            to=o.opt_text("to"),
            reason=o.opt_text("reason"),
            source=o.opt_text("source"),
            rule=o.opt_text("rule"),
            subject=o.opt_text("subject"),
            limit=o.opt_dec("limit"),
            value=o.opt_dec("value"),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskEvents:
    """``GET /api/v1/risk/events``: stored risk events, newest first; iterable.

    Example: ``[e.type for e in client.risk_events(since=an_hour_ago)]``.
    """

    events: Tuple[RiskEvent, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk_events") -> "RiskEvents":
        o = Obj(data, where)
        return cls(events=o.objects("events", RiskEvent.from_json), raw=o.data)

    def __iter__(self) -> Iterator[RiskEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)


@dataclass(frozen=True)
class SyncResult:
    """A sync's result: ``POST /api/v1/portfolio/sync``, and the stream's ``sync`` event.

    Example: ``client.sync().new_trades_count``.
    """

    event_name: ClassVar[str] = "sync"

    new_trades_count: int
    new_ledger_rows: int
    updated_pairs: Tuple[str, ...]
    cash_flows_added: int
    drift_detected: bool
    rows_already_stored: Optional[int]
    prices_stored: Optional[int]
    unpriced_moments: Optional[int]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "sync") -> "SyncResult":
        o = Obj(data, where)
        return cls(
            new_trades_count=o.integer("new_trades_count"),
            new_ledger_rows=o.integer("new_ledger_rows"),
            updated_pairs=o.texts("updated_pairs"),
            cash_flows_added=o.integer("cash_flows_added"),
            drift_detected=o.boolean("drift_detected"),
            rows_already_stored=o.opt_int("rows_already_stored"),
            prices_stored=o.opt_int("prices_stored"),
            unpriced_moments=o.opt_int("unpriced_moments"),
            raw=o.data,
        )


@dataclass(frozen=True)
class ExternalActivity:
    """The stream's ``external_activity`` event: manual trades or flows moved the portfolio by
    ``change_pct`` %. ``kind`` is ``manual_trade``, ``transfer`` or ``manual_trade_and_transfer``.

    Example: ``ExternalActivity(kind='transfer', change_pct=Decimal('7.5'), ...)``.
    """

    event_name: ClassVar[str] = "external_activity"

    at: _dt.datetime
    kind: str
    change_pct: Decimal
    event_ids: Tuple[str, ...]
    message: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "external_activity") -> "ExternalActivity":
        o = Obj(data, where)
        ids = o.data.get("event_ids") or []
        if not isinstance(ids, list):
            raise TallyDecodeError("%s.event_ids: expected a list, got %r" % (where, ids))
        return cls(
            at=o.time("at"),
            kind=o.text("kind"),
            change_pct=o.dec("change_pct"),
            event_ids=tuple(str(i) for i in ids),
            message=o.text("message"),
            raw=o.data,
        )


@dataclass(frozen=True)
class DriftChange:
    """The stream's ``drift`` event: the drift flag changed at ``checked_at``.

    Example: ``DriftChange(drift_flag=True, reconciliation_status='drift', ...)``.
    """

    event_name: ClassVar[str] = "drift"

    checked_at: _dt.datetime
    drift_flag: bool
    reconciliation_status: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "drift") -> "DriftChange":
        o = Obj(data, where)
        return cls(
            checked_at=o.time("checked_at"),
            drift_flag=o.boolean("drift_flag"),
            reconciliation_status=o.text("reconciliation_status"),
            raw=o.data,
        )


@dataclass(frozen=True)
class UnknownEvent:
    """An event of a name this client does not know yet: its name and its data (parsed JSON when
    it is JSON, else the text).

    Example: ``UnknownEvent(event='trading_state', data={'state': 'HALTED'})``.
    """

    event: str
    data: Any = field(hash=False)
    raw: Dict[str, Any] = _raw()


#: What the event stream yields.
StreamEvent = Union[RiskEvent, ExternalActivity, DriftChange, SyncResult, UnknownEvent]

_EVENTS = {
    cls.event_name: cls.from_json for cls in (RiskEvent, ExternalActivity, DriftChange, SyncResult)
}


def parse_event(name: str, data: str) -> StreamEvent:
    """A server-sent event's typed value, from its name and its data text.

    Example: ``parse_event("sync", '{"new_trades_count": 0, ...}')`` is a :class:`SyncResult`.
    """
    parse = _EVENTS.get(name)
    if parse is None:
        try:
            value: Any = loads(data)
        except TallyDecodeError:
            value = data
        return UnknownEvent(event=name, data=value, raw=value if isinstance(value, dict) else {})
    return parse(loads(data), name)


# --- the risk endpoints ------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskReason:
    """One rule a check or a size ran into: ``rule`` (one of :data:`RISK_RULES`), its ``limit``
    and the ``value`` the order would reach, in the rule's unit (a multiple for ``leverage_cap``,
    percent of equity for the ``_pct`` rules, the base currency, the spent asset for ``balance``);
    ``None`` for the rules without figures (``trading_state``, ``refuse_on_drift``,
    ``refuse_on_stale_prices``, ``price``). ``detail`` says it in a sentence.

    Example: ``RiskReason(rule='leverage_cap', limit=Decimal('6.0'), value=Decimal('6.2000'),
    detail='leverage would be 6.2000x, over the leverage cap of 6.0x')``.
    """

    rule: str
    limit: Optional[Decimal]
    value: Optional[Decimal]
    detail: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "reason") -> "RiskReason":
        o = Obj(data, where)
        return cls(
            rule=o.text("rule"),
            limit=o.opt_dec("limit"),
            value=o.opt_dec("value"),
            detail=o.text("detail"),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskCheck:
    """``POST /api/v1/risk/check``: whether an order passes the risk rules, every rule it fails
    (not only the first), and what it would do to leverage (a multiple of equity), exposure and
    risk (percent of equity) and margin (base currency). ``max_volume`` is the largest volume that
    would pass (``Decimal('0')`` when none would, ``None`` when no rule bounds it); with
    ``reserve=True`` a passed check holds its exposure until ``reserved_until``.

    Example::

        check = client.check_trade("XBTUSD", "buy", Decimal("0.5"), price=Decimal("60000"))
        if not check.passed:
            print([r.rule for r in check.reasons], check.max_volume)
    """

    passed: bool
    reasons: Tuple[RiskReason, ...]
    current_leverage: Decimal
    proposed_leverage: Decimal
    position_after_pct: Decimal
    exposure_after_pct: Decimal
    portfolio_risk_after_pct: Decimal
    margin_required_base: Decimal
    free_margin_after_base: Decimal
    max_volume: Optional[Decimal]
    trading_state: str
    check_id: str
    reserved_until: Optional[_dt.datetime]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk_check") -> "RiskCheck":
        o = Obj(data, where)
        return cls(
            passed=o.boolean("passed"),
            reasons=o.objects("reasons", RiskReason.from_json, True),
            current_leverage=o.dec("current_leverage"),
            proposed_leverage=o.dec("proposed_leverage"),
            position_after_pct=o.dec("position_after_pct"),
            exposure_after_pct=o.dec("exposure_after_pct"),
            portfolio_risk_after_pct=o.dec("portfolio_risk_after_pct"),
            margin_required_base=o.dec("margin_required_base"),
            free_margin_after_base=o.dec("free_margin_after_base"),
            max_volume=o.opt_dec("max_volume"),
            trading_state=o.text("trading_state"),
            check_id=o.text("check_id"),
            reserved_until=o.opt_time("reserved_until"),
            raw=o.data,
        )


@dataclass(frozen=True)
class PositionSize:
    """``POST /api/v1/risk/size``: the volume that risks ``risk_pct`` of equity between entry and
    stop (net of the round trip's fees), the amount risked (``risk_amount_base``), and the rules
    that made it smaller, in the order applied (``limited_by``, one :class:`RiskReason` each).

    Example: ``client.size_position("XBTUSD", "buy", entry=Decimal("60000"),
    stop=Decimal("58000"), risk_pct=Decimal("1")).volume``.
    """

    volume: Decimal
    risk_amount_base: Decimal
    limited_by: Tuple[str, ...]
    reasons: Tuple[RiskReason, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk_size") -> "PositionSize":
        o = Obj(data, where)
        return cls(
            volume=o.dec("volume"),
            risk_amount_base=o.dec("risk_amount_base"),
            limited_by=o.texts("limited_by", True),
            reasons=o.objects("reasons", RiskReason.from_json, True),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskLimit:
    """One limit of :class:`RiskStatus`: the rule, what it is about (``subject``: ``account``, an
    asset such as ``XBT``, an asset class, or a correlated group as ``ETH,XBT``), the limit and the
    value now in the rule's unit, its use in % (``None`` for a limit of 0), and whether it is
    exceeded.

    Example: ``RiskLimit(rule='leverage_cap', subject='account', limit=Decimal('6.0'),
    value=Decimal('5.8000'), utilisation_pct=Decimal('96.6667'), exceeded=False)``.
    """

    rule: str
    subject: str
    limit: Decimal
    value: Decimal
    utilisation_pct: Optional[Decimal]
    exceeded: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "limit") -> "RiskLimit":
        o = Obj(data, where)
        return cls(
            rule=o.text("rule"),
            subject=o.text("subject"),
            limit=o.dec("limit"),
            value=o.dec("value"),
            utilisation_pct=o.opt_dec("utilisation_pct"),
            exceeded=o.boolean("exceeded"),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskDrawdown:
    """:attr:`RiskStatus.drawdown`: how far equity is below its peak on the total, daily and
    weekly windows (a fraction: ``Decimal('0.06')`` is 6 % below; ``None`` before the first
    valuation), the ``risk.drawdown_levels`` breached (negative fractions, shallowest first, such
    as ``Decimal('-0.05')``), and the windows whose daily or weekly limit is breached
    (``breached_windows``: ``daily``, ``weekly``).

    Example: ``status.drawdown.breached_levels``.
    """

    total: Optional[Decimal]
    daily: Optional[Decimal]
    weekly: Optional[Decimal]
    breached_levels: Tuple[Decimal, ...]
    breached_windows: Tuple[str, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "drawdown") -> "RiskDrawdown":
        o = Obj(data, where)
        return cls(
            total=o.opt_dec("total"),
            daily=o.opt_dec("daily"),
            weekly=o.opt_dec("weekly"),
            breached_levels=o.decs("breached_levels", True),
            breached_windows=o.texts("breached_windows", True),
            raw=o.data,
        )


@dataclass(frozen=True)
class CorrelationGroup:
    """Assets that move together and their combined exposure (% of equity).

    Example: ``CorrelationGroup(assets=('XBT', 'ETH'), exposure_pct=Decimal('42.5'))``.
    """

    assets: Tuple[str, ...]
    exposure_pct: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "correlation_group") -> "CorrelationGroup":
        o = Obj(data, where)
        return cls(assets=o.texts("assets"), exposure_pct=o.dec("exposure_pct"), raw=o.data)


@dataclass(frozen=True)
class Concentration:
    """How concentrated the portfolio is: the largest asset's share (%) and the Herfindahl index.

    Example: ``Concentration(largest_asset='XBT', largest_pct=Decimal('54.6'), ...)``.
    """

    largest_asset: Optional[str]
    largest_pct: Decimal
    herfindahl: Decimal
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "concentration") -> "Concentration":
        o = Obj(data, where)
        return cls(
            largest_asset=o.opt_text("largest_asset"),
            largest_pct=o.dec("largest_pct"),
            herfindahl=o.dec("herfindahl"),
            raw=o.data,
        )


@dataclass(frozen=True)
class ClassExposure:
    """Exposure to one asset class (``asset_class`` is the JSON's ``class``: ``btc``, ...), with
    its limit in % of equity (``None`` without one).

    Example: ``ClassExposure(asset_class='btc', exposure_pct=Decimal('30'), limit_pct=None, ...)``.
    """

    asset_class: str
    exposure_base: Decimal
    exposure_pct: Decimal
    limit_pct: Optional[Decimal]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "exposure_by_class") -> "ClassExposure":
        o = Obj(data, where)
        return cls(
            asset_class=o.text("class"),
            exposure_base=o.dec("exposure_base"),
            exposure_pct=o.dec("exposure_pct"),
            limit_pct=o.opt_dec("limit_pct"),
            raw=o.data,
        )


@dataclass(frozen=True)
class RiskStatus:
    """``GET /api/v1/risk``: the trading state, why, since when and who set it
    (``trading_state_source``: ``manual`` or ``automatic``), equity, the drift and stale flags,
    every limit's use (``leverage_cap`` first), drawdowns, correlation groups, concentration and
    exposure by asset class.

    Example::

        status = client.risk_status()
        if status.trading_state != "ACTIVE":
            print(status.trading_state, status.trading_state_reason)
    """

    trading_state: str
    trading_state_reason: Optional[str]
    trading_state_since: Optional[_dt.datetime]
    trading_state_source: str
    equity_base: Decimal
    drift_flag: bool
    stale: bool
    limits: Tuple[RiskLimit, ...]
    drawdown: RiskDrawdown
    correlation_groups: Tuple[CorrelationGroup, ...]
    concentration: Concentration
    exposure_by_class: Tuple[ClassExposure, ...]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk") -> "RiskStatus":
        o = Obj(data, where)
        return cls(
            trading_state=o.text("trading_state"),
            trading_state_reason=o.opt_text("trading_state_reason"),
            trading_state_since=o.opt_time("trading_state_since"),
            trading_state_source=o.text("trading_state_source"),
            equity_base=o.dec("equity_base"),
            drift_flag=o.boolean("drift_flag"),
            stale=o.boolean("stale"),
            limits=o.objects("limits", RiskLimit.from_json, True),
            drawdown=o.obj("drawdown", RiskDrawdown.from_json),
            correlation_groups=o.objects("correlation_groups", CorrelationGroup.from_json, True),
            concentration=o.obj("concentration", Concentration.from_json),
            exposure_by_class=o.objects("exposure_by_class", ClassExposure.from_json, True),
            raw=o.data,
        )


@dataclass(frozen=True)
class TradingStateChange:
    """``POST /api/v1/risk/state``: the trading state now set, why, since when and by whom
    (``source``: ``manual``). ``since`` is ``None`` while the state is still the ``ACTIVE`` the
    account started in (setting ``ACTIVE`` by hand then changes nothing but the reason).

    Example: ``client.set_trading_state("HALTED", "manual stop").since``.
    """

    state: str
    reason: Optional[str]
    since: Optional[_dt.datetime]
    source: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_json(cls, data: Any, where: str = "risk_state") -> "TradingStateChange":
        o = Obj(data, where)
        return cls(
            state=o.text("state"),
            reason=o.opt_text("reason"),
            since=o.opt_time("since"),
            source=o.text("source"),
            raw=o.data,
        )
