package io.tally.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The least a JVM import of a ledger export can do, to set Tally's import against ledger-cli
 * (docs/BENCHMARKS.md §13): start a JVM, read every line of the CSV, and keep each row durably in a
 * SQLite file the way Tally's store is opened (WAL, {@code synchronous=FULL}, one transaction, JDBC
 * batches of 10,000), looked up by its ledger id. No parsing beyond the id, no classification, no
 * events, no books, no report. Whatever this takes, a Tally import of the same file cannot take
 * less.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.tally.bench.ImportFloor ledgers.csv
 * floor.db} (the database must not exist). Prints the rows kept.
 */
public final class ImportFloor {

  private static final int BATCH = 10_000;

  private ImportFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ImportFloor LEDGERS.csv NEW.db");
      System.exit(2);
    }
    Path csv = Path.of(args[0]);
    Path db = Path.of(args[1]);
    if (Files.exists(db)) {
      throw new IllegalArgumentException(db + " exists: give a new file");
    }
    long rows = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      try (Statement settings = connection.createStatement()) {
        settings.execute("PRAGMA journal_mode=WAL");
        settings.execute("PRAGMA synchronous=FULL");
        settings.execute("PRAGMA cache_size=-262144");
        settings.execute("CREATE TABLE raw_row (id TEXT PRIMARY KEY, line TEXT NOT NULL) STRICT");
      }
      connection.setAutoCommit(false);
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(csv + " is empty");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO raw_row (id, line) VALUES (?, ?)")) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          insert.setString(1, firstField(line));
          insert.setString(2, line);
          insert.addBatch();
          if (++rows % BATCH == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not keep the rows of " + csv + " in " + db, e);
    }
    System.out.printf("kept %,d rows of %s in %s%n", rows, csv, db);
  }

  /** The first field of a CSV line, its quotes taken off: a Kraken ledger row's id. */
  private static String firstField(String line) {
    int comma = line.indexOf(',');
    String field = comma < 0 ? line : line.substring(0, comma);
    return field.length() >= 2 && field.charAt(0) == '"'
        ? field.substring(1, field.length() - 1)
        : field;
  }
}
