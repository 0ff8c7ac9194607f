package io.tally.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The least a second JVM process can do with the file {@link ImportFloor} kept, to set {@code tally
 * import} followed by {@code tally report} against ledger-cli's one process (docs/BENCHMARKS.md
 * §30): start a JVM, open the SQLite file, count its rows and print the count. No books are read
 * and nothing is valued; whatever this takes, a {@code tally report} process cannot take less.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.tally.bench.ReportFloor floor.db} after
 * {@code ImportFloor ledgers.csv floor.db}. Prints {@code 100000 rows in floor.db} for a
 * 100,000-row export.
 */
public final class ReportFloor {

  private ReportFloor() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ReportFloor FLOOR.db");
      System.exit(2);
    }
    Path db = Path.of(args[0]);
    if (!Files.isRegularFile(db)) {
      throw new IllegalArgumentException(db + " is not a file: run ImportFloor first");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement count = connection.createStatement();
        ResultSet rows = count.executeQuery("SELECT count(*) FROM raw_row")) {
      rows.next();
      System.out.printf("%d rows in %s%n", rows.getLong(1), db);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the rows of " + db, e);
    }
  }
}
