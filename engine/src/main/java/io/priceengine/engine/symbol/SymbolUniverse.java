package io.priceengine.engine.symbol;

import akka.actor.Cancellable;
import akka.actor.typed.ActorSystem;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-local, periodically refreshed copy of the {@link SymbolDirectory}, so that providers can
 * ask "is this symbol active?" on every tick without a round trip. Changes made through the API
 * reach the providers within one refresh interval, and at once on the node that made them ({@link
 * #refresh}).
 */
public final class SymbolUniverse implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SymbolUniverse.class);

  private volatile Map<String, Listing> listings = Map.of();
  private final SymbolEntities entities;
  private final Cancellable schedule;
  private final AtomicLong asked = new AtomicLong();
  private long applied;

  private SymbolUniverse(ActorSystem<?> system, SymbolEntities entities, Duration interval) {
    this.entities = entities;
    this.schedule =
        system
            .scheduler()
            .scheduleWithFixedDelay(
                Duration.ZERO, interval, this::refresh, system.executionContext());
  }

  public static SymbolUniverse start(
      ActorSystem<?> system, SymbolEntities entities, Duration interval) {
    return new SymbolUniverse(system, entities, interval);
  }

  /** A universe that never changes, for tests and tools that run without a cluster. */
  public static SymbolUniverse fixed(Map<String, Listing> listings) {
    return new SymbolUniverse(listings);
  }

  private SymbolUniverse(Map<String, Listing> listings) {
    this.listings = Map.copyOf(listings);
    this.entities = null;
    this.schedule = null;
  }

  /**
   * Asks the directory for the listings now, besides the periodic refresh: after an onboarding or a
   * delisting on this node, so that its providers follow without waiting for the next round. An
   * answer older than one already applied is dropped.
   */
  public void refresh() {
    if (entities == null) {
      return;
    }
    long number = asked.incrementAndGet();
    entities
        .listings()
        .whenComplete(
            (list, error) -> {
              if (error != null) {
                log.debug("symbol directory not reachable yet: {}", error.toString());
              } else {
                apply(
                    number,
                    list.stream()
                        .collect(
                            Collectors.toUnmodifiableMap(Listing::symbol, Function.identity())));
              }
            });
  }

  private synchronized void apply(long number, Map<String, Listing> answer) {
    if (number > applied) {
      applied = number;
      listings = answer;
    }
  }

  public Map<String, Listing> listings() {
    return listings;
  }

  /** Delisted through the API: providers must not produce it. */
  public boolean isInactive(String symbol) {
    Listing listing = listings.get(symbol);
    return listing != null && !listing.active();
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.cancel();
    }
  }
}
