package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.simulations.bench.OverloadTally.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverloadTallyTest {

  private static final String OVERLOADED =
      "{\"error\":{\"code\":\"overloaded\",\"message\":\"too much in flight\"}}";
  private static final String UNAVAILABLE =
      "{\"error\":{\"code\":\"unavailable\",\"message\":\"retry\"}}";

  @Test
  void tellsAnswersApartByStatusAndCode() {
    assertEquals(Answer.ACKNOWLEDGED, Answer.of(200, "{\"accepted\":1,\"rejected\":[]}"));
    assertEquals(Answer.OVERLOADED, Answer.of(503, OVERLOADED));
    assertEquals(Answer.UNAVAILABLE, Answer.of(503, UNAVAILABLE));
    assertEquals(
        Answer.RATE_LIMITED,
        Answer.of(429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}"));
    assertEquals(Answer.OTHER, Answer.of(503, "The server was not able to produce a response"));
    assertEquals(Answer.OTHER, Answer.of(500, OVERLOADED));
  }

  @Test
  void countsAcknowledgedTicksPerSecondOfTheWindow() {
    OverloadTally tally = new OverloadTally(12);
    IngestReply hundred = new IngestReply(100, List.of());
    for (int second = 0; second < 12; second++) {
      int requests = second == 8 ? 1 : 3; // a dip in second 8
      for (int r = 0; r < requests; r++) tally.answered(Answer.ACKNOWLEDGED, hundred, 1, second);
    }
    tally.answered(Answer.ACKNOWLEDGED, hundred, 1, -1); // after the window: not counted
    assertEquals(11 * 300 + 100, tally.acceptedInWindow());
    // seconds 5..11 only; the worst 5 s hold the dip: (4 × 300 + 100) / 5
    assertEquals(260.0, tally.lowestRate(5));
    assertTrue(Double.isNaN(new OverloadTally(6).lowestRate(5)), "window too short");
  }

  @Test
  void keepsOverloadedLatenciesAndOtherAnswersApart() {
    OverloadTally tally = new OverloadTally(1);
    tally.answered(Answer.OVERLOADED, null, TimeUnit.MILLISECONDS.toNanos(3), 0);
    tally.answered(Answer.OVERLOADED, null, TimeUnit.MILLISECONDS.toNanos(70), 0);
    tally.other("500", "oops");
    tally.other("HttpTimeoutException", "");
    tally.other("500", "again");
    assertEquals(2, tally.answers(Answer.OVERLOADED));
    assertEquals(1, tally.overloadedSlowerThan(50));
    assertEquals(70.0, tally.overloadedLatency().max());
    assertEquals(3, tally.answers(Answer.OTHER));
    assertEquals(Map.of("500", 2L, "HttpTimeoutException", 1L), tally.otherAnswers());
    assertEquals("oops", tally.firstOtherBodies().get("500"));
  }
}
