package io.priceengine.simulations.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the client of an overload run knows about each tick it sent, from the answers it got: the
 * exact tally that the journal and the history are checked against afterwards. Thread-safe.
 */
final class TickLedger {

  /** What the answers so far say about one tick. */
  enum Outcome {
    /** Sent once, not answered yet. */
    SENT,
    /** Persisted (a 200 that does not list it). */
    ACCEPTED,
    /** Refused for good by a per-tick code other than {@code unavailable}: not persisted. */
    REJECTED,
    /**
     * Its only request was refused whole ({@code overloaded}, {@code rate_limited}): not persisted.
     */
    REFUSED,
    /**
     * Maybe persisted (unavailable, no answer, an unreadable answer): to send again, same tickId.
     */
    UNKNOWN
  }

  private static final String UNAVAILABLE = "unavailable";
  private static final Outcome[] OUTCOMES = Outcome.values();

  private byte[] outcomes = new byte[1 << 16];
  private int size;

  /** Numbers {@code count} new ticks, in order, and records them as sent. */
  synchronized int[] add(int count) {
    if (size + count > outcomes.length) {
      outcomes = Arrays.copyOf(outcomes, Math.max(outcomes.length * 2, size + count));
    }
    int[] ticks = new int[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = size;
      outcomes[size++] = (byte) Outcome.SENT.ordinal();
    }
    return ticks;
  }

  /** A 200 to a request of these ticks, in request order. */
  synchronized void answered(int[] ticks, IngestReply reply) {
    String[] codes = new String[ticks.length];
    for (IngestReply.Rejected rejected : reply.rejected()) {
      if (rejected.index() >= 0 && rejected.index() < ticks.length) {
        codes[rejected.index()] = rejected.code();
      }
    }
    for (int i = 0; i < ticks.length; i++) {
      Outcome outcome;
      if (codes[i] == null) outcome = Outcome.ACCEPTED;
      else if (codes[i].equals(UNAVAILABLE)) outcome = Outcome.UNKNOWN;
      else outcome = Outcome.REJECTED;
      set(ticks[i], outcome);
    }
  }

  /**
   * A refusal of the whole request, before any of it was handed on. A tick that an earlier attempt
   * may have persisted stays unknown.
   */
  synchronized void refused(int[] ticks) {
    for (int tick : ticks) {
      if (outcome(tick) == Outcome.SENT) set(tick, Outcome.REFUSED);
    }
  }

  /** An answer that does not say whether the ticks were persisted. */
  synchronized void unknown(int[] ticks) {
    for (int tick : ticks) set(tick, Outcome.UNKNOWN);
  }

  synchronized Outcome outcome(int tick) {
    if (tick < 0 || tick >= size) throw new IndexOutOfBoundsException("no tick " + tick);
    return OUTCOMES[outcomes[tick]];
  }

  synchronized int size() {
    return size;
  }

  /** The ticks to send again: those whose fate is unknown. */
  synchronized int[] unknownTicks() {
    int[] unknown = new int[size];
    int found = 0;
    for (int tick = 0; tick < size; tick++) {
      if (outcomes[tick] == Outcome.UNKNOWN.ordinal()) unknown[found++] = tick;
    }
    return Arrays.copyOf(unknown, found);
  }

  synchronized Map<Outcome, Long> counts() {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : OUTCOMES) counts.put(outcome, 0L);
    for (int tick = 0; tick < size; tick++) counts.merge(OUTCOMES[outcomes[tick]], 1L, Long::sum);
    return counts;
  }

  private void set(int tick, Outcome outcome) {
    outcome(tick); // bounds check
    outcomes[tick] = (byte) outcome.ordinal();
  }
}
