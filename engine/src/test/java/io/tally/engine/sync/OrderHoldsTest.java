package io.tally.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.kraken.api.ExtendedBalance;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderHoldsTest {

  private static final Instant AT = Instant.parse("2026-03-02T12:00:01.250Z");

  private static ExtendedBalance balance(String balance, String hold) {
    return new ExtendedBalance(
        new BigDecimal(balance), new BigDecimal(hold), BigDecimal.ZERO, BigDecimal.ZERO);
  }

  @Test
  void holdsAreSummedByCanonicalAssetAndOnlyPositiveOnesKept() {
    Map<String, ExtendedBalance> answer = new LinkedHashMap<>();
    answer.put("XXBT", balance("0.0001339400", "0.0000500000"));
    answer.put("XBT.M", balance("0.5", "0.25"));
    answer.put("ZUSD", balance("171288.6158", "0.0000"));
    answer.put("USDT", balance("60.90852000", "13.63876000"));
    answer.put("XETH", balance("0.1", "-0.0000000001"));

    OrderHolds holds = OrderHolds.of(AT, answer);

    // XBT: 0.00005 (spot) + 0.25 (XBT.M) = 0.25005; USD holds nothing; ETH's negative hold is none
    assertThat(holds.byAsset())
        .containsOnlyKeys(Asset.XBT, Asset.of("USDT"))
        .containsEntry(Asset.XBT, new BigDecimal("0.25005"))
        .containsEntry(Asset.of("USDT"), new BigDecimal("13.63876"));
    assertThat(holds.of(Asset.USD)).isZero();
    assertThat(holds.asOf()).isEqualTo(AT);
  }

  @Test
  void theMarkTextReadsBackToTheSameHolds() {
    TreeMap<Asset, BigDecimal> held = new TreeMap<>();
    held.put(Asset.XBT, new BigDecimal("0.1"));
    held.put(Asset.USD, new BigDecimal("1503.7500"));
    OrderHolds holds = new OrderHolds(AT, held);

    assertThat(holds.toText()).isEqualTo("2026-03-02T12:00:01.250Z USD=1503.7500 XBT=0.1");
    assertThat(OrderHolds.parse(holds.toText())).isEqualTo(holds);
    OrderHolds none = new OrderHolds(AT, new TreeMap<>());
    assertThat(none.toText()).isEqualTo("2026-03-02T12:00:01.250Z");
    assertThat(OrderHolds.parse(none.toText())).isEqualTo(none);
    assertThat(OrderHolds.from(new Marks(Map.of(Mark.ORDER_HOLDS.key(), holds.toText()))))
        .contains(holds);
    assertThat(OrderHolds.from(Marks.NONE)).isEmpty();
  }

  @Test
  void badTextAndNonPositiveHoldsAreRejected() {
    assertThatThrownBy(() -> OrderHolds.parse("yesterday XBT=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("yesterday XBT=1");
    assertThatThrownBy(() -> OrderHolds.parse("2026-03-02T12:00:00Z XBT"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderHolds(AT, new TreeMap<>(Map.of(Asset.XBT, BigDecimal.ZERO))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XBT 0");
  }
}
