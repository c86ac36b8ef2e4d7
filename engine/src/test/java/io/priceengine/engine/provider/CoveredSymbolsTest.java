package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.SymbolUniverse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoveredSymbolsTest {

  private static Listing listing(String symbol, boolean active) {
    return new Listing(symbol, null, active, Listing.ADDED_BY_API, Instant.EPOCH);
  }

  @Test
  void configuredPlusActiveListingsMinusDelisted() {
    SymbolUniverse universe =
        SymbolUniverse.fixed(
            Map.of(
                "NFLX", listing("NFLX", true),
                "MSFT", listing("MSFT", false),
                "IBM", listing("IBM", true),
                "OLD", listing("OLD", false)));
    CoveredSymbols covered = new CoveredSymbols(List.of("AAPL", "MSFT", "IBM"), universe);
    assertEquals(List.of("AAPL", "IBM", "NFLX"), List.copyOf(covered.current()));
  }

  @Test
  void parsesConfiguredListAndRejectsInvalidSymbols() {
    assertEquals(List.of("AAPL", "BRK.B"), CoveredSymbols.parse(" aapl, BRK.B,,AAPL ", "X"));
    assertEquals(List.of(), CoveredSymbols.parse("", "X"));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> CoveredSymbols.parse("AAPL,1BAD", "X_SYMBOLS"));
    assertEquals("invalid symbol in X_SYMBOLS: 1BAD", error.getMessage());
  }
}
