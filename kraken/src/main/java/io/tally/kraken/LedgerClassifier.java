package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Location;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns Kraken ledger rows into ledger events (ACCOUNTING.md §2, kraken-api.md §6.3). Rows are
 * grouped by {@code refid}; within a group they are split into families (trade legs, funding,
 * rewards, internal moves, adjustments, margin, unknown), and each family becomes events:
 *
 * <ul>
 *   <li>trade, spend/receive, settled and collateral conversions: one {@link Trade}; legs of one
 *       asset are summed (several wallets), a KFEE row of amount 0 is a fee leg, an asset whose
 *       legs cancel (tokenized settlement legs) drops out, a dust sweep has several sold assets;
 *   <li>deposit/withdrawal: a {@link CashFlow}; a failed withdrawal and its reversal net to
 *       nothing;
 *   <li>staking, dividend, reward, earn reward/airdrop, transfer airdrop: a reward {@link
 *       CashFlow};
 *   <li>earn allocations and spot↔staking/futures transfers: an {@link InternalMove};
 *   <li>adjustment and delisting conversions: a conversion {@link Trade} when both legs are there,
 *       else adjustment {@link CashFlow}s;
 *   <li>margin: {@link MarginPnl};
 *   <li>rollover: one {@link PositionCarry} per row, charged to the position its refid names;
 *   <li>a margin trade of the trades history (its {@code margin} column positive): a {@link
 *       PositionFill} besides the events of its ledger rows, which alone move the balances;
 *   <li>anything else: {@link Unclassified}, one per row.
 * </ul>
 *
 * Pending rows (empty ledger id, old exports) are not events. A negative fee (a refund) is folded
 * into the amount, since the balance moves by {@code amount − fee} either way.
 *
 * <p>Example: {@code LedgerClassifier.classify(rows, enrichment)}. Stateless.
 */
public final class LedgerClassifier {

  private LedgerClassifier() {}

  /** The family a ledger row belongs to. */
  enum Family {
    // Declared in the order families of one refid are booked when the rows' own order is unknown:
    // what funds comes before what spends (a card buy's deposit before its swap, a collateral
    // conversion before the margin fee it pays).
    FUNDING,
    REWARD,
    TRADE,
    ADJUSTMENT,
    INTERNAL,
    MARGIN,
    ROLLOVER,
    UNKNOWN;

    static Family of(LedgerRow row) {
      String type = row.type();
      String subtype = row.subtype();
      switch (type) {
        case "trade":
        case "spend":
        case "receive":
        case "settled":
        case "collateralconversion":
        case "conversion":
          return TRADE;
        case "deposit":
        case "withdrawal":
          return FUNDING;
        case "staking":
        case "dividend":
        case "reward":
          return REWARD;
        case "adjustment":
          return ADJUSTMENT;
        case "margin":
          return MARGIN;
        case "rollover":
          return row.amount().signum() == 0 ? ROLLOVER : MARGIN;
        case "earn":
          switch (subtype) {
            case "reward":
            case "airdrop":
              return REWARD;
            case "allocation":
            case "deallocation":
            case "autoallocation":
            case "autoallocate":
            case "migration":
              return INTERNAL;
            case "delistingconversion":
              return ADJUSTMENT;
            default:
              return UNKNOWN;
          }
        case "transfer":
          switch (subtype) {
            case "airdrop":
              return REWARD;
            case "":
              // Exports without a subtype column: a credit to the spot balance is an airdrop;
              // anything touching a staking variant, or leaving spot, moves within the account.
              return row.amount().signum() > 0
                      && AssetSymbol.parse(row.asset()).location() == Location.SPOT
                  ? REWARD
                  : INTERNAL;
            case "spottostaking":
            case "stakingfromspot":
            case "stakingtospot":
            case "spotfromstaking":
            case "spottofutures":
            case "spotfromfutures":
              return INTERNAL;
            case "delistingconversion":
              return ADJUSTMENT;
            default:
              return UNKNOWN;
          }
        default:
          return UNKNOWN;
      }
    }
  }

  /**
   * The events of these ledger rows, in replay order.
   *
   * @param rows ledger rows in any order; pending rows are skipped
   * @param tradesByTxid trades-history rows by trade id, to take each trade's pair from; may be
   *     empty
   */
  public static List<LedgerEvent> classify(
      List<LedgerRow> rows, Map<String, TradeRow> tradesByTxid) {
    return classify(rows, Enrichment.ofTrades(tradesByTxid));
  }

  /**
   * The events of these ledger rows, in replay order, with each trade's pair and strategy tag taken
   * from the enrichment where it knows them.
   */
  public static List<LedgerEvent> classify(List<LedgerRow> rows, Enrichment enrichment) {
    List<LedgerEvent> events = new ArrayList<>();
    classifyEach(rows, enrichment, events::add);
    events.sort(LedgerEvent.ORDER);
    return events;
  }

  /**
   * The events of {@link #classify(List, Enrichment)}, handed to {@code sink} one by one as each
   * refid's group is classified, not in replay order: a caller that keeps each event in another
   * form never holds them all. The single-leg adjustments that may pair into a conversion come
   * last, once every group is classified.
   */
  public static void classifyEach(
      List<LedgerRow> rows, Enrichment enrichment, Consumer<LedgerEvent> sink) {
    requireNonNull(rows, "rows");
    requireNonNull(enrichment, "enrichment");
    requireNonNull(sink, "sink");
    if (!enrichment.names().overrides().isEmpty()) {
      // Kraken's own Assets list renames some ids: classify under the names it gives.
      List<LedgerRow> renamed = new ArrayList<>(rows.size());
      for (LedgerRow row : rows) {
        String name = enrichment.names().rename(row.asset());
        renamed.add(name.equals(row.asset()) ? row : row.withAsset(name));
      }
      rows = renamed;
    }
    Map<String, List<LedgerRow>> groups = new LinkedHashMap<>();
    for (LedgerRow row : rows) {
      if (!row.isPending()) {
        groups.computeIfAbsent(row.refid(), k -> new ArrayList<>()).add(row);
      }
    }
    List<CashFlow> legs = new ArrayList<>();
    List<LedgerEvent> groupEvents = new ArrayList<>();
    for (Map.Entry<String, List<LedgerRow>> group : groups.entrySet()) {
      groupEvents.clear();
      classifyGroup(group.getKey(), group.getValue(), enrichment, groupEvents);
      for (LedgerEvent event : groupEvents) {
        if (isConversionLeg(event)) {
          legs.add((CashFlow) event);
        } else {
          sink.accept(event);
        }
      }
    }
    for (TradeRow trade : enrichment.tradesByTxid().values()) {
      List<LedgerRow> own = groups.getOrDefault(trade.txid(), List.of());
      positionFill(trade, own, enrichment).ifPresent(sink);
    }
    pairConversions(legs).forEach(sink);
  }

  /** How far apart the two legs of a delisting conversion may be. */
  private static final java.time.Duration CONVERSION_WINDOW = java.time.Duration.ofDays(7);

  /** Whether the event is a single-leg adjustment, which may be one leg of a conversion. */
  private static boolean isConversionLeg(LedgerEvent event) {
    return event instanceof CashFlow flow
        && flow.kind() == FlowKind.ADJUSTMENT
        && !flow.amount().isZero();
  }

  /**
   * Joins the two legs of an exchange-made conversion into one swap. Kraken books an {@code
   * adjustment} or delisting conversion as an outflow of the old asset and an inflow of the new one
   * under different refids, sometimes days apart (kraken-api.md §6.3 I). Among these single-leg
   * adjustments in time order, an outflow directly followed by an inflow of another asset within
   * {@link #CONVERSION_WINDOW} (or the other way round) is one conversion, dated at its first leg.
   * Gives the legs left single and the conversions.
   */
  private static List<LedgerEvent> pairConversions(List<CashFlow> legs) {
    legs.sort(LedgerEvent.ORDER);
    List<LedgerEvent> result = new ArrayList<>(legs);
    for (int i = 0; i + 1 < legs.size(); i++) {
      CashFlow first = legs.get(i);
      CashFlow second = legs.get(i + 1);
      boolean opposite = first.amount().signum() != second.amount().signum();
      boolean otherAsset = !first.amount().asset().equals(second.amount().asset());
      boolean close = !second.at().isAfter(first.at().plus(CONVERSION_WINDOW));
      if (opposite && otherAsset && close) {
        CashFlow out = first.amount().signum() < 0 ? first : second;
        CashFlow in = out == first ? second : first;
        List<Amount> fees = new ArrayList<>();
        for (Amount fee : List.of(out.fee(), in.fee())) {
          if (fee.signum() > 0) {
            fees.add(fee);
          }
        }
        List<Amount> sold = List.of(out.amount().negated());
        List<Amount> bought = List.of(in.amount());
        result.remove(first);
        result.remove(second);
        result.add(
            new Trade(
                EventId.of(first.id().value() + "+" + second.id().value()),
                first.at(),
                TradeKind.CONVERSION,
                PairInference.fromLegs(sold, bought),
                sold,
                bought,
                fees,
                Trade.MANUAL));
        i++;
      }
    }
    return result;
  }

  /**
   * The position fill of a margin trade, or empty for a spot trade (or a pair Tally cannot read).
   * It settles its position when its own ledger rows are {@code settled} ones.
   */
  private static Optional<PositionFill> positionFill(
      TradeRow trade, List<LedgerRow> ownRows, Enrichment enrichment) {
    if (trade.margin().isEmpty()) {
      return Optional.empty();
    }
    MarginTrade margin = trade.margin().get();
    Optional<Pair> pair = PairInference.parsePairNameOrKey(trade.pair());
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    int leverage =
        Math.max(1, margin.leverage(trade.cost()).setScale(0, RoundingMode.HALF_EVEN).intValue());
    boolean settles =
        margin.closing() && ownRows.stream().anyMatch(row -> row.type().equals("settled"));
    return Optional.of(
        new PositionFill(
            PositionFill.idOf(trade.txid()),
            trade.time(),
            pair.get(),
            trade.type().equals("buy") ? Side.BUY : Side.SELL,
            trade.vol(),
            trade.price(),
            leverage,
            margin.positionId(),
            settles,
            new Amount(pair.get().quote(), trade.fee()),
            enrichment.strategyOf(trade.txid())));
  }

  private static void classifyGroup(
      String refid, List<LedgerRow> groupRows, Enrichment enrichment, List<LedgerEvent> events) {
    List<LedgerRow> rows = new ArrayList<>(groupRows);
    rows.sort(Comparator.comparing(LedgerRow::time).thenComparing(LedgerRow::txid));
    Map<Family, List<LedgerRow>> byFamily = new EnumMap<>(Family.class);
    for (LedgerRow row : rows) {
      Family family = Family.of(row);
      if (row.type().equals("earn") && row.subtype().isEmpty()) {
        family = earnWithoutSubtype(row, rows);
      }
      byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(row);
    }
    // Families of one refid are booked in the order of Kraken's own rows (their export lines);
    // the ids carry that order, since events of one moment are replayed in id order.
    List<Map.Entry<Family, List<LedgerRow>>> families = new ArrayList<>(byFamily.entrySet());
    families.sort(
        Comparator.comparingInt((Map.Entry<Family, List<LedgerRow>> f) -> firstLine(f.getValue()))
            .thenComparing(Map.Entry::getKey));
    boolean alone = families.size() == 1;
    int ordinal = 0;
    for (Map.Entry<Family, List<LedgerRow>> family : families) {
      ordinal++;
      String id =
          alone
              ? refid
              : refid + ":" + ordinal + "-" + family.getKey().name().toLowerCase(Locale.ROOT);
      List<LedgerRow> members = family.getValue();
      switch (family.getKey()) {
        case TRADE:
          trade(
              id,
              members,
              Optional.ofNullable(enrichment.tradesByTxid().get(refid)),
              enrichment.strategyOf(refid),
              events);
          break;
        case FUNDING:
          funding(id, members, events);
          break;
        case REWARD:
          perAsset(
              id, members, (eventId, at, net) -> flow(eventId, at, FlowKind.REWARD, net), events);
          break;
        case INTERNAL:
          internal(id, members, events);
          break;
        case ADJUSTMENT:
          adjustment(id, members, events);
          break;
        case MARGIN:
          perAsset(
              id,
              members,
              (eventId, at, net) -> new MarginPnl(eventId, at, net.amount(), net.fee()),
              events);
          break;
        case ROLLOVER:
          for (LedgerRow row : members) {
            Net net = Net.of(List.of(row)).get(0);
            events.add(
                new PositionCarry(EventId.of(id + ":" + row.txid()), row.time(), refid, net.fee()));
          }
          break;
        case UNKNOWN:
          for (LedgerRow row : members) {
            Net net = Net.of(List.of(row)).get(0);
            events.add(
                new Unclassified(
                    EventId.of(id + ":" + row.txid()),
                    row.time(),
                    row.type(),
                    row.subtype(),
                    net.amount(),
                    net.fee()));
          }
          break;
      }
    }
  }

  /**
   * An {@code earn} row from an export without the subtype column: rows of one refid and asset that
   * cancel out are an allocation between wallets; a lone credit is a reward.
   */
  private static Family earnWithoutSubtype(LedgerRow row, List<LedgerRow> group) {
    BigDecimal net = BigDecimal.ZERO;
    int legs = 0;
    for (LedgerRow other : group) {
      if (other.type().equals("earn")
          && other.subtype().isEmpty()
          && other.canonicalAsset().equals(row.canonicalAsset())) {
        net = net.add(other.amount());
        legs++;
      }
    }
    if (legs > 1 && net.signum() == 0) {
      return Family.INTERNAL;
    }
    return legs == 1 && row.amount().signum() > 0 ? Family.REWARD : Family.UNKNOWN;
  }

  /** The first export line of these rows; rows without one (from the API) sort last. */
  private static int firstLine(List<LedgerRow> rows) {
    int first = Integer.MAX_VALUE;
    for (LedgerRow row : rows) {
      if (row.line() > 0) {
        first = Math.min(first, row.line());
      }
    }
    return first;
  }

  // ---- per-asset netting ----------------------------------------------------------------------

  /**
   * The net effect of some rows on one asset: the summed amount and the summed fee, with a negative
   * fee (a refund) folded into the amount.
   */
  record Net(Asset asset, Amount amount, Amount fee, Instant at) {

    static List<Net> of(List<LedgerRow> rows) {
      Map<Asset, BigDecimal[]> sums = new TreeMap<>();
      Map<Asset, Instant> first = new LinkedHashMap<>();
      for (LedgerRow row : rows) {
        Asset asset = row.canonicalAsset();
        BigDecimal[] sum =
            sums.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(row.amount());
        sum[1] = sum[1].add(row.fee());
        first.merge(asset, row.time(), (a, b) -> a.isBefore(b) ? a : b);
      }
      List<Net> nets = new ArrayList<>();
      for (Map.Entry<Asset, BigDecimal[]> entry : sums.entrySet()) {
        BigDecimal amount = entry.getValue()[0];
        BigDecimal fee = entry.getValue()[1];
        if (fee.signum() < 0) {
          amount = amount.subtract(fee);
          fee = BigDecimal.ZERO;
        }
        Asset asset = entry.getKey();
        nets.add(
            new Net(asset, new Amount(asset, amount), new Amount(asset, fee), first.get(asset)));
      }
      return nets;
    }

    boolean isEmpty() {
      return amount.isZero() && fee.isZero();
    }
  }

  /** Builds one event from the net effect on one asset. */
  private interface NetEvent {
    LedgerEvent of(EventId id, Instant at, Net net);
  }

  private static void perAsset(
      String id, List<LedgerRow> rows, NetEvent factory, List<LedgerEvent> events) {
    List<Net> nets = new ArrayList<>();
    for (Net net : Net.of(rows)) {
      if (!net.isEmpty()) {
        nets.add(net);
      }
    }
    for (Net net : nets) {
      String eventId = nets.size() == 1 ? id : id + ":" + net.asset().code();
      events.add(factory.of(EventId.of(eventId), net.at(), net));
    }
  }

  private static CashFlow flow(EventId id, Instant at, FlowKind kind, Net net) {
    return new CashFlow(id, at, kind, net.amount(), net.fee());
  }

  // ---- families ---------------------------------------------------------------------------------

  private static void funding(String id, List<LedgerRow> rows, List<LedgerEvent> events) {
    boolean deposits = rows.stream().allMatch(row -> row.type().equals("deposit"));
    boolean withdrawals = rows.stream().allMatch(row -> row.type().equals("withdrawal"));
    perAsset(
        id,
        rows,
        (eventId, at, net) -> {
          FlowKind kind =
              deposits
                  ? FlowKind.DEPOSIT
                  : withdrawals
                      ? FlowKind.WITHDRAWAL
                      : net.amount().signum() >= 0 ? FlowKind.DEPOSIT : FlowKind.WITHDRAWAL;
          return flow(eventId, at, kind, net);
        },
        events);
  }

  private static void internal(String id, List<LedgerRow> rows, List<LedgerEvent> events) {
    Set<String> from = new LinkedHashSet<>();
    Set<String> to = new LinkedHashSet<>();
    for (LedgerRow row : rows) {
      String place = row.wallet().isEmpty() ? row.asset() : row.wallet();
      (row.amount().signum() < 0 ? from : to).add(place);
    }
    String route =
        from.isEmpty() || to.isEmpty()
            ? rows.get(0).type()
                + (rows.get(0).subtype().isEmpty() ? "" : "/" + rows.get(0).subtype())
                + " "
                + String.join("+", from.isEmpty() ? to : from)
            : String.join("+", from) + " -> " + String.join("+", to);
    Map<Asset, BigDecimal> moved = new TreeMap<>();
    for (LedgerRow row : rows) {
      if (row.amount().signum() > 0 || rows.size() == 1) {
        moved.merge(row.canonicalAsset(), row.amount().abs(), BigDecimal::add);
      }
    }
    List<Net> nets = Net.of(rows);
    for (Net net : nets) {
      String eventId = nets.size() == 1 ? id : id + ":" + net.asset().code();
      BigDecimal quantity = moved.getOrDefault(net.asset(), net.amount().value().abs());
      events.add(
          new InternalMove(
              EventId.of(eventId), net.at(), new Amount(net.asset(), quantity), net.fee(), route));
    }
  }

  private static void adjustment(String id, List<LedgerRow> rows, List<LedgerEvent> events) {
    List<Net> nets = Net.of(rows);
    boolean hasOut = nets.stream().anyMatch(net -> net.amount().signum() < 0);
    boolean hasIn = nets.stream().anyMatch(net -> net.amount().signum() > 0);
    if (hasOut && hasIn) {
      swap(id, rows, TradeKind.CONVERSION, Optional.empty(), Trade.MANUAL, events);
    } else {
      perAsset(id, rows, (eventId, at, net) -> flow(eventId, at, FlowKind.ADJUSTMENT, net), events);
    }
  }

  private static void trade(
      String id,
      List<LedgerRow> rows,
      Optional<TradeRow> enrichment,
      String strategy,
      List<LedgerEvent> events) {
    Set<String> types = new LinkedHashSet<>();
    for (LedgerRow row : rows) {
      types.add(row.type());
    }
    boolean spendReceive = types.stream().allMatch(t -> t.equals("spend") || t.equals("receive"));
    if (spendReceive && !(types.contains("spend") && types.contains("receive"))) {
      // A lone spend or receive is not a swap: only pair them when both exist (kraken-api §6.3 B).
      perAsset(
          id,
          rows,
          (eventId, at, net) ->
              flow(
                  eventId,
                  at,
                  net.amount().signum() > 0 ? FlowKind.REWARD : FlowKind.ADJUSTMENT,
                  net),
          events);
      return;
    }
    TradeKind kind;
    if (types.contains("trade")) {
      kind = TradeKind.ORDER_BOOK;
    } else if (types.contains("settled")) {
      kind = TradeKind.SETTLEMENT;
    } else if (spendReceive) {
      boolean sweep =
          rows.stream().anyMatch(row -> row.subtype().equals("dustsweeping"))
              || Net.of(rows).stream().filter(net -> net.amount().signum() < 0).count() > 1;
      kind = sweep ? TradeKind.DUST_SWEEP : TradeKind.SPEND_RECEIVE;
    } else {
      kind = TradeKind.CONVERSION;
    }
    swap(id, rows, kind, enrichment, strategy, events);
  }

  private static void swap(
      String id,
      List<LedgerRow> rows,
      TradeKind kind,
      Optional<TradeRow> enrichment,
      String strategy,
      List<LedgerEvent> events) {
    List<Amount> sold = new ArrayList<>();
    List<Amount> bought = new ArrayList<>();
    List<Amount> fees = new ArrayList<>();
    Instant at = rows.get(0).time();
    for (Net net : Net.of(rows)) {
      if (net.amount().signum() < 0) {
        sold.add(net.amount().negated());
      } else if (net.amount().signum() > 0) {
        bought.add(net.amount());
      }
      if (net.fee().signum() > 0) {
        fees.add(net.fee());
      }
      if (net.at().isBefore(at)) {
        at = net.at();
      }
    }
    if (sold.isEmpty() && bought.isEmpty()) {
      // Legs that cancel out entirely: only fees moved the balance.
      for (Amount fee : fees) {
        String eventId = fees.size() == 1 ? id : id + ":" + fee.asset().code();
        events.add(
            new InternalMove(EventId.of(eventId), at, Amount.zero(fee.asset()), fee, "fee only"));
      }
      return;
    }
    Pair pair =
        enrichment
            .flatMap(row -> PairInference.fromTrade(row, sold, bought))
            .orElseGet(() -> PairInference.fromLegs(sold, bought));
    String order = enrichment.map(TradeRow::orderTxid).orElse("");
    events.add(new Trade(EventId.of(id), at, kind, pair, sold, bought, fees, strategy, order));
  }
}
