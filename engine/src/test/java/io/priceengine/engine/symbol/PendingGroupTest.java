package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The write path's pure step: a group of ticks decided against the state the ones before it lead to
 * must decide, number and show every tick exactly as if the ticks had come one by one.
 */
class PendingGroupTest {
  private static final String SYMBOL = "AAPL";
  private static final Instant T0 = Instant.parse("2026-12-01T14:30:00.000Z");
  private static final ProviderCatalog PROVIDERS =
      new ProviderCatalog(
          List.of(
              new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60)),
              new ProviderSpec("replay", "Replay", 20, Duration.ofSeconds(20)),
              new ProviderSpec("simulated", "Simulated", 50, Duration.ofSeconds(5))));
  private static final String[] PROVIDER_CODES = {
    "push", "replay", "simulated", "simulated", "nope"
  };

  /** A tick as offered, with the delivery id and the instant at which it is decided. */
  private record Offer(Tick tick, long deliveryId, Instant now) {}

  /** Everything a run produces that a client or the history table could see. */
  private record Outcome(
      List<String> decisions, List<String> history, List<Quote> quotes, SymbolEntity.State state) {}

  @Test
  void groupedDeliveryDecidesNumbersAndQuotesLikeOneByOne() {
    for (long seed = 1; seed <= 2_000; seed++) {
      Random random = new Random(seed);
      List<List<Offer>> groups = scenario(random);
      List<Offer> all = groups.stream().flatMap(List::stream).toList();
      Outcome oneByOne = run(all.stream().map(List::of).toList());
      Outcome grouped = run(groups);
      assertEquals(oneByOne, grouped, "seed " + seed);
    }
  }

  @Test
  void acceptedTicksTakeConsecutiveIdsAfterTheDurableOnes() {
    SymbolEntity.State durable =
        SymbolEntity.State.EMPTY.withPrice(SYMBOL, tick("10", T0, "push"), T0, 41, 0);
    PendingGroup group = new PendingGroup(SYMBOL, SessionCalendar.UTC, durable);
    assertEquals(
        42, group.offer(tick("11", T0.plusSeconds(1), "push"), 0, PROVIDERS, T0).historyId());
    assertFalse(group.offer(tick("9", T0.minusSeconds(1), "push"), 0, PROVIDERS, T0).accepted());
    assertEquals(
        43, group.offer(tick("12", T0.plusSeconds(2), "push"), 5, PROVIDERS, T0).historyId());
    // the same delivery again, while its tick is still pending: the same id, nothing added
    PendingGroup.Decision again =
        group.offer(tick("12", T0.plusSeconds(2), "push"), 5, PROVIDERS, T0);
    assertEquals(43, again.historyId());
    assertFalse(again.durable());
    assertEquals(2, group.size());

    SymbolEntity.PricesUpdated event = group.event(T0);
    assertEquals(42, event.firstHistoryId());
    assertEquals(43, event.lastHistoryId());
    assertEquals(List.of(0L, 5L), event.deliveryIds());
    assertEquals(group.projected(), durable.apply(event));
  }

  @Test
  void aDeliveryAlreadyInTheJournalIsDurable() {
    SymbolEntity.State durable =
        SymbolEntity.State.EMPTY.withPrice(SYMBOL, tick("10", T0, "push"), T0, 1, 77);
    PendingGroup group = new PendingGroup(SYMBOL, SessionCalendar.UTC, durable);
    PendingGroup.Decision decision = group.offer(tick("10", T0, "push"), 77, PROVIDERS, T0);
    assertTrue(decision.durable());
    assertEquals(1, decision.historyId());
    assertTrue(group.isEmpty());
  }

  /** Runs the groups through fresh PendingGroups, each written as soon as it is complete. */
  private static Outcome run(List<List<Offer>> groups) {
    SymbolEntity.State state = SymbolEntity.State.EMPTY;
    List<String> decisions = new ArrayList<>();
    List<String> history = new ArrayList<>();
    List<Quote> quotes = new ArrayList<>();
    for (List<Offer> offers : groups) {
      PendingGroup group = new PendingGroup(SYMBOL, SessionCalendar.UTC, state);
      for (Offer offer : offers) {
        PendingGroup.Decision decision =
            group.offer(offer.tick(), offer.deliveryId(), PROVIDERS, offer.now());
        decisions.add(
            decision.accepted() ? "id " + decision.historyId() : decision.rejection().code());
      }
      if (group.isEmpty()) {
        continue;
      }
      Instant writtenAt = offers.get(offers.size() - 1).now();
      SymbolEntity.PricesUpdated event = group.event(writtenAt);
      SymbolEntity.State before = state;
      state = state.apply(event);
      assertEquals(group.projected(), state, "the group's projection is the written state");
      long id = event.firstHistoryId();
      for (Tick tick : event.ticks()) {
        history.add(id++ + " " + tick.price() + " " + tick.provider());
      }
      quotes.addAll(PendingGroup.quotes(before, event, state.status(), PROVIDERS, writtenAt));
    }
    return new Outcome(decisions, history, quotes, state);
  }

  /**
   * Random ticks cut into groups. Time stands still within a group (a group forms within one
   * journal write) and moves on between groups, sometimes past a provider's staleness threshold.
   */
  private static List<List<Offer>> scenario(Random random) {
    List<List<Offer>> groups = new ArrayList<>();
    List<Long> usedIds = new ArrayList<>();
    List<String> usedTickIds = new ArrayList<>();
    Instant now = T0;
    Instant source = T0;
    int ticks = 1 + random.nextInt(40);
    while (ticks > 0) {
      int size = Math.min(ticks, 1 + random.nextInt(random.nextBoolean() ? 3 : 12));
      ticks -= size;
      now =
          now.plusMillis(
              random.nextInt(10) == 0 ? 20_000 + random.nextInt(50_000) : random.nextInt(900));
      List<Offer> group = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        source =
            source.plusMillis(
                random.nextInt(10) == 0 ? -random.nextInt(2_000) : random.nextInt(1_000));
        String provider = PROVIDER_CODES[random.nextInt(PROVIDER_CODES.length)];
        String price =
            switch (random.nextInt(12)) {
              case 0 -> "0";
              case 1 -> "-3";
              default -> (100 + random.nextInt(50)) + "." + random.nextInt(10_000);
            };
        String symbol = random.nextInt(30) == 0 ? "MSFT" : SYMBOL;
        String companyName = random.nextInt(8) == 0 ? "Name " + random.nextInt(3) : null;
        Tick tick =
            Tick.of(
                symbol,
                new BigDecimal(price),
                (long) random.nextInt(1_000),
                null,
                null,
                null,
                null,
                source,
                provider,
                companyName);
        int idKind = random.nextInt(5);
        if (idKind == 0 && !usedTickIds.isEmpty()) {
          tick = tick.withTickId(usedTickIds.get(random.nextInt(usedTickIds.size()))); // a retry
        } else if (idKind == 1) {
          String tickId = "c:" + random.nextInt(1_000_000);
          usedTickIds.add(tickId);
          tick = tick.withTickId(tickId);
        }
        long deliveryId = 0;
        int kind = random.nextInt(6);
        if (kind == 0 && !usedIds.isEmpty()) {
          deliveryId = usedIds.get(random.nextInt(usedIds.size())); // a retry
        } else if (kind <= 2) {
          deliveryId = 1 + random.nextInt(1_000_000);
          usedIds.add(deliveryId);
        }
        group.add(new Offer(tick, deliveryId, now));
      }
      groups.add(group);
    }
    return groups;
  }

  private static Tick tick(String price, Instant at, String provider) {
    return Tick.price(SYMBOL, new BigDecimal(price), at, provider);
  }
}
