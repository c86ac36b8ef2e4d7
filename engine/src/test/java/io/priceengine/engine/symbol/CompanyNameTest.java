package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompanyNameTest {
  @Test
  void unicodeNamesAreValid() {
    assertTrue(Tick.isValidCompanyName("Société Générale 😀"));
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesAreNot() {
    assertFalse(Tick.isValidCompanyName("Apple\u0000"));
    assertFalse(Tick.isValidCompanyName("Apple\ud800"));
    assertFalse(Tick.isValidCompanyName("\udc00Apple"));
    assertFalse(Tick.isValidCompanyName("x".repeat(Tick.MAX_COMPANY_NAME + 1)));
  }
}
