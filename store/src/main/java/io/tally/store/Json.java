package io.tally.store;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text the store still reads, for the migration to schema 6 ({@link CompactRows}) only: a
 * source row's fields as schema 1 to 4 stored them, an object of strings in the fields' order, such
 * as {@code {"txid":"L4UESK-KG3EQ-UFO4T5","amount":"0.0100000000"}}. JSON strings keep every
 * character, so values come back exactly as given. Thread-safe.
 */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectReader FIELDS_READER =
      MAPPER.readerFor(
          MAPPER
              .getTypeFactory()
              .constructMapType(LinkedHashMap.class, String.class, String.class));

  private Json() {}

  /**
   * The fields of a stored JSON object, in stored order; throws Jackson's unchecked exception if
   * the text is not such an object.
   */
  static Map<String, String> readFields(String json) {
    return FIELDS_READER.readValue(json);
  }
}
