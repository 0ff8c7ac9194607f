package io.tally.store;

import io.tally.store.StoredReconciliation.MarginComparison;
import io.tally.store.StoredReconciliation.MarginFigureRow;
import io.tally.store.StoredReconciliation.MarginPositionRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text of column {@code reconciliation.margin} (schema 10): a {@link MarginComparison} as one
 * JSON object, amounts as decimal strings so they come back exactly, such as {@code
 * {"currency":"USD","absolute_tolerance":"1.00","relative_tolerance":"0.005",
 * "non_collateral":"0","figures_skipped":null,"figures":[{"figure":"equity","internal":"10",
 * "exchange":"10"}],"positions":[]}}. Stateless.
 */
final class MarginText {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private MarginText() {}

  /** {@code margin} as stored text. */
  static String write(MarginComparison margin) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("currency", margin.currency());
    root.put("absolute_tolerance", margin.absoluteTolerance().toPlainString());
    root.put("relative_tolerance", margin.relativeTolerance().toPlainString());
    root.put("non_collateral", margin.nonCollateral().toPlainString());
    if (margin.figuresSkipped().isPresent()) {
      root.put("figures_skipped", margin.figuresSkipped().get());
    } else {
      root.putNull("figures_skipped");
    }
    ArrayNode figures = root.putArray("figures");
    for (MarginFigureRow figure : margin.figures()) {
      ObjectNode row = figures.addObject();
      row.put("figure", figure.figure());
      optional(row, "internal", figure.internal());
      optional(row, "exchange", figure.exchange());
    }
    ArrayNode positions = root.putArray("positions");
    for (MarginPositionRow position : margin.positions()) {
      ObjectNode row = positions.addObject();
      row.put("pair", position.pair());
      row.put("internal", position.internal().toPlainString());
      row.put("exchange", position.exchange().toPlainString());
    }
    return MAPPER.writeValueAsString(root);
  }

  /**
   * The comparison {@code text} holds.
   *
   * @throws IllegalArgumentException naming what is wrong when it is not such text
   */
  static MarginComparison read(String text) {
    try {
      JsonNode root = MAPPER.readTree(text);
      List<MarginFigureRow> figures = new ArrayList<>();
      for (JsonNode row : array(root, "figures")) {
        figures.add(
            new MarginFigureRow(
                string(row, "figure"), optional(row, "internal"), optional(row, "exchange")));
      }
      List<MarginPositionRow> positions = new ArrayList<>();
      for (JsonNode row : array(root, "positions")) {
        positions.add(
            new MarginPositionRow(
                string(row, "pair"), decimal(row, "internal"), decimal(row, "exchange")));
      }
      JsonNode skipped = root.get("figures_skipped");
      return new MarginComparison(
          string(root, "currency"),
          decimal(root, "absolute_tolerance"),
          decimal(root, "relative_tolerance"),
          decimal(root, "non_collateral"),
          skipped == null || skipped.isNull()
              ? Optional.empty()
              : Optional.of(skipped.stringValue()),
          figures,
          positions);
    } catch (JacksonException | NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          "column margin is not a stored margin comparison: " + e.getMessage(), e);
    }
  }

  private static void optional(ObjectNode row, String name, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      row.put(name, value.get().toPlainString());
    } else {
      row.putNull(name);
    }
  }

  private static JsonNode array(JsonNode node, String name) {
    JsonNode array = node.get(name);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("column margin has no array " + name);
    }
    return array;
  }

  private static String string(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("column margin has no text " + name);
    }
    return value.stringValue();
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    return new BigDecimal(string(node, name));
  }

  private static Optional<BigDecimal> optional(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull()
        ? Optional.empty()
        : Optional.of(new BigDecimal(string(node, name)));
  }
}
