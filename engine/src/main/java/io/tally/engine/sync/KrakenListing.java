package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.ingest.Ingest;
import io.tally.kraken.api.AssetInfo;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.PairInfo;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What Kraken lists, kept in the store: its {@code Assets} (the names the ledger's asset ids
 * resolve to) and its {@code AssetPairs} (the markets prices come from), each fetched again when
 * the stored copy is a day old. Both public calls need no key, so {@code tally sync} and {@code
 * tally prices fetch} share this one refresh.
 *
 * <p>Each asset id with its altname is a row, and each pair with one version of its fields, so a
 * renamed asset or a changed pair adds a row and the latest one wins; the fetch times are marks.
 *
 * <p>Example: {@code KrakenListing listing = new KrakenListing(store, client, clock, progress);
 * listing.refreshAssets(); List<PairInfo> pairs = listing.pairs();}. Not thread-safe: one refresh
 * per store at a time.
 */
public final class KrakenListing {

  /** The row source of Kraken's pairs. */
  public static final String PAIRS = "kraken.pairs";

  /** How long Kraken's lists are trusted before they are fetched again. */
  static final Duration MAX_AGE = Duration.ofDays(1);

  private final PortfolioStore store;
  private final KrakenClient client;
  private final Clock clock;
  private final Consumer<String> progress;

  public KrakenListing(
      PortfolioStore store, KrakenClient client, Clock clock, Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
  }

  /** Fetches Kraken's Assets list when the stored one is older than a day (or missing). */
  public void refreshAssets() {
    Instant now = clock.instant();
    if (fresh(Mark.ASSETS_FETCHED, now)) {
      return;
    }
    progress.accept("fetching Kraken's asset list");
    List<SourceRow> rows = new ArrayList<>();
    for (AssetInfo asset : client.assets()) {
      rows.add(
          new SourceRow(
              Ingest.ASSETS,
              asset.id() + "@" + asset.altname(),
              asset.id(),
              now,
              Map.of(
                  "id", asset.id(),
                  "altname", asset.altname(),
                  "decimals", Integer.toString(asset.decimals()),
                  "display_decimals", Integer.toString(asset.displayDecimals()))));
    }
    store.commit(
        new ImportBatch(
            rows,
            List.of(),
            List.of(),
            Map.of(Mark.ASSETS_FETCHED.key(), now.toString()),
            "assets"));
  }

  /**
   * Kraken's AssetPairs: fetched when the stored list is older than a day (or missing), then read
   * back from the store, the latest version of each pair.
   */
  public List<PairInfo> pairs() {
    Instant now = clock.instant();
    if (!fresh(Mark.PAIRS_FETCHED, now)) {
      progress.accept("fetching Kraken's pair list");
      List<SourceRow> rows = new ArrayList<>();
      for (PairInfo pair : client.assetPairs()) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", pair.key());
        fields.put("altname", pair.altname());
        fields.put("wsname", pair.wsname());
        fields.put("base", pair.base());
        fields.put("quote", pair.quote());
        fields.put("pair_decimals", Integer.toString(pair.pairDecimals()));
        fields.put("lot_decimals", Integer.toString(pair.lotDecimals()));
        fields.put(
            "cost_decimals",
            pair.costDecimals().isPresent()
                ? Integer.toString(pair.costDecimals().getAsInt())
                : "");
        fields.put("ordermin", pair.ordermin().toPlainString());
        fields.put("costmin", pair.costmin().map(BigDecimal::toPlainString).orElse(""));
        rows.add(
            new SourceRow(
                PAIRS,
                pair.key() + "@" + String.join("|", fields.values()),
                pair.key(),
                now,
                fields));
      }
      store.commit(
          new ImportBatch(
              rows,
              List.of(),
              List.of(),
              Map.of(Mark.PAIRS_FETCHED.key(), now.toString()),
              "asset pairs"));
    }
    return storedPairs(store);
  }

  /**
   * Kraken's AssetPairs as {@code store} keeps them, the latest version of each pair, without
   * fetching: empty when nothing fetched them (an account imported from CSV alone). A row stored
   * before {@code costmin} was kept has none.
   */
  public static List<PairInfo> storedPairs(PortfolioStore store) {
    Map<String, PairInfo> latest = new LinkedHashMap<>();
    for (SourceRow row : store.rows(PAIRS)) {
      Map<String, String> f = row.fields();
      String cost = f.getOrDefault("cost_decimals", "");
      String costmin = f.getOrDefault("costmin", "");
      latest.put(
          f.get("key"),
          new PairInfo(
              f.get("key"),
              f.get("altname"),
              f.get("wsname"),
              f.get("base"),
              f.get("quote"),
              Integer.parseInt(f.get("pair_decimals")),
              Integer.parseInt(f.get("lot_decimals")),
              cost.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cost)),
              new BigDecimal(f.get("ordermin")),
              costmin.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(costmin))));
    }
    return new ArrayList<>(latest.values());
  }

  private boolean fresh(Mark mark, Instant now) {
    return Marks.of(store).instant(mark).filter(t -> t.plus(MAX_AGE).isAfter(now)).isPresent();
  }
}
