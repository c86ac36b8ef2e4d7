package io.priceengine.http.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SymbolListTest {
  @Test
  void dropsSurroundingSpacesOnly() {
    assertEquals(
        List.of("AAPL", "MSFT"), SymbolList.parse(Optional.of(" aapl , MSFT "), 10).symbols());
  }

  @Test
  void controlCharactersAroundASymbolAreRefusedNotTrimmed() {
    for (String raw : List.of("AAPL\u0000", "\u0000AAPL", "AAPL\t", "AAPL\n", " AAPL\u0000 ")) {
      SymbolList parsed = SymbolList.parse(Optional.of(raw), 10);
      assertEquals("invalid_symbol", parsed.error() == null ? null : parsed.error().code(), raw);
    }
  }
}
