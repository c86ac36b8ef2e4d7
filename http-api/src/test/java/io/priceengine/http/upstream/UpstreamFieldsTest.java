package io.priceengine.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamFieldsTest {
  @Test
  void roundsFeedPricesToFourDecimals() throws Exception {
    assertEquals(
        new BigDecimal("1.2346"),
        UpstreamFields.price(DecimalNode.valueOf(new BigDecimal("1.23456")), "price"));
  }

  @Test
  void hugeAndTinyExponentsAreMalformedAndCheap() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          for (String literal : List.of("1e400", "1e999999999", "1e-999999999", "-1e400", "1e-5")) {
            assertThrows(
                MalformedUpstreamData.class,
                () -> UpstreamFields.price(DecimalNode.valueOf(new BigDecimal(literal)), "price"),
                literal);
          }
        });
  }
}
