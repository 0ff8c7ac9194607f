package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

  @Test
  void theMessageAndCauseAreKept() {
    SQLException cause = new SQLException("[SQLITE_FULL] database or disk is full");

    StoreException exception = new StoreException("Could not commit to /data/tally.db", cause);

    assertThat(exception).isInstanceOf(RuntimeException.class);
    assertThat(exception).hasMessage("Could not commit to /data/tally.db").hasCause(cause);
  }
}
