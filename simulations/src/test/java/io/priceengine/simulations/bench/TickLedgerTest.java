package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.simulations.bench.TickLedger.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickLedgerTest {

  @Test
  void numbersTicksInOrderAcrossRequests() {
    TickLedger ledger = new TickLedger();
    assertArrayEquals(new int[] {0, 1, 2}, ledger.add(3));
    assertArrayEquals(new int[] {3, 4}, ledger.add(2));
    assertEquals(5, ledger.size());
    assertEquals(Outcome.SENT, ledger.outcome(4));
  }

  @Test
  void takesEveryTickA200DoesNotListAsAccepted() {
    TickLedger ledger = new TickLedger();
    int[] ticks = ledger.add(4);
    ledger.answered(
        ticks,
        new IngestReply(
            2,
            List.of(
                new IngestReply.Rejected(1, "unavailable"),
                new IngestReply.Rejected(3, "invalid_price"))));
    assertEquals(Outcome.ACCEPTED, ledger.outcome(0));
    assertEquals(Outcome.UNKNOWN, ledger.outcome(1));
    assertEquals(Outcome.ACCEPTED, ledger.outcome(2));
    assertEquals(Outcome.REJECTED, ledger.outcome(3));
    assertArrayEquals(new int[] {1}, ledger.unknownTicks());
  }

  @Test
  void aRefusalOfARetryLeavesTheTickUnknown() {
    TickLedger ledger = new TickLedger();
    int[] first = ledger.add(2);
    ledger.refused(new int[] {first[0]});
    ledger.unknown(new int[] {first[1]});
    ledger.refused(new int[] {first[1]}); // the retry was refused: the first attempt may have won
    assertEquals(Outcome.REFUSED, ledger.outcome(first[0]));
    assertEquals(Outcome.UNKNOWN, ledger.outcome(first[1]));

    ledger.answered(new int[] {first[1]}, new IngestReply(1, List.of()));
    assertEquals(Outcome.ACCEPTED, ledger.outcome(first[1]));
    assertEquals(0, ledger.unknownTicks().length);
    assertEquals(1L, ledger.counts().get(Outcome.REFUSED));
    assertEquals(1L, ledger.counts().get(Outcome.ACCEPTED));
    assertEquals(0L, ledger.counts().get(Outcome.SENT));
  }

  @Test
  void growsPastItsFirstCapacity() {
    TickLedger ledger = new TickLedger();
    for (int i = 0; i < 1000; i++) ledger.add(100);
    assertEquals(100_000, ledger.size());
    assertEquals(100_000L, ledger.counts().get(Outcome.SENT));
  }
}
