package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void reportsNearestRankPercentilesInMilliseconds() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int millis = 1000; millis >= 1; millis--) recorder.record(millis * 1_000_000L);
    LatencyRecorder.Summary summary = recorder.summary();
    assertEquals(1000, summary.count());
    assertEquals(500.0, summary.p50());
    assertEquals(990.0, summary.p99());
    assertEquals(999.0, summary.p999());
    assertEquals(1000.0, summary.max());
    assertEquals(500.5, summary.mean());
  }

  @Test
  void reportsZerosWhenNothingWasRecorded() {
    assertEquals(new LatencyRecorder.Summary(0, 0, 0, 0, 0, 0), new LatencyRecorder().summary());
  }
}
