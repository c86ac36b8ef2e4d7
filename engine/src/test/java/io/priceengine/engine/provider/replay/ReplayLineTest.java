package io.priceengine.engine.provider.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayLineTest {

  private static Tick tick(String line) {
    return assertInstanceOf(ReplayLine.Price.class, ReplayLine.parse(line, false)).tick();
  }

  private static String malformed(String line) {
    return assertInstanceOf(ReplayLine.Malformed.class, ReplayLine.parse(line, false)).kind();
  }

  @Test
  void parsesEveryFieldWithExactDecimals() {
    Tick tick = tick("aapl,2024-01-02T14:30:00.250Z,189.2500,1200,188.1,190,187.9,187.5");
    assertEquals("AAPL", tick.symbol());
    assertEquals(new BigDecimal("189.25"), tick.price());
    assertEquals(1200L, tick.volume());
    assertEquals(new BigDecimal("188.1"), tick.open());
    assertEquals(new BigDecimal("190"), tick.high());
    assertEquals(new BigDecimal("187.9"), tick.low());
    assertEquals(new BigDecimal("187.5"), tick.previousClose());
    assertEquals(Instant.parse("2024-01-02T14:30:00.250Z"), tick.sourceTimestamp());
    assertEquals(ReplayProvider.CODE, tick.provider());
  }

  @Test
  void acceptsEpochMillisOffsetsAndEmptyOptionalFields() {
    assertEquals(
        Instant.ofEpochMilli(1700000000123L), tick("MSFT,1700000000123,415.5").sourceTimestamp());
    assertEquals(
        Instant.parse("2024-01-02T13:30:00Z"),
        tick("MSFT,2024-01-02T14:30:00+01:00,415.5").sourceTimestamp());
    Tick sparse = tick("MSFT,1700000000000,415.5,,,,,401 ");
    assertNull(sparse.volume());
    assertNull(sparse.open());
    assertEquals(new BigDecimal("401"), sparse.previousClose());
  }

  @Test
  void skipsHeaderOnlyOnTheFirstLineAndBlankLines() {
    assertInstanceOf(ReplayLine.Skip.class, ReplayLine.parse("symbol,timestamp,price", true));
    assertEquals("invalid timestamp", malformed("symbol,timestamp,price"));
    assertInstanceOf(ReplayLine.Skip.class, ReplayLine.parse("  ", false));
  }

  @Test
  void namesWhatIsWrongWithAMalformedLine() {
    assertEquals("too few fields", malformed("AAPL,1700000000000"));
    assertEquals("too many fields", malformed("AAPL,1700000000000,1,2,3,4,5,6,t-7,8"));
    assertEquals("invalid tick id", malformed("AAPL,1700000000000,1,,,,,,trade 7"));
    assertEquals("invalid symbol", malformed("1AAPL,1700000000000,1"));
    assertEquals("invalid timestamp", malformed("AAPL,yesterday,1"));
    assertEquals("invalid price", malformed("AAPL,1700000000000,NaN"));
    assertEquals("invalid price", malformed("AAPL,1700000000000,-3"));
    assertEquals("invalid price", malformed("AAPL,1700000000000,1.23456"));
    assertEquals("invalid price", malformed("AAPL,1700000000000,100000000000"));
    assertEquals("invalid volume", malformed("AAPL,1700000000000,1,-5"));
    assertEquals("invalid volume", malformed("AAPL,1700000000000,1,2.5"));
    assertEquals(
        "invalid open, high, low or previous close", malformed("AAPL,1700000000000,1,2,0"));
  }

  @Test
  void readsTheFilesOwnTickIdFromTheNinthField() {
    assertEquals("trade-42", tick("AAPL,1700000000000,1,,,,,,trade-42").tickId());
    assertNull(tick("AAPL,1700000000000,1,,,,,,").tickId());
    assertNull(tick("AAPL,1700000000000,1").tickId());
  }

  @Test
  void symbolOfReadsOnlyTheFirstField() {
    assertEquals(Optional.of("AAPL"), ReplayLine.symbolOf("aapl,whatever"));
    assertEquals(Optional.of("BRK.B"), ReplayLine.symbolOf(" BRK.B "));
    assertEquals(Optional.empty(), ReplayLine.symbolOf("Symbol,timestamp,price"));
    assertEquals(Optional.empty(), ReplayLine.symbolOf("1BAD,1,1"));
    assertEquals(Optional.empty(), ReplayLine.symbolOf(""));
  }
}
