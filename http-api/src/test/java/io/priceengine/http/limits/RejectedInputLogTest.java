package io.priceengine.http.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RejectedInputLogTest {
  private final AtomicLong now = new AtomicLong();
  private final RejectedInputLog rejected =
      new RejectedInputLog(3, Duration.ofSeconds(10), now::get);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RejectedInputLog.class);

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
  void logsAtMostTheLimitPerWindowThenCountsTheRest() {
    for (int i = 0; i < 10; i++) {
      rejected.rejected(400, "invalid_symbol", "GET", "/api/v1/x", "127.0.0.1");
    }
    assertEquals(3, lines.list.size());
    assertTrue(lines.list.get(0).getFormattedMessage().contains("code=invalid_symbol"));
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    rejected.rejected(429, "rate_limited", "POST", "/t", "127.0.0.1");
    assertEquals(5, lines.list.size());
    assertTrue(lines.list.get(3).getFormattedMessage().contains("7 more rejections"));
    assertTrue(lines.list.get(4).getFormattedMessage().contains("status=429"));
  }

  @Test
  void pathsAreMadePrintableAndShort() {
    rejected.rejected(400, "invalid_symbol", "GET", "/a\nFAKE LOG LINE" + "x".repeat(500), "-");
    String line = lines.list.get(0).getFormattedMessage();
    assertTrue(line.contains("/a?FAKE LOG LINE"), line);
    assertTrue(line.length() < 300, line);
  }

  @Test
  void refusedTicksShareTheBudgetAndNeverBreakTheLine() {
    rejected.rejected(400, "invalid_request", "POST", "/t", "127.0.0.1");
    rejected.rejectedTick("invalid_price", "push", "price must be positive\nFAKE");
    rejected.rejectedTick("invalid_price", "push", "price must be positive");
    rejected.rejectedTick("stale_tick", "push", "older than the current quote");
    assertEquals(3, lines.list.size());
    String line = lines.list.get(1).getFormattedMessage();
    assertTrue(line.contains("code=invalid_price provider=push"), line);
    assertTrue(line.contains("positive?FAKE"), line);
  }
}
