package io.tally.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/** Small rows and batches for the store's tests. */
final class Fixtures {

  static final String LEDGERS = "kraken.ledgers";
  static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

  private Fixtures() {}

  /** A ledger row {@code rowId} of group {@code groupId}, at T0 plus {@code second} seconds. */
  static SourceRow ledger(String rowId, String groupId, int second) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", rowId);
    fields.put("refid", groupId);
    fields.put("asset", "XXBT");
    fields.put("amount", "0.0100000000");
    return new SourceRow(LEDGERS, rowId, groupId, T0.plusSeconds(second), fields);
  }

  /** A batch of just these rows. */
  static ImportBatch rows(String description, SourceRow... rows) {
    return new ImportBatch(List.of(rows), List.of(), description);
  }

  /** A batch of just these event records. */
  static ImportBatch events(String description, EventRecord... events) {
    return new ImportBatch(List.of(), List.of(events), description);
  }

  /**
   * {@code text} in UTF-8, deflated as a row block is: what a test writes behind the store's back.
   */
  static byte[] deflated(String text) {
    Deflater deflater = new Deflater();
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1_024];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}
