package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's private methods (kraken-api.md §2.1–§2.3): balances, orders, trades, ledgers,
 * margin positions ({@code OpenPositions}, {@code TradeBalance}), and a minimal {@code
 * AddOrder}/{@code CancelOrder} (with {@code leverage} for margin), each turning validated
 * parameters into the {@code result} object. Authentication and the call counter are the HTTP
 * layer's job.
 *
 * <p>Example: {@code methods.call("Ledgers", Params.parse("nonce=1&ofs=50"), 50)}. Thread-safe.
 */
final class PrivateMethods {

  /** The counter cost of each private method (kraken-api.md §4.3, with ccxt's weights). */
  static final Map<String, Integer> COSTS = costs();

  private static final Set<String> LEDGER_TYPES =
      Set.of(
          "all",
          "trade",
          "deposit",
          "withdrawal",
          "transfer",
          "margin",
          "adjustment",
          "rollover",
          "credit",
          "settled",
          "staking",
          "dividend",
          "sale",
          "nft_rebate");
  private static final Set<String> TRADE_TYPES =
      Set.of("all", "any position", "closed position", "closing position", "no position");
  private static final int MAX_ORDER_IDS = 50;
  private static final int MAX_TRADE_IDS = 20;
  private static final int MAX_LEDGER_IDS = 20;
  private static final String USD = "ZUSD";
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final int ML_SCALE = 2;

  private final SimulatedAccount account;
  private final JsonMapper json;
  private final Faults faults;

  PrivateMethods(SimulatedAccount account, JsonMapper json, Faults faults) {
    this.account = requireNonNull(account, "account");
    this.json = requireNonNull(json, "json");
    this.faults = requireNonNull(faults, "faults");
  }

  private static Map<String, Integer> costs() {
    Map<String, Integer> costs = new HashMap<>();
    for (String method :
        List.of(
            "Balance", "BalanceEx", "TradeBalance", "OpenOrders", "QueryOrders", "OpenPositions")) {
      costs.put(method, 1);
    }
    for (String method :
        List.of("Ledgers", "TradesHistory", "QueryLedgers", "QueryTrades", "ClosedOrders")) {
      costs.put(method, 2);
    }
    costs.put("AddOrder", 0);
    costs.put("CancelOrder", 0);
    return Map.copyOf(costs);
  }

  /**
   * The result of {@code method}, or empty when Kraken answers without one; pages hold at most
   * {@code pageLimit} rows.
   */
  Optional<ObjectNode> call(String method, Params params, int pageLimit) {
    return switch (method) {
      case "Balance" -> balance();
      case "BalanceEx" -> Optional.of(balanceEx());
      case "TradeBalance" -> Optional.of(tradeBalance(params));
      case "OpenOrders" -> Optional.of(openOrders(params));
      case "ClosedOrders" -> Optional.of(closedOrders(params, pageLimit));
      case "QueryOrders" -> Optional.of(queryOrders(params));
      case "TradesHistory" -> Optional.of(tradesHistory(params, pageLimit));
      case "QueryTrades" -> Optional.of(queryTrades(params));
      case "Ledgers" -> Optional.of(ledgers(params, pageLimit));
      case "QueryLedgers" -> Optional.of(queryLedgers(params));
      case "OpenPositions" -> Optional.of(openPositions(params));
      case "AddOrder" -> Optional.of(addOrder(params));
      case "CancelOrder" -> Optional.of(cancelOrder(params));
      default -> throw new ApiException("EGeneral:Unknown method", method);
    };
  }

  // ---- balances ------------------------------------------------------------------------------

  /**
   * The account's balances as {@code Balance} reports them: its ledger's, plus any {@linkplain
   * Faults#balanceDiscrepancy discrepancy} switched on.
   */
  private Map<String, BigDecimal> reportedBalances() {
    Map<String, BigDecimal> balances = new LinkedHashMap<>(account.balances());
    faults
        .balanceDiscrepancies()
        .forEach((asset, extra) -> balances.merge(asset, extra, BigDecimal::add));
    return balances;
  }

  private Optional<ObjectNode> balance() {
    Map<String, BigDecimal> balances = reportedBalances();
    if (balances.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode result = json.createObjectNode();
    balances.forEach((asset, amount) -> result.put(asset, amount.toPlainString()));
    return Optional.of(result);
  }

  private ObjectNode balanceEx() {
    Map<String, BigDecimal> holds = account.holds();
    ObjectNode result = json.createObjectNode();
    reportedBalances()
        .forEach(
            (asset, amount) -> {
              ListedAsset listed = account.listing().asset(asset);
              ObjectNode node = result.putObject(asset);
              node.put("balance", amount.toPlainString());
              node.put(
                  "hold_trade",
                  listed.scaled(holds.getOrDefault(asset, BigDecimal.ZERO)).toPlainString());
            });
    return result;
  }

  /**
   * {@code eb} and {@code tb} value balances as ever (all assets; equity currencies); the margin
   * figures {@code m n c v} are those of the open positions at the market, and {@code e = tb + n},
   * {@code mf = mfo = e − m}, {@code ml = e / m × 100} (only with positions) are computed from the
   * converted, rounded figures, so they add up on the wire.
   */
  private ObjectNode tradeBalance(Params params) {
    String name = params.get("asset").orElse(USD);
    ListedAsset target =
        account
            .listing()
            .findAsset(name)
            .filter(asset -> usdPrice(asset.id()).signum() > 0)
            .orElseThrow(() -> ApiException.invalidArguments("asset: '" + name + "'"));
    BigDecimal equivalent = BigDecimal.ZERO;
    BigDecimal trade = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> entry : account.balances().entrySet()) {
      BigDecimal value = entry.getValue().multiply(usdPrice(entry.getKey()));
      equivalent = equivalent.add(value);
      if (account.listing().asset(entry.getKey()).collateralValue().isPresent()) {
        trade = trade.add(value);
      }
    }
    // A margin discrepancy switched on: collateral Kraken reports and no ledger row shows.
    equivalent = equivalent.add(faults.marginDiscrepancy());
    trade = trade.add(faults.marginDiscrepancy());
    BigDecimal unexecuted = BigDecimal.ZERO;
    for (Order order : account.orders()) {
      if (order.status().isOpen()) {
        ListedPair pair = account.listing().pair(order.pair());
        BigDecimal quote = order.remaining().multiply(order.limitPrice().orElse(BigDecimal.ZERO));
        unexecuted = unexecuted.add(quote.multiply(usdPrice(pair.quote().id())));
      }
    }
    BigDecimal rate = usdPrice(target.id());
    int scale = target.decimals();
    Exchange.Exposure exposure = account.exposure();
    BigDecimal tb = convert(trade, rate, scale);
    BigDecimal m = convert(exposure.margin(), rate, scale);
    BigDecimal n = convert(exposure.unrealised(), rate, scale);
    BigDecimal e = tb.add(n);
    BigDecimal mf = e.subtract(m);
    ObjectNode result = json.createObjectNode();
    result.put("eb", converted(equivalent, rate, scale));
    result.put("tb", tb.toPlainString());
    result.put("m", m.toPlainString());
    result.put("uv", converted(unexecuted, rate, scale));
    result.put("n", n.toPlainString());
    result.put("c", converted(exposure.cost(), rate, scale));
    result.put("v", converted(exposure.valuation(), rate, scale));
    result.put("e", e.toPlainString());
    result.put("mf", mf.toPlainString());
    if (m.signum() > 0) {
      result.put(
          "ml", e.multiply(HUNDRED).divide(m, ML_SCALE, RoundingMode.HALF_EVEN).toPlainString());
    }
    result.put("mfo", mf.toPlainString());
    return result;
  }

  private static BigDecimal convert(BigDecimal usd, BigDecimal usdPerUnit, int scale) {
    return usd.divide(usdPerUnit, scale, RoundingMode.HALF_EVEN);
  }

  private static String converted(BigDecimal usd, BigDecimal usdPerUnit, int scale) {
    return usd.divide(usdPerUnit, scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** The USD value of one unit of {@code asset} now; zero for KFEE credits. */
  private BigDecimal usdPrice(String asset) {
    return UsdRates.at(account.market(), account.now()).rate(asset);
  }

  // ---- orders --------------------------------------------------------------------------------

  private ObjectNode openOrders(Params params) {
    boolean withTrades = params.flag("trades");
    Predicate<Order> tagged = tagFilter(params);
    List<Order> open = new ArrayList<>();
    for (Order order : account.orders()) {
      if (order.status().isOpen() && tagged.test(order)) {
        open.add(order);
      }
    }
    open.sort(Comparator.comparing(Order::opentm).reversed());
    ObjectNode result = json.createObjectNode();
    ObjectNode orders = result.putObject("open");
    for (Order order : open) {
      orders.set(order.txid(), orderNode(order, withTrades));
    }
    return result;
  }

  private ObjectNode closedOrders(Params params, int pageLimit) {
    boolean withTrades = params.flag("trades");
    boolean withoutCount = params.flag("without_count");
    params.flag("consolidate_taker");
    Predicate<Order> tagged = tagFilter(params);
    String closetime = params.get("closetime").orElse("both");
    if (!Set.of("open", "close", "both").contains(closetime)) {
      throw ApiException.invalidArguments("closetime: '" + closetime + "'");
    }
    List<Order> all = account.orders();
    Map<String, Order> byTxid = new LinkedHashMap<>();
    all.forEach(order -> byTxid.put(order.txid(), order));
    Optional<BigDecimal> start = orderBound(params.get("start"), byTxid);
    Optional<BigDecimal> end = orderBound(params.get("end"), byTxid);
    List<Order> closed = new ArrayList<>();
    for (Order order : all) {
      if (!order.status().isOpen() && tagged.test(order)) {
        BigDecimal opened = WireFormat.seconds(order.opentm());
        BigDecimal ended = WireFormat.seconds(order.closetm().orElseThrow());
        boolean inWindow =
            switch (closetime) {
              case "open" -> within(opened, start, end);
              case "close" -> within(ended, start, end);
              default -> within(opened, start, end) || within(ended, start, end);
            };
        if (inWindow) {
          closed.add(order);
        }
      }
    }
    // Newest first by close time; among equal times, the later placed first.
    List<Order> newestFirst = new ArrayList<>(closed);
    Collections.reverse(newestFirst);
    newestFirst.sort(
        Comparator.comparing((Order order) -> order.closetm().orElseThrow()).reversed());
    Pages.Page<Order> page = Pages.slice(newestFirst, params.offset(), pageLimit);
    ObjectNode result = json.createObjectNode();
    ObjectNode orders = result.putObject("closed");
    for (Order order : page.rows()) {
      orders.set(order.txid(), orderNode(order, withTrades));
    }
    if (!withoutCount) {
      result.put("count", page.count());
    }
    return result;
  }

  private static boolean within(
      BigDecimal time, Optional<BigDecimal> start, Optional<BigDecimal> end) {
    return start.map(s -> time.compareTo(s) > 0).orElse(true)
        && end.map(e -> time.compareTo(e) <= 0).orElse(true);
  }

  /** A ClosedOrders bound: unix seconds, or an order txid standing for its {@code opentm}. */
  private static Optional<BigDecimal> orderBound(
      Optional<String> value, Map<String, Order> byTxid) {
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    if (Params.isTime(text)) {
      return Optional.of(new BigDecimal(text));
    }
    Order order = byTxid.get(text);
    if (order == null) {
      throw ApiException.invalidArguments("unknown order id as bound: '" + text + "'");
    }
    return Optional.of(WireFormat.seconds(order.opentm()));
  }

  private ObjectNode queryOrders(Params params) {
    boolean withTrades = params.flag("trades");
    params.flag("consolidate_taker");
    Predicate<Order> tagged = tagFilter(params);
    List<String> txids = ids(params, "txid", MAX_ORDER_IDS);
    ObjectNode result = json.createObjectNode();
    for (String txid : txids) {
      Order order =
          account
              .findOrder(txid)
              .orElseThrow(() -> ApiException.invalidArguments("unknown order: " + txid));
      if (tagged.test(order)) {
        result.set(txid, orderNode(order, withTrades));
      }
    }
    return result;
  }

  private Predicate<Order> tagFilter(Params params) {
    Optional<Integer> userref = params.integer("userref");
    Optional<String> clOrdId = params.get("cl_ord_id").filter(id -> !id.isEmpty());
    return order ->
        userref.map(tag -> order.userref() == tag).orElse(true)
            && clOrdId.map(id -> order.clOrdId().filter(id::equals).isPresent()).orElse(true);
  }

  private ObjectNode orderNode(Order order, boolean withTrades) {
    return WireFormat.order(json, order, account.listing().pair(order.pair()), withTrades);
  }

  // ---- trades --------------------------------------------------------------------------------

  private ObjectNode tradesHistory(Params params, int pageLimit) {
    String type = params.get("type").orElse("all");
    if (!TRADE_TYPES.contains(type)) {
      throw ApiException.invalidArguments("type: '" + type + "'");
    }
    params.flag("trades");
    params.flag("consolidate_taker");
    boolean withLedgers = params.flag("ledgers");
    boolean withoutCount = params.flag("without_count");
    Predicate<Fill> filter = tradeFilter(type);
    Pages.Page<Fill> page =
        Pages.page(account.trades(), Fill::txid, Fill::time, filter, params, pageLimit);
    ObjectNode result = json.createObjectNode();
    ObjectNode trades = result.putObject("trades");
    for (Fill fill : page.rows()) {
      trades.set(fill.txid(), tradeNode(fill, withLedgers));
    }
    if (!withoutCount) {
      result.put("count", page.count());
    }
    return result;
  }

  /**
   * The trades a {@code type} selects: {@code no position} spot trades, {@code any position} margin
   * trades, {@code closing position} trades that closed (part of) a position, {@code closed
   * position} trades that opened a position now closed.
   */
  private Predicate<Fill> tradeFilter(String type) {
    return switch (type) {
      case "no position" -> fill -> !fill.isMargin();
      case "any position" -> Fill::isMargin;
      case "closing position" -> fill -> fill.margin().filter(MarginTrade::closes).isPresent();
      case "closed position" ->
          fill ->
              fill.margin().filter(margin -> !margin.closes()).isPresent()
                  && account.findPosition(fill.txid()).filter(Position::isOpen).isEmpty();
      default -> fill -> true;
    };
  }

  private ObjectNode queryTrades(Params params) {
    params.flag("trades");
    List<String> txids = ids(params, "txid", MAX_TRADE_IDS);
    Map<String, Fill> byTxid = new HashMap<>();
    account.trades().forEach(fill -> byTxid.put(fill.txid(), fill));
    ObjectNode result = json.createObjectNode();
    for (String txid : txids) {
      Fill fill = byTxid.get(txid);
      if (fill == null) {
        throw ApiException.invalidArguments("unknown trade: " + txid);
      }
      result.set(txid, tradeNode(fill, false));
    }
    return result;
  }

  private ObjectNode tradeNode(Fill fill, boolean withLedgers) {
    return WireFormat.trade(
        json,
        fill,
        account.listing().pair(fill.pair()),
        withLedgers,
        account.findPosition(fill.txid()));
  }

  // ---- positions -----------------------------------------------------------------------------

  /**
   * {@code OpenPositions}: the open positions (only those named by {@code txid}, when given), keyed
   * by position id, oldest first; {@code docalcs=true} adds {@code value} and {@code net} at the
   * current price. {@code consolidation} is not simulated.
   */
  private ObjectNode openPositions(Params params) {
    boolean docalcs = params.flag("docalcs");
    List<String> wanted = params.list("txid");
    if (params.get("consolidation").filter(value -> !value.isEmpty()).isPresent()) {
      throw ApiException.invalidArguments("consolidation is not supported by the simulator");
    }
    ObjectNode result = json.createObjectNode();
    for (Position position : account.positions()) {
      if (wanted.isEmpty() || wanted.contains(position.txid())) {
        ListedPair pair = account.listing().pair(position.pair());
        Optional<BigDecimal> price =
            docalcs ? Optional.of(account.price(pair.key())) : Optional.empty();
        result.set(position.txid(), WireFormat.position(json, position, pair, price));
      }
    }
    return result;
  }

  // ---- ledgers -------------------------------------------------------------------------------

  private ObjectNode ledgers(Params params, int pageLimit) {
    String type = params.get("type").orElse("all");
    if (!LEDGER_TYPES.contains(type)) {
      throw ApiException.invalidArguments("type: '" + type + "'");
    }
    String aclass = params.get("aclass").orElse("currency");
    if (!aclass.equals("currency") && !aclass.equals("tokenized_asset")) {
      throw ApiException.invalidArguments("aclass: '" + aclass + "'");
    }
    boolean withoutCount = params.flag("without_count");
    List<String> assets = new ArrayList<>();
    for (String name : params.list("asset")) {
      if (name.equals("all")) {
        assets.clear();
        break;
      }
      assets.add(
          account
              .listing()
              .findAsset(name)
              .orElseThrow(() -> new ApiException("EQuery:Unknown asset", name))
              .id());
    }
    Predicate<LedgerEntry> filter =
        entry ->
            aclass.equals(entry.aclass())
                && (type.equals("all") || type.equals(entry.type()))
                && (assets.isEmpty() || assets.contains(entry.asset()));
    Pages.Page<LedgerEntry> page =
        Pages.page(account.ledger(), LedgerEntry::id, LedgerEntry::time, filter, params, pageLimit);
    ObjectNode result = json.createObjectNode();
    ObjectNode ledger = result.putObject("ledger");
    for (LedgerEntry entry : page.rows()) {
      ledger.set(entry.id(), WireFormat.ledgerEntry(json, entry));
    }
    if (!withoutCount) {
      result.put("count", page.count());
    }
    return result;
  }

  private ObjectNode queryLedgers(Params params) {
    params.flag("trades");
    List<String> ids = ids(params, "id", MAX_LEDGER_IDS);
    Map<String, LedgerEntry> byId = new HashMap<>();
    account.ledger().forEach(entry -> byId.put(entry.id(), entry));
    ObjectNode result = json.createObjectNode();
    for (String id : ids) {
      LedgerEntry entry = byId.get(id);
      if (entry == null) {
        throw ApiException.invalidArguments("unknown ledger id: " + id);
      }
      result.set(id, WireFormat.ledgerEntry(json, entry));
    }
    return result;
  }

  private static List<String> ids(Params params, String name, int max) {
    List<String> ids = params.list(name);
    if (ids.isEmpty() || ids.size() > max) {
      throw ApiException.invalidArguments(name + " needs 1 to " + max + " ids, got " + ids.size());
    }
    return ids;
  }

  // ---- trading -------------------------------------------------------------------------------

  private ObjectNode addOrder(Params params) {
    String pairName = params.required("pair");
    ListedPair pair =
        account
            .listing()
            .findPair(pairName)
            .orElseThrow(() -> new ApiException("EQuery:Unknown asset pair", pairName));
    Side side;
    OrderType type;
    try {
      side = Side.parse(params.required("type"));
      type = OrderType.parse(params.required("ordertype"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidArguments(e.getMessage());
    }
    BigDecimal volume = params.positiveDecimal("volume");
    List<String> flags = params.list("oflags");
    for (String flag : flags) {
      if (!Set.of("fcib", "fciq", "post", "nompp").contains(flag)) {
        throw ApiException.invalidArguments("oflags: '" + flag + "'");
      }
    }
    if (flags.contains("fcib") && flags.contains("fciq")) {
      throw ApiException.invalidArguments("oflags: fcib and fciq together");
    }
    OrderRequest request =
        type == OrderType.LIMIT
            ? OrderRequest.limit(pair.key(), side, volume, params.positiveDecimal("price"))
            : OrderRequest.market(pair.key(), side, volume);
    request =
        request
            .withUserref(params.integer("userref").orElse(0))
            .withFeeInBase(flags.contains("fcib"))
            .withLeverage(leverage(params));
    Optional<String> clOrdId = params.get("cl_ord_id").filter(id -> !id.isEmpty());
    if (clOrdId.isPresent()) {
      request = request.withClOrdId(clOrdId.get());
    }
    ObjectNode result = json.createObjectNode();
    ObjectNode descr = result.putObject("descr");
    if (params.flag("validate")) {
      account.validate(request);
      descr.put("order", describe(request, pair));
      return result;
    }
    Order order = account.submit(request);
    descr.put("order", WireFormat.description(order, pair));
    ArrayNode txids = result.putArray("txid");
    txids.add(order.txid());
    return result;
  }

  /**
   * The {@code leverage} parameter: absent or {@code none} is spot (0); {@code 5} or {@code 5:1} is
   * 5, which must be at least 2.
   */
  private static int leverage(Params params) {
    String text = params.get("leverage").orElse("none");
    if (text.isEmpty() || text.equals("none")) {
      return 0;
    }
    String level = text.endsWith(":1") ? text.substring(0, text.length() - 2) : text;
    if (!level.matches("\\d{1,3}") || Integer.parseInt(level) < 2) {
      throw new ApiException(ApiException.INVALID_ARGUMENTS + ":leverage", "'" + text + "'");
    }
    return Integer.parseInt(level);
  }

  private static String describe(OrderRequest request, ListedPair pair) {
    String text =
        request.side().wire()
            + " "
            + request.volume().setScale(pair.lotDecimals(), RoundingMode.DOWN).toPlainString()
            + " "
            + pair.altname()
            + " @ "
            + request.orderType().wire();
    String priced =
        request.limitPrice().map(price -> text + " " + price.toPlainString()).orElse(text);
    return request.isMargin() ? priced + " with " + request.leverage() + ":1 leverage" : priced;
  }

  private ObjectNode cancelOrder(Params params) {
    String reference = params.required("txid");
    List<String> txids = new ArrayList<>();
    Optional<Integer> userref =
        reference.matches("-?\\d{1,10}") ? Optional.of(parseInt(reference)) : Optional.empty();
    for (Order order : account.orders()) {
      if (order.status().isOpen()
          && (order.txid().equals(reference)
              || order.clOrdId().filter(reference::equals).isPresent()
              || userref.map(tag -> order.userref() == tag).orElse(false))) {
        txids.add(order.txid());
      }
    }
    if (txids.isEmpty()) {
      throw new ApiException("EOrder:Unknown order", reference);
    }
    txids.forEach(account::cancel);
    ObjectNode result = json.createObjectNode();
    result.put("count", txids.size());
    return result;
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.invalidArguments("txid: '" + text + "'");
    }
  }
}
