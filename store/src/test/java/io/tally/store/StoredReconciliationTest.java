package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredReconciliationTest {

  private static StoredReconciliation.AssetDifference xbt() {
    return new StoredReconciliation.AssetDifference(
        "XBT", BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("9"), Optional.empty());
  }

  @Test
  void theStatusIsTheEnginesLowerCaseCode() {
    assertThat(new StoredReconciliation(T0, "no_quiet_moment", false, Optional.empty()).status())
        .isEqualTo("no_quiet_moment");
    assertThatThrownBy(() -> new StoredReconciliation(T0, "OK", false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status")
        .hasMessageContaining("'OK'");
    assertThatThrownBy(() -> new StoredReconciliation(T0, "", false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
  }

  @Test
  void aTimeTheStoreCannotKeepIsRejected() {
    assertThatThrownBy(() -> new StoredReconciliation(Instant.MAX, "ok", false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkedAt");
  }

  @Test
  void aComparisonNamesEachAssetOnceWithANonNegativeTolerance() {
    List<StoredReconciliation.AssetDifference> assets = new ArrayList<>(List.of(xbt()));
    StoredReconciliation.Comparison comparison =
        new StoredReconciliation.Comparison(BigDecimal.ONE, BigDecimal.ZERO, assets);
    assets.clear();
    assertThat(comparison.assets()).as("a copy").containsExactly(xbt());

    assertThatThrownBy(
            () ->
                new StoredReconciliation.Comparison(
                    BigDecimal.ONE, BigDecimal.ZERO, List.of(xbt(), xbt())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XBT twice");
    assertThatThrownBy(
            () ->
                new StoredReconciliation.Comparison(
                    new BigDecimal("-1"), BigDecimal.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
  }

  @Test
  void anAssetHasACode() {
    assertThatThrownBy(
            () ->
                new StoredReconciliation.AssetDifference(
                    " ", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asset");
  }
}
