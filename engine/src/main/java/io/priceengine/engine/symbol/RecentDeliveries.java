package io.priceengine.engine.symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The delivery ids of a symbol's latest accepted ticks and the history id each became, so that a
 * tick delivered twice is acknowledged again rather than persisted twice. A second delivery comes
 * from a caller that retried after its first attempt got no answer in time: the first one may have
 * been dropped on its way (Cluster Sharding drops messages that reach a shard's old node during a
 * hand-off) or may only have been slow, or persisted just before its node crashed. Retries come
 * within one ask timeout, so a short list is enough; it travels in the entity's snapshots.
 *
 * @param deliveries oldest first, at most {@value #SIZE}
 */
public record RecentDeliveries(List<Delivery> deliveries) {
  static final int SIZE = 32;
  static final RecentDeliveries NONE = new RecentDeliveries(List.of());

  /** A tick's delivery id (chosen by the caller, never 0) and the history id it was given. */
  public record Delivery(long id, long historyId) {}

  public RecentDeliveries {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }

  OptionalLong historyIdOf(long deliveryId) {
    for (Delivery delivery : deliveries) {
      if (delivery.id() == deliveryId) {
        return OptionalLong.of(delivery.historyId());
      }
    }
    return OptionalLong.empty();
  }

  /** With {@code deliveryId} added, the oldest dropped beyond {@value #SIZE}; 0 adds nothing. */
  RecentDeliveries with(long deliveryId, long historyId) {
    if (deliveryId == 0) {
      return this;
    }
    List<Delivery> next = new ArrayList<>(Math.min(deliveries.size() + 1, SIZE));
    next.addAll(deliveries.subList(Math.max(0, deliveries.size() + 1 - SIZE), deliveries.size()));
    next.add(new Delivery(deliveryId, historyId));
    return new RecentDeliveries(next);
  }
}
