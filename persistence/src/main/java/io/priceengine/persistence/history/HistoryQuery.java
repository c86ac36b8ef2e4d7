package io.priceengine.persistence.history;

import java.time.Instant;

/**
 * Which part of a symbol's history to read: source timestamps in [{@code from}, {@code to}),
 * history ids below {@code before}, at most {@code limit} items.
 */
public record HistoryQuery(Instant from, Instant to, long before, int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  // Bound parameters standing for "no bound": every source timestamp lies between them.
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
}
