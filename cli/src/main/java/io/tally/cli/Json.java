package io.tally.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How commands print JSON: the contract's trees (see {@code ContractJson}), indented, amounts
 * already decimal strings.
 *
 * <p>Example: {@code out.println(Json.write(ContractJson.equity(summary)))}. Thread-safe.
 */
final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static String write(Object tree) {
    return MAPPER.writeValueAsString(tree);
  }
}
