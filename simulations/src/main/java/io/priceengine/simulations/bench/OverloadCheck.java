package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's tally of an overload run set against what the engine stored, all from figures read
 * beforehand (no I/O here).
 *
 * <p>Per tick: an accepted tick without a history row is lost; a tick of the run with more than one
 * row is doubled (by the count of its extra rows); a refused or rejected tick must have none. Per
 * symbol: the entity's latest history id is how many ticks its journal holds; the history must hold
 * rows 1..that id once each, and the journal events 1..m once each with m no more than the ticks
 * (an event may hold several ticks). A symbol that fails this is inconsistent.
 *
 * @param accepted ticks the client saw accepted
 * @param historyRowsOfRun history rows of the run's symbols at the run's source timestamp
 * @param unresolvedPersisted ticks of unknown fate that do have a row (information, not a fault)
 * @param unexpectedRows rows at the run's timestamp whose price is no tick the run sent
 * @param journalTicks ticks in the journals of the run's symbols (sum of the entities' history ids)
 * @param historyRows every history row of the run's symbols
 */
record OverloadCheck(
    long accepted,
    long historyRowsOfRun,
    long lost,
    long doubled,
    long refusedPersisted,
    long rejectedPersisted,
    long unresolvedPersisted,
    long unexpectedRows,
    long journalTicks,
    long historyRows,
    long inconsistentSymbols) {

  /** The history rows of one (symbol, price) at the run's source timestamp. */
  record PriceRows(String symbol, BigDecimal price, long rows) {}

  /**
   * One symbol as the engine's stores hold it: its entity's latest history id (0 without a quote),
   * its journal events (count and highest sequence number) and its history rows (count, distinct
   * ids, highest id).
   */
  record SymbolState(
      String symbol,
      long entityHistoryId,
      long journalEvents,
      long journalMaxSequenceNr,
      long historyRows,
      long historyDistinctIds,
      long historyMaxId) {

    boolean consistent() {
      long n = entityHistoryId;
      boolean history = historyRows == n && historyDistinctIds == n && historyMaxId == n;
      boolean journal =
          journalEvents == journalMaxSequenceNr
              && journalEvents <= n
              && (n == 0) == (journalEvents == 0);
      return history && journal;
    }
  }

  static OverloadCheck of(
      TickLedger ledger,
      OverloadTicks ticks,
      Collection<PriceRows> rowsOfRun,
      Collection<SymbolState> symbols) {
    Map<Integer, Long> rowsByTick = new HashMap<>();
    long rowsOfRunTotal = 0;
    long unexpected = 0;
    for (PriceRows rows : rowsOfRun) {
      rowsOfRunTotal += rows.rows();
      int tick = ticks.tickOf(rows.symbol(), rows.price());
      if (tick < 0 || tick >= ledger.size()) unexpected += rows.rows();
      else rowsByTick.merge(tick, rows.rows(), Long::sum);
    }
    long accepted = 0;
    long lost = 0;
    long doubled = 0;
    long refusedPersisted = 0;
    long rejectedPersisted = 0;
    long unresolvedPersisted = 0;
    for (int tick = 0; tick < ledger.size(); tick++) {
      long rows = rowsByTick.getOrDefault(tick, 0L);
      doubled += Math.max(0, rows - 1);
      switch (ledger.outcome(tick)) {
        case ACCEPTED -> {
          accepted++;
          if (rows == 0) lost++;
        }
        case REFUSED -> refusedPersisted += rows > 0 ? 1 : 0;
        case REJECTED -> rejectedPersisted += rows > 0 ? 1 : 0;
        case SENT, UNKNOWN -> unresolvedPersisted += rows > 0 ? 1 : 0;
      }
    }
    long journalTicks = 0;
    long historyRows = 0;
    long inconsistent = 0;
    for (SymbolState symbol : symbols) {
      journalTicks += symbol.entityHistoryId();
      historyRows += symbol.historyRows();
      if (!symbol.consistent()) inconsistent++;
    }
    return new OverloadCheck(
        accepted,
        rowsOfRunTotal,
        lost,
        doubled,
        refusedPersisted,
        rejectedPersisted,
        unresolvedPersisted,
        unexpected,
        journalTicks,
        historyRows,
        inconsistent);
  }

  /** No tick lost or doubled, nothing refused persisted, journal and history agree. */
  boolean clean() {
    return lost == 0
        && doubled == 0
        && refusedPersisted == 0
        && rejectedPersisted == 0
        && unexpectedRows == 0
        && inconsistentSymbols == 0;
  }
}
