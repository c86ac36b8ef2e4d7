package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.simulations.bench.OverloadCheck.PriceRows;
import io.priceengine.simulations.bench.OverloadCheck.SymbolState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadCheckTest {

  private final OverloadTicks ticks = new OverloadTicks(2, "r", Instant.EPOCH);

  /** Ticks 0-3: accepted, accepted, refused (overloaded), of unknown fate. */
  private TickLedger ledger() {
    TickLedger ledger = new TickLedger();
    int[] accepted = ledger.add(2);
    ledger.answered(accepted, new IngestReply(2, List.of()));
    ledger.refused(ledger.add(1));
    ledger.unknown(ledger.add(1));
    return ledger;
  }

  private PriceRows rows(int tick, long count) {
    return new PriceRows(ticks.symbol(tick), ticks.price(tick), count);
  }

  private static List<SymbolState> consistent(long ticksOfA, long ticksOfB) {
    return List.of(
        new SymbolState("OV0000", ticksOfA, 1, 1, ticksOfA, ticksOfA, ticksOfA),
        new SymbolState("OV0001", ticksOfB, 1, 1, ticksOfB, ticksOfB, ticksOfB));
  }

  @Test
  void anExactRunIsClean() {
    // tick 3 (unknown fate) was in fact persisted: allowed, and said
    OverloadCheck check =
        OverloadCheck.of(
            ledger(), ticks, List.of(rows(0, 1), rows(1, 1), rows(3, 1)), consistent(1, 2));
    assertTrue(check.clean(), check.toString());
    assertEquals(2, check.accepted());
    assertEquals(3, check.historyRowsOfRun());
    assertEquals(1, check.unresolvedPersisted());
    assertEquals(3, check.journalTicks());
  }

  @Test
  void countsLostDoubledAndRefusedButPersistedTicks() {
    List<PriceRows> rows = new ArrayList<>();
    rows.add(rows(0, 3)); // accepted, stored three times
    rows.add(rows(2, 1)); // refused, stored anyway
    rows.add(new PriceRows("OV0000", new java.math.BigDecimal("100.0900"), 1)); // never sent
    OverloadCheck check = OverloadCheck.of(ledger(), ticks, rows, consistent(3, 1));
    assertFalse(check.clean());
    assertEquals(1, check.lost()); // tick 1
    assertEquals(2, check.doubled());
    assertEquals(1, check.refusedPersisted());
    assertEquals(1, check.unexpectedRows());
  }

  @Test
  void symbolsWhoseHistoryAndJournalDisagreeAreInconsistent() {
    List<SymbolState> states =
        List.of(
            new SymbolState("OV0000", 5, 2, 2, 4, 4, 5), // a history row missing
            new SymbolState("OV0001", 3, 4, 4, 3, 3, 3), // more events than ticks
            new SymbolState("OV0002", 0, 0, 0, 0, 0, 0), // never got a tick: fine
            new SymbolState("OV0003", 2, 1, 2, 2, 2, 2)); // a journal gap
    OverloadCheck check = OverloadCheck.of(new TickLedger(), ticks, List.of(), states);
    assertEquals(3, check.inconsistentSymbols());
    assertEquals(10, check.journalTicks());
    assertEquals(9, check.historyRows());
  }
}
