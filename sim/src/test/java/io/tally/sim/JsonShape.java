package io.tally.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shape of a value: field names and, per field, the JSON type (string, int, float,
 * boolean, null, array of …, object {…}). Two values have the same shape when their types agree
 * field by field; the difference is listed path by path.
 */
final class JsonShape {

  private JsonShape() {}

  /** The type of one value, arrays and objects included recursively. */
  static String type(JsonNode node) {
    if (node.isString()) {
      return "string";
    }
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      Set<String> elements = new TreeSet<>();
      node.values().forEach(element -> elements.add(type(element)));
      return "array" + elements;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    node.properties().forEach(field -> fields.put(field.getKey(), type(field.getValue())));
    return "object" + fields;
  }

  /**
   * Where {@code actual} (an object) differs in shape from {@code expected}: a field of {@code
   * expected} missing from {@code actual}, a field of another type, or a field of {@code actual}
   * that {@code expected} lacks and {@code allowedExtra} does not name. Nested objects are compared
   * the same way.
   */
  static List<String> differences(
      JsonNode expected, JsonNode actual, Set<String> allowedExtra, String path) {
    List<String> differences = new ArrayList<>();
    expected
        .properties()
        .forEach(
            field -> {
              JsonNode other = actual.get(field.getKey());
              String at = path + "." + field.getKey();
              if (other == null) {
                differences.add(at + " missing");
              } else if (field.getValue().isObject() && other.isObject()) {
                differences.addAll(differences(field.getValue(), other, allowedExtra, at));
              } else if (!type(field.getValue()).equals(type(other))) {
                differences.add(
                    at + ": " + type(field.getValue()) + " expected, " + type(other) + " found");
              }
            });
    actual
        .properties()
        .forEach(
            field -> {
              if (!expected.has(field.getKey()) && !allowedExtra.contains(field.getKey())) {
                differences.add(path + "." + field.getKey() + " not in the recorded response");
              }
            });
    return differences;
  }
}
