package io.tally.store;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows as schema 1 to 4 stored them, for tests of the migration to compact rows: fields as a JSON
 * object of strings with their names, written by Jackson as the store of those schemas did.
 */
final class SchemaFour {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SchemaFour() {}

  /** The JSON object of these fields in their order, such as {@code {"txid":"L1"}}. */
  static String fieldsJson(Map<String, String> fields) {
    return MAPPER.writeValueAsString(fields);
  }
}
