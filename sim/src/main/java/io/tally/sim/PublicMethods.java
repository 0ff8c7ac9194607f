package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's public market-data methods (kraken-api.md §2.4): {@code Time}, {@code
 * SystemStatus}, {@code Assets}, {@code AssetPairs}, {@code Ticker}, {@code OHLC} and {@code
 * Trades}, each turning request parameters into the {@code result} object.
 *
 * <p>Example: {@code methods.call("Ticker", Params.parse("pair=XBTUSD"))}. Thread-safe.
 */
final class PublicMethods {

  /** The public method names. */
  static final Set<String> NAMES =
      Set.of("Time", "SystemStatus", "Assets", "AssetPairs", "Ticker", "OHLC", "Trades");

  /** Trades per {@code Trades} page, at most and by default. */
  static final int TRADES_PER_PAGE = 1000;

  /** A {@code since} below this is unix seconds; from it on, Kraken's nanosecond cursor. */
  private static final BigDecimal NANOSECOND_CURSOR = new BigDecimal("100000000000");

  private static final Set<Integer> INTERVALS = Set.of(1, 5, 15, 30, 60, 240, 1440, 10080, 21600);
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yy HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final SimulatedAccount account;
  private final JsonMapper json;

  PublicMethods(SimulatedAccount account, JsonMapper json) {
    this.account = requireNonNull(account, "account");
    this.json = requireNonNull(json, "json");
  }

  ObjectNode call(String method, Params params) {
    return switch (method) {
      case "Time" -> time();
      case "SystemStatus" -> systemStatus();
      case "Assets" -> assets(params);
      case "AssetPairs" -> assetPairs(params);
      case "Ticker" -> ticker(params);
      case "OHLC" -> ohlc(params);
      case "Trades" -> trades(params);
      default -> throw new ApiException("EGeneral:Unknown method", method);
    };
  }

  private ObjectNode time() {
    Instant now = account.now();
    ObjectNode result = json.createObjectNode();
    result.put("unixtime", now.getEpochSecond());
    result.put("rfc1123", RFC_1123.format(now));
    return result;
  }

  private ObjectNode systemStatus() {
    ObjectNode result = json.createObjectNode();
    result.put("status", "online");
    result.put("timestamp", account.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return result;
  }

  private ObjectNode assets(Params params) {
    String aclass = params.get("aclass").orElse("currency");
    if (!aclass.equals("currency") && !aclass.equals("tokenized_asset")) {
      throw ApiException.invalidArguments("aclass: '" + aclass + "'");
    }
    List<ListedAsset> assets = new ArrayList<>();
    List<String> wanted = params.list("asset");
    if (wanted.isEmpty()) {
      assets.addAll(account.listing().assets());
    } else {
      for (String name : wanted) {
        assets.add(
            account
                .listing()
                .findAsset(name)
                .orElseThrow(() -> new ApiException("EQuery:Unknown asset", name)));
      }
    }
    ObjectNode result = json.createObjectNode();
    if (aclass.equals("tokenized_asset")) {
      return result;
    }
    for (ListedAsset asset : assets) {
      ObjectNode node = result.putObject(asset.id());
      node.put("aclass", "currency");
      node.put("altname", asset.altname());
      node.put("decimals", asset.decimals());
      node.put("display_decimals", asset.displayDecimals());
      asset.collateralValue().ifPresent(value -> node.put("collateral_value", value));
      node.put("status", "enabled");
    }
    return result;
  }

  private ObjectNode assetPairs(Params params) {
    String info = params.get("info").orElse("info");
    if (!Set.of("info", "leverage", "fees", "margin").contains(info)) {
      throw ApiException.invalidArguments("info: '" + info + "'");
    }
    ObjectNode result = json.createObjectNode();
    for (ListedPair pair : pairs(params)) {
      ObjectNode node = result.putObject(pair.key());
      switch (info) {
        case "leverage" -> leverage(node, pair);
        case "fees" -> fees(node, pair);
        case "margin" -> margin(node, pair);
        default -> pairInfo(node, pair);
      }
    }
    return result;
  }

  private void pairInfo(ObjectNode node, ListedPair pair) {
    node.put("altname", pair.altname());
    node.put("wsname", pair.wsname());
    node.put("aclass_base", "currency");
    node.put("base", pair.base().id());
    node.put("aclass_quote", "currency");
    node.put("quote", pair.quote().id());
    node.put("lot", "unit");
    node.put("cost_decimals", pair.costDecimals());
    node.put("pair_decimals", pair.pairDecimals());
    node.put("lot_decimals", pair.lotDecimals());
    node.put("lot_multiplier", 1);
    leverage(node, pair);
    fees(node, pair);
    margin(node, pair);
    node.put("ordermin", pair.ordermin().toPlainString());
    node.put("costmin", pair.costmin().toPlainString());
    node.put("tick_size", pair.tickSize().toPlainString());
    node.put("status", "online");
    node.put("long_position_limit", 250);
    node.put("short_position_limit", 200);
  }

  private static void leverage(ObjectNode node, ListedPair pair) {
    ArrayNode buy = node.putArray("leverage_buy");
    ArrayNode sell = node.putArray("leverage_sell");
    pair.leverage(Side.BUY).forEach(buy::add);
    pair.leverage(Side.SELL).forEach(sell::add);
  }

  private static void fees(ObjectNode node, ListedPair pair) {
    feeSchedule(node.putArray("fees"), pair.takerFeePercent());
    feeSchedule(node.putArray("fees_maker"), pair.makerFeePercent());
    node.put("fee_volume_currency", "ZUSD");
  }

  /** Volume tiers (USD, 30 days) and their fee in percent, the first tier being the pair's fee. */
  private static void feeSchedule(ArrayNode schedule, BigDecimal first) {
    int[] volumes = {0, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000};
    BigDecimal step = new BigDecimal("0.04");
    for (int i = 0; i < volumes.length; i++) {
      BigDecimal fee =
          first.subtract(step.multiply(BigDecimal.valueOf(i))).max(new BigDecimal("0.0"));
      ArrayNode tier = schedule.addArray();
      tier.add(volumes[i]);
      BigDecimal shown = fee.stripTrailingZeros();
      tier.add(shown.scale() < 1 ? shown.setScale(1) : shown);
    }
  }

  private static void margin(ObjectNode node, ListedPair pair) {
    node.put("margin_call", pair.marginCall());
    node.put("margin_stop", pair.marginStop());
  }

  private ObjectNode ticker(Params params) {
    Instant now = account.now();
    Market market = account.market();
    Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
    Instant dayAgo = now.minus(Duration.ofDays(1));
    ObjectNode result = json.createObjectNode();
    for (ListedPair pair : pairs(params)) {
      int scale = Math.max(pair.pairDecimals(), 5);
      Candle today = market.summary(pair.key(), dayStart, now, dayStart);
      Candle day = market.summary(pair.key(), dayAgo.plusSeconds(60), now, dayAgo);
      BigDecimal last = today.close();
      ObjectNode node = result.putObject(pair.key());
      String lot = WireFormat.fixed(BigDecimal.ONE, 3);
      triple(node.putArray("a"), WireFormat.fixed(last.add(pair.tickSize()), scale), "1", lot);
      triple(node.putArray("b"), WireFormat.fixed(last.subtract(pair.tickSize()), scale), "1", lot);
      ArrayNode close = node.putArray("c");
      close.add(WireFormat.fixed(last, scale));
      close.add(WireFormat.fixed(pair.ordermin(), pair.lotDecimals()));
      pairOf(node.putArray("v"), today.volume().toPlainString(), day.volume().toPlainString());
      pairOf(
          node.putArray("p"),
          WireFormat.fixed(today.vwap(), scale),
          WireFormat.fixed(day.vwap(), scale));
      ArrayNode counts = node.putArray("t");
      counts.add(today.count());
      counts.add(day.count());
      pairOf(
          node.putArray("l"),
          WireFormat.fixed(today.low(), scale),
          WireFormat.fixed(day.low(), scale));
      pairOf(
          node.putArray("h"),
          WireFormat.fixed(today.high(), scale),
          WireFormat.fixed(day.high(), scale));
      node.put("o", WireFormat.fixed(today.open(), scale));
    }
    return result;
  }

  private ObjectNode ohlc(Params params) {
    String name = params.required("pair");
    ListedPair pair =
        account
            .listing()
            .findPair(name)
            .orElseThrow(() -> new ApiException("EQuery:Unknown asset pair", name));
    int interval = params.get("interval").isPresent() ? params.nonNegative("interval") : 1;
    if (!INTERVALS.contains(interval)) {
      throw ApiException.invalidArguments("interval: " + interval);
    }
    BigDecimal since = BigDecimal.ZERO;
    if (params.get("since").isPresent()) {
      String text = params.required("since");
      if (!Params.isTime(text)) {
        throw ApiException.invalidArguments("since: '" + text + "'");
      }
      since = new BigDecimal(text);
    }
    List<Candle> candles = account.market().candles(pair.key(), interval, account.now());
    ObjectNode result = json.createObjectNode();
    ArrayNode rows = result.putArray(pair.key());
    for (Candle candle : candles) {
      if (BigDecimal.valueOf(candle.time().getEpochSecond()).compareTo(since) < 0) {
        continue;
      }
      ArrayNode row = rows.addArray();
      row.add(candle.time().getEpochSecond());
      row.add(candle.open().toPlainString());
      row.add(candle.high().toPlainString());
      row.add(candle.low().toPlainString());
      row.add(candle.close().toPlainString());
      row.add(candle.vwap().toPlainString());
      row.add(candle.volume().toPlainString());
      row.add(candle.count());
    }
    int committed = Math.max(0, candles.size() - 2);
    result.put("last", candles.get(committed).time().getEpochSecond());
    return result;
  }

  /**
   * {@code Trades}: up to {@code count} (1 to 1000, default 1000) public trades after {@code since}
   * (exclusive; Kraken's nanosecond cursor, or unix seconds), oldest first, or the newest ones
   * without it; {@code last} is the nanosecond time of the newest trade sent, or {@code since} when
   * there was none.
   */
  private ObjectNode trades(Params params) {
    String name = params.required("pair");
    ListedPair pair =
        account
            .listing()
            .findPair(name)
            .orElseThrow(() -> new ApiException("EQuery:Unknown asset pair", name));
    int count = TRADES_PER_PAGE;
    if (params.get("count").isPresent()) {
      count = params.nonNegative("count");
      if (count < 1 || count > TRADES_PER_PAGE) {
        throw ApiException.invalidArguments("count: " + count);
      }
    }
    Instant now = account.now();
    Market market = account.market();
    List<MarketTrade> trades;
    BigDecimal last;
    if (params.get("since").isPresent()) {
      String text = params.required("since");
      if (!Params.isTime(text) && !text.matches("\\d{13,20}")) {
        throw ApiException.invalidArguments("since: '" + text + "'");
      }
      BigDecimal since = new BigDecimal(text);
      BigDecimal seconds = since.compareTo(NANOSECOND_CURSOR) < 0 ? since : since.movePointLeft(9);
      Instant after =
          Instant.ofEpochSecond(
              seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
      trades = market.trades(pair.key(), after, now, count);
      last = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN);
    } else {
      trades = market.latestTrades(pair.key(), now, count);
      last = BigDecimal.ZERO;
    }
    ObjectNode result = json.createObjectNode();
    ArrayNode rows = result.putArray(pair.key());
    int scale = Math.max(pair.pairDecimals(), 5);
    for (MarketTrade trade : trades) {
      ArrayNode row = rows.addArray();
      row.add(WireFormat.fixed(trade.price(), scale));
      row.add(WireFormat.fixed(trade.volume(), pair.lotDecimals()));
      row.add(WireFormat.seconds(trade.time()));
      row.add(trade.side() == Side.BUY ? "b" : "s");
      row.add(trade.market() ? "m" : "l");
      row.add("");
      row.add(trade.id());
    }
    if (!trades.isEmpty()) {
      Instant newest = trades.get(trades.size() - 1).time();
      last =
          BigDecimal.valueOf(newest.getEpochSecond())
              .movePointRight(9)
              .add(BigDecimal.valueOf(newest.getNano()));
    }
    result.put("last", last.toPlainString());
    return result;
  }

  private List<ListedPair> pairs(Params params) {
    List<String> names = params.list("pair");
    if (names.isEmpty()) {
      return account.listing().pairs();
    }
    List<ListedPair> pairs = new ArrayList<>();
    for (String name : names) {
      pairs.add(
          account
              .listing()
              .findPair(name)
              .orElseThrow(() -> new ApiException("EQuery:Unknown asset pair", name)));
    }
    return pairs;
  }

  private static void triple(ArrayNode array, String first, String second, String third) {
    array.add(first);
    array.add(second);
    array.add(third);
  }

  private static void pairOf(ArrayNode array, String today, String day) {
    array.add(today);
    array.add(day);
  }
}
