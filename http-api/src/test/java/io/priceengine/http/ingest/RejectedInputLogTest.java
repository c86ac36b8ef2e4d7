package io.priceengine.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RejectedInputLogTest {
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RejectedInputLog.class);
  private final SettableClock clock = new SettableClock();

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void logsTheFirstRefusalOfEachWindowAndCountsTheRest() {
    RejectedInputLog log = new RejectedInputLog(clock);
    for (int i = 0; i < 1_000; i++) {
      log.rejected(i % 2 == 0 ? "invalid_price" : "invalid_symbol", "push", "refused " + i);
    }
    clock.now = clock.now.plus(RejectedInputLog.WINDOW);
    log.rejected("invalid_request", "push", "later");

    assertEquals(
        List.of(
            "rejected_input code=invalid_price provider=push message=\"refused 0\"",
            "rejected_input_summary window_seconds=10 suppressed={invalid_price=499, invalid_symbol=500}",
            "rejected_input code=invalid_request provider=push message=\"later\""),
        lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  @Test
  void clientTextCannotBreakTheLine() {
    assertEquals("A?B\\\"C", RejectedInputLog.printable("A\nB\"C"));
    assertEquals(201, RejectedInputLog.printable("X".repeat(500)).length());
  }

  private static final class SettableClock extends Clock {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
