package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.simulations.bench.OverloadTally.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverloadReportTest {

  private static final IngestCapacity CAPACITY = new IngestCapacity(1000, 100, "given");

  private static OverloadSettings settings() {
    return OverloadSettings.from(new String[] {"--token=t", "--seconds=10"}, Map.of());
  }

  /** 10 s at 1,000 ticks/s capacity: 100 requests acknowledged in all. */
  private static OverloadTally tally(long ackMillis, long overloadedMillis) {
    OverloadTally tally = new OverloadTally(10);
    IngestReply hundred = new IngestReply(100, List.of());
    for (int i = 0; i < 100; i++) {
      tally.sent(100, 0);
      tally.answered(
          Answer.ACKNOWLEDGED, hundred, TimeUnit.MILLISECONDS.toNanos(ackMillis), i / 10);
    }
    tally.answered(Answer.OVERLOADED, null, TimeUnit.MILLISECONDS.toNanos(overloadedMillis), 1);
    return tally;
  }

  private static Map<String, Object> met(OverloadReport report) {
    @SuppressWarnings("unchecked")
    Map<String, Object> met = (Map<String, Object>) report.json().get("met");
    return met;
  }

  @Test
  void meetsTheTargetsWhenEveryRefusalIsAQuickOverloaded() {
    TickLedger ledger = new TickLedger();
    OverloadReport report =
        new OverloadReport(settings(), CAPACITY, 100, tally(200, 20), ledger.counts(), null, null);
    assertEquals(1.0, report.acknowledgedShare());
    Map<String, Object> met = met(report);
    assertEquals(true, met.get("acknowledged"));
    assertEquals(true, met.get("ackLatency"));
    assertEquals(true, met.get("refusals"));
    assertNull(met.get("exact"), "not checked");
    assertTrue(report.text().contains("check        not run"), report.text());
    assertEquals(3000L, report.json().get("offeredTicksPerSecond"));
  }

  @Test
  void missesThemOnASlowRefusalAnUnavailableTickOrASlowAck() {
    TickLedger ledger = new TickLedger();
    assertEquals(
        false,
        met(new OverloadReport(
                settings(), CAPACITY, 100, tally(200, 51), ledger.counts(), null, null))
            .get("refusals"));
    OverloadTally unavailable = tally(1500, 20);
    unavailable.answered(
        Answer.ACKNOWLEDGED,
        new IngestReply(99, List.of(new IngestReply.Rejected(0, "unavailable"))),
        1,
        2);
    OverloadCheck check = new OverloadCheck(100, 100, 0, 1, 0, 0, 0, 0, 101, 101, 0);
    OverloadReport report =
        new OverloadReport(settings(), CAPACITY, 100, unavailable, ledger.counts(), check, null);
    Map<String, Object> met = met(report);
    assertEquals(false, met.get("refusals"));
    assertEquals(false, met.get("ackLatency"));
    assertEquals(false, met.get("exact"));
    assertTrue(report.text().contains("0 lost, 1 doubled"), report.text());
  }
}
