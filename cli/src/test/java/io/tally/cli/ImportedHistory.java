package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small history imported into a new store for the report and export tests: 20,000 USD deposited
 * on 2024-01-02; 0.5 XBT bought on 2024-01-10 for 10,000 USD with a 10 USD fee; 1.5 DOT of staking
 * on 2025-02-01 when DOT is 6; 0.2 XBT sold on 2025-03-01 for 12,000 USD with a 12 USD fee. Prices:
 * XBT 20,000 at the buy and 60,000 at the sale.
 */
final class ImportedHistory {

  private ImportedHistory() {}

  /** Imports the history into {@code dir}/tally.db and returns the database's path. */
  static String importInto(Path dir) throws IOException {
    Path ledgers = dir.resolve("ledgers.csv");
    Files.writeString(
        ledgers,
        String.join(
            "\n",
            "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\",\"fee\",\"balance\"",
            "\"LR0001-AAAAA-AAAAAA\",\"QDEP01-AAAAA-AAAAAA\",\"2024-01-02 10:00:00\",\"deposit\",\"\",\"currency\",\"ZUSD\",20000.0000,0.0000,20000.0000",
            "\"LR0002-AAAAA-AAAAAA\",\"TR0001-AAAAA-AAAAAA\",\"2024-01-10 11:00:00\",\"trade\",\"\",\"currency\",\"ZUSD\",-10000.0000,10.0000,9990.0000",
            "\"LR0003-AAAAA-AAAAAA\",\"TR0001-AAAAA-AAAAAA\",\"2024-01-10 11:00:00\",\"trade\",\"\",\"currency\",\"XXBT\",0.5000000000,0.0000000000,0.5000000000",
            "\"LR0004-AAAAA-AAAAAA\",\"SR0001-AAAAA-AAAAAA\",\"2025-02-01 09:00:00\",\"staking\",\"\",\"currency\",\"DOT\",1.5000000000,0.0000000000,1.5000000000",
            "\"LR0005-AAAAA-AAAAAA\",\"TR0002-AAAAA-AAAAAA\",\"2025-03-01 12:00:00\",\"trade\",\"\",\"currency\",\"XXBT\",-0.2000000000,0.0000000000,0.3000000000",
            "\"LR0006-AAAAA-AAAAAA\",\"TR0002-AAAAA-AAAAAA\",\"2025-03-01 12:00:00\",\"trade\",\"\",\"currency\",\"ZUSD\",12000.0000,12.0000,21978.0000",
            ""));
    Path prices = dir.resolve("prices.csv");
    Files.writeString(
        prices,
        "time,asset,price\n"
            + "2024-01-10T11:00:00Z,XBT,20000\n"
            + "2025-02-01T00:00:00Z,DOT,6\n"
            + "2025-03-01T12:00:00Z,XBT,60000\n");
    String db = dir.resolve("tally.db").toString();
    TallyRun imported =
        TallyRun.of(
            "import",
            "--db",
            db,
            "--prices",
            prices.toString(),
            "--base",
            "USD",
            ledgers.toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    return db;
  }
}
