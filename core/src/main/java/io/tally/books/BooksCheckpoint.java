package io.tally.books;

import io.tally.ledger.TabText;
import io.tally.margin.MarginAccountText;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.RunningSum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The text form of a {@link Books} fold in the middle of a log, so start-up can resume from it
 * instead of replaying everything. One record per line, fields separated by tabs; numbers keep
 * their exact scale ({@code 1.50} stays {@code 1.50}), so a resumed fold computes digit for digit
 * what the original would have. Free text (strategy tags, issue details) escapes backslash, tab,
 * newline and carriage return.
 *
 * <p>Example of a line: {@code pool XBT 0.5 20000.00000000 0.5 20000.00000000}.
 */
final class BooksCheckpoint {

  /**
   * The first line of every checkpoint; a new layout, or a new meaning of a figure, gets a new
   * number. Version 2: pair positions are also lowered by units that leave their asset's pool any
   * other way than a sale on that pair, so a version 1 checkpoint is refused and the log replayed.
   * Version 3: each trade's realized PnL ({@code trade_pnl} lines), which older checkpoints lack.
   * Version 4: realized PnL by pair and by strategy are no longer written (they are the sums of
   * {@code strategy_pair}), so a version 3 reader would miss them. Version 5: no {@code trade_pnl}
   * lines; what each trade realized is kept beside the checkpoint ({@link Books#tradePnls()}), and
   * a version 4 reader, which looks for them here, must not resume from one.
   */
  static final String HEADER = "tally-books\t5";

  private static final String END = "end";

  /**
   * The record that carries one line of the margin positions' text ({@link MarginAccountText}).
   * Books without margin fills write none, so their checkpoint is version 5's; a reader that
   * predates it refuses the record, and replays.
   */
  private static final String MARGIN = "margin";

  private BooksCheckpoint() {}

  static String write(Books books) {
    StringBuilder out = new StringBuilder(4096);
    out.append(HEADER).append('\n');
    line(
        out,
        "config",
        books.config.base().code(),
        books.config.method().name(),
        books.config.kfeeUsd().toString());
    line(
        out,
        "totals",
        books.feesTotal.value().toString(),
        books.deposits.value().toString(),
        books.withdrawals.value().toString(),
        books.rewards.value().toString(),
        books.adjustments.value().toString(),
        Long.toString(books.flowCount),
        Long.toString(books.eventCount));
    new TreeMap<>(books.pools)
        .forEach(
            (asset, pool) -> {
              List<String> fields = new ArrayList<>();
              fields.add("pool");
              fields.add(asset.code());
              fields.add(pool.quantity().toString());
              fields.add(pool.cost().toString());
              for (CostPool.Lot lot : pool.lots()) {
                fields.add(lot.quantity().toString());
                fields.add(lot.cost().toString());
              }
              line(out, fields.toArray(String[]::new));
            });
    amounts(out, "realized", books.realizedByAsset, Asset::code);
    amounts(out, "kind", books.realizedByKind, PnlKind::name);
    amounts(out, "trade", books.tradeRealizedByAsset, Asset::code);
    new TreeMap<>(books.realizedByStrategyAndPair)
        .forEach(
            (tag, byPair) ->
                new TreeMap<>(byPair)
                    .forEach(
                        (pair, total) ->
                            line(
                                out,
                                "strategy_pair",
                                TabText.escape(tag),
                                pair.slashed(),
                                total.value().toString())));
    books.pairs.forEach(
        (pair, book) ->
            line(
                out,
                "pair_book",
                pair.slashed(),
                book.size.toString(),
                book.costBase.toString(),
                book.costQuote.toString(),
                book.realized.value().toString(),
                book.fees.value().toString()));
    amounts(out, "fee_asset", books.feesByAsset, Asset::code);
    amounts(out, "fee_pair", books.feesByPair, Pair::slashed);
    for (DataIssue issue : books.issues) {
      line(out, "issue", issue.toText());
    }
    // The margin positions' own text form, a line per record ({@link MarginAccountText}).
    String margin = MarginAccountText.writeAll(books.marginPositions.accounts());
    for (String record : margin.split("\n")) {
      if (!record.isEmpty()) {
        line(out, MARGIN, record);
      }
    }
    out.append(END).append('\n');
    return out.toString();
  }

  /** Fills empty {@code books} with the state {@code text} describes. */
  static void read(String text, Books books) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException(
          "Not a books checkpoint: the first line is not '" + HEADER.replace('\t', ' ') + "'");
    }
    int last = lines.length - 1;
    while (last > 0 && lines[last].isEmpty()) {
      last--;
    }
    if (!lines[last].equals(END)) {
      throw new IllegalArgumentException("Books checkpoint is cut short: no end line");
    }
    StringBuilder margin = new StringBuilder();
    for (int i = 1; i < last; i++) {
      if (lines[i].startsWith(MARGIN + "\t")) {
        margin.append(lines[i], MARGIN.length() + 1, lines[i].length()).append('\n');
        continue;
      }
      try {
        readLine(lines[i].split("\t", -1), books);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Books checkpoint line " + (i + 1) + " is not valid: " + e.getMessage(), e);
      }
    }
    try {
      books.marginPositions = MarginPositions.resume(MarginAccountText.readAll(margin.toString()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Books checkpoint's margin positions are not valid: " + e.getMessage(), e);
    }
  }

  private static void readLine(String[] f, Books books) {
    switch (f[0]) {
      case "config":
        BookConfig stored =
            new BookConfig(Asset.of(f[1]), CostBasisMethod.valueOf(f[2]), new BigDecimal(f[3]));
        if (!stored.equals(books.config)) {
          throw new IllegalArgumentException(
              "it was written by books kept as " + stored + ", not " + books.config);
        }
        break;
      case "totals":
        books.feesTotal = total(f[1]);
        books.deposits = total(f[2]);
        books.withdrawals = total(f[3]);
        books.rewards = total(f[4]);
        books.adjustments = total(f[5]);
        books.flowCount = Long.parseLong(f[6]);
        books.eventCount = Long.parseLong(f[7]);
        break;
      case "pool":
        List<CostPool.Lot> lots = new ArrayList<>();
        for (int i = 4; i + 1 < f.length; i += 2) {
          lots.add(new CostPool.Lot(new BigDecimal(f[i]), new BigDecimal(f[i + 1])));
        }
        books.pools.put(
            Asset.of(f[1]),
            CostPool.restore(
                books.config.method(), new BigDecimal(f[2]), new BigDecimal(f[3]), lots));
        break;
      case "realized":
        books.realizedByAsset.put(Asset.of(f[1]), total(f[2]));
        break;
      case "kind":
        books.realizedByKind.put(PnlKind.valueOf(f[1]), total(f[2]));
        break;
      case "trade":
        books.tradeRealizedByAsset.put(Asset.of(f[1]), total(f[2]));
        break;
      case "strategy_pair":
        books
            .realizedByStrategyAndPair
            .computeIfAbsent(TabText.unescape(f[1]), tag -> new HashMap<>())
            .put(Pair.parse(f[2]), total(f[3]));
        break;
      case "pair_book":
        PairBooks.PairBook book = books.pairs.book(Pair.parse(f[1]));
        book.size = new BigDecimal(f[2]);
        book.costBase = new BigDecimal(f[3]);
        book.costQuote = new BigDecimal(f[4]);
        book.realized = total(f[5]);
        book.fees = total(f[6]);
        break;
      case "fee_asset":
        books.feesByAsset.put(Asset.of(f[1]), total(f[2]));
        break;
      case "fee_pair":
        books.feesByPair.put(Pair.parse(f[1]), total(f[2]));
        break;
      case "issue":
        books.issues.add(DataIssue.parse(String.join("\t", List.of(f).subList(1, f.length))));
        break;
      default:
        throw new IllegalArgumentException("unknown record '" + f[0] + "'");
    }
  }

  private static <K> void amounts(
      StringBuilder out, String record, Map<K, RunningSum> totals, Function<K, String> key) {
    Map<String, BigDecimal> sorted = new TreeMap<>();
    totals.forEach((k, total) -> sorted.put(key.apply(k), total.value()));
    sorted.forEach((k, v) -> line(out, record, k, v.toString()));
  }

  /** A running total as written, its scale included. */
  private static RunningSum total(String written) {
    return new RunningSum(new BigDecimal(written));
  }

  private static void line(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      out.append(fields[i]);
    }
    out.append('\n');
  }
}
