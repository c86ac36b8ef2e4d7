package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.http.json.Json;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hand-written quote envelope must be exactly what Jackson writes for a QuoteUpdate. */
class MessageWriterTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseString("akka.actor.provider = local"));
  private static final Json json = Json.create(testKit.system());

  private static final Quote QUOTE =
      new Quote(
          "AAPL",
          new BigDecimal("189.25"),
          1200L,
          new BigDecimal("188.1"),
          null,
          null,
          new BigDecimal("187.5"),
          new BigDecimal("1.75"),
          new BigDecimal("0.9333"),
          Instant.parse("2026-11-22T10:15:30.100Z"),
          Instant.parse("2026-11-22T10:15:30.123Z"),
          "push",
          42,
          "Apple Inc.",
          false,
          Quote.ACTIVE);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void quoteMessagesAreWrittenAsJacksonWritesThem() throws Exception {
    MessageWriter writer = new MessageWriter(json.mapper());
    for (boolean snapshot : new boolean[] {true, false}) {
      for (int skipped : new int[] {0, 3}) {
        QuoteUpdate update = new QuoteUpdate(snapshot, QUOTE, skipped);
        assertEquals(json.mapper().writeValueAsString(update), writer.write(update));
      }
    }
  }

  @Test
  void otherMessagesCarryTheirTypeAndLeaveOutAMissingId() {
    MessageWriter writer = new MessageWriter(json.mapper());
    assertEquals(
        "{\"type\":\"error\",\"code\":\"invalid_request\",\"message\":\"m\"}",
        writer.write(new ServerMessage.ErrorReply("invalid_request", "m", null)));
  }

  @Test
  void aQuoteIsWrittenOnceForAllItsSubscribers() {
    MessageWriter writer = new MessageWriter(json.mapper());
    assertSame(writer.quote(QUOTE), writer.quote(QUOTE));
  }
}
