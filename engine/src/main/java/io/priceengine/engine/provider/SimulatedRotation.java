package io.priceengine.engine.provider;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which symbols the simulated feed's next batch covers. The symbols take turns in an order shuffled
 * once, so each is priced once per round and none waits longer than a round, whatever the random
 * numbers; a symbol new to the covered set goes to the front, so it is priced in the next batch.
 * Not thread-safe: one provider stream calls it, once per batch.
 */
final class SimulatedRotation {
  private final Random random;
  private final ArrayDeque<String> order = new ArrayDeque<>();
  private final Set<String> inOrder = new HashSet<>();
  private boolean started;

  SimulatedRotation(Random random) {
    this.random = random;
  }

  /**
   * The symbols of the next batch, {@code count} of them (a symbol appears more than once when
   * {@code count} exceeds the covered symbols), or none when nothing is covered. Symbols no longer
   * covered leave the rotation when their turn comes.
   */
  List<String> next(Collection<String> covered, int count) {
    Set<String> current = new LinkedHashSet<>(covered);
    List<String> added = new ArrayList<>();
    for (String symbol : current) {
      if (inOrder.add(symbol)) {
        added.add(symbol);
      }
    }
    if (!started) {
      // The first symbols form the rotation; shuffled so that a restart does not always price
      // the same symbols first.
      Collections.shuffle(added, random);
      added.forEach(order::addLast);
      started = true;
    } else {
      for (int i = added.size() - 1; i >= 0; i--) {
        order.addFirst(added.get(i));
      }
    }

    List<String> batch = new ArrayList<>(count);
    while (batch.size() < count && !order.isEmpty()) {
      String symbol = order.pollFirst();
      if (!current.contains(symbol)) {
        inOrder.remove(symbol);
        continue;
      }
      batch.add(symbol);
      order.addLast(symbol);
    }
    return batch;
  }

  /**
   * The longest a symbol waits between two of its ticks when {@code symbols} take turns, {@code
   * perBatch} per batch, one batch every {@code batchInterval}.
   */
  static Duration longestGap(int symbols, int perBatch, Duration batchInterval) {
    long batches = Math.max(1, (symbols + perBatch - 1) / perBatch);
    return batchInterval.multipliedBy(batches);
  }

  /**
   * The fewest symbols per batch that price each of {@code symbols} more often than {@code
   * staleAfter}, one batch every {@code batchInterval}.
   */
  static int perBatchNeeded(int symbols, Duration staleAfter, Duration batchInterval) {
    long batchesWithin = Math.max(1, (staleAfter.toNanos() - 1) / batchInterval.toNanos());
    return (int) Math.max(1, (symbols + batchesWithin - 1) / batchesWithin);
  }
}
