package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Reading the engine's quote messages without a JSON parser, and keeping count of them. */
class FanoutClientTest {

  private static String quote(boolean snapshot, long historyId, long volume, String skipped) {
    return "{\"type\":\"quote\",\"snapshot\":"
        + snapshot
        + ",\"quote\":{\"symbol\":\"B0001\","
        + "\"price\":100.25,\"volume\":"
        + volume
        + ",\"open\":null,\"high\":null,\"low\":null,"
        + "\"previousClose\":null,\"sourceTimestamp\":\"2026-11-22T10:15:30.100Z\","
        + "\"lastUpdated\":\"2026-11-22T10:15:30.123Z\",\"provider\":\"push\",\"historyId\":"
        + historyId
        + ",\"companyName\":null,\"stale\":false,\"status\":\"active\"}"
        + skipped
        + "}";
  }

  @Test
  void countsUpdatesAndSkippedAfterTheSnapshot() {
    MeasuredWindow window = new MeasuredWindow();
    window.open(-60_000_000L, 120_000_000L); // from a minute ago, for two minutes
    Arrivals arrivals = new Arrivals();
    LongAdder delivered = new LongAdder();
    FanoutClient client = new FanoutClient(new String[] {"B0001"}, arrivals, delivered, window);

    client.received(quote(true, 5, 0, ""));
    assertTrue(client.subscribed().isDone());
    long pushedAt = MeasuredWindow.micros();
    client.received(quote(false, 6, pushedAt, ""));
    client.received(quote(false, 9, pushedAt, ",\"skipped\":2"));
    client.received("{\"type\":\"heartbeat\",\"serverTime\":\"2026-11-22T10:15:35.000Z\"}");

    FanoutClient.SymbolTally tally = client.tallies().get("B0001");
    assertEquals(5, tally.snapshot);
    assertEquals(9, tally.last);
    assertEquals(2, tally.updates);
    assertEquals(2, tally.skipped);
    assertEquals(0, tally.outOfOrder);
    assertEquals(2, delivered.sum());
    assertEquals(2, arrivals.sincePush().count());
  }
}
