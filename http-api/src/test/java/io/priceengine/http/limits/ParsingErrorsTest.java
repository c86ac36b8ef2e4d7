package io.priceengine.http.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParsingErrorsTest {
  @Test
  void unknownMethodsAndVersionsAreTheClientsMistake() {
    assertEquals(400, ParsingErrors.errorFor(501).status().intValue());
    assertEquals(400, ParsingErrors.errorFor(505).status().intValue());
    assertEquals("invalid_request", ParsingErrors.errorFor(505).code());
  }

  @Test
  void sizeLimitsKeepTheirStatus() {
    assertEquals(414, ParsingErrors.errorFor(414).status().intValue());
    assertEquals(431, ParsingErrors.errorFor(431).status().intValue());
    assertEquals("payload_too_large", ParsingErrors.errorFor(413).code());
  }
}
