package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedRotationTest {
  /** The default rate, 50 ticks/s, is 5 symbols per 100 ms batch. */
  private static final int PER_BATCH = 5;

  private static final Duration BATCH = Duration.ofMillis(100);

  private static List<String> symbols(int count) {
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      symbols.add("S" + i);
    }
    return symbols;
  }

  @Test
  void pricesEverySymbolWithinThreeSecondsAtTheDefaultRate() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      SimulatedRotation rotation = new SimulatedRotation(new Random(seed));
      Set<String> covered = new LinkedHashSet<>(symbols(100));
      Map<String, Integer> coveredSince = new HashMap<>();
      Map<String, Integer> lastTick = new HashMap<>();
      covered.forEach(symbol -> coveredSince.put(symbol, 0));
      int longest = 0;
      for (int batch = 0; batch < 600; batch++) {
        // Onboarding and delisting now and then must not starve the others.
        if (batch % 40 == 39) {
          String symbol = "NEW" + batch;
          covered.add(symbol);
          coveredSince.put(symbol, batch);
        }
        if (batch % 70 == 69) {
          String gone = new ArrayList<>(covered).get(random.nextInt(covered.size()));
          covered.remove(gone);
          coveredSince.remove(gone);
          lastTick.remove(gone);
        }
        for (String symbol : rotation.next(covered, PER_BATCH)) {
          assertTrue(covered.contains(symbol), symbol + " is not covered");
          lastTick.put(symbol, batch);
        }
        for (String symbol : covered) {
          int since = lastTick.getOrDefault(symbol, coveredSince.get(symbol));
          longest = Math.max(longest, batch - since);
        }
      }
      assertTrue(longest <= 30, "a symbol waited " + longest * 100 + " ms, seed " + seed);
    }
  }

  @Test
  void pricesANewSymbolInTheNextBatch() {
    SimulatedRotation rotation = new SimulatedRotation(new Random(7));
    Set<String> covered = new LinkedHashSet<>(symbols(100));
    for (int batch = 0; batch < 13; batch++) {
      rotation.next(covered, PER_BATCH);
    }
    covered.add("NEWCO");
    List<String> next = rotation.next(covered, PER_BATCH);
    assertEquals(PER_BATCH, next.size());
    assertEquals("NEWCO", next.get(0));
  }

  @Test
  void pricesTheFirstSymbolsInTheFirstBatch() {
    SimulatedRotation rotation = new SimulatedRotation(new Random(7));
    assertEquals(List.of(), rotation.next(List.of(), PER_BATCH));
    assertEquals(List.of("ONLY"), rotation.next(List.of("ONLY"), 1));
  }

  @Test
  void stopsPricingASymbolNoLongerCovered() {
    SimulatedRotation rotation = new SimulatedRotation(new Random(3));
    Set<String> covered = new LinkedHashSet<>(symbols(20));
    rotation.next(covered, PER_BATCH);
    covered.remove("S4");
    for (int batch = 0; batch < 50; batch++) {
      assertFalse(rotation.next(covered, PER_BATCH).contains("S4"));
    }
    covered.add("S4");
    assertEquals("S4", rotation.next(covered, PER_BATCH).get(0));
  }

  @Test
  void repeatsSymbolsWhenABatchHoldsMoreTicksThanSymbols() {
    SimulatedRotation rotation = new SimulatedRotation(new Random(5));
    List<String> batch = rotation.next(List.of("A", "B", "C"), 7);
    assertEquals(7, batch.size());
    for (String symbol : List.of("A", "B", "C")) {
      assertTrue(batch.stream().filter(symbol::equals).count() >= 2, symbol + " in " + batch);
    }
  }

  @Test
  void saysHowLongASymbolWaitsAndWhatRateKeepsItFresh() {
    assertEquals(Duration.ofSeconds(2), SimulatedRotation.longestGap(100, PER_BATCH, BATCH));
    assertEquals(Duration.ofMillis(2100), SimulatedRotation.longestGap(101, PER_BATCH, BATCH));
    assertEquals(Duration.ofSeconds(6), SimulatedRotation.longestGap(300, PER_BATCH, BATCH));
    // 49 batches fit within 5 s: 300 symbols need 7 a batch (70 ticks/s), a tick every 4.3 s.
    assertEquals(7, SimulatedRotation.perBatchNeeded(300, Duration.ofSeconds(5), BATCH));
    assertTrue(SimulatedRotation.longestGap(300, 7, BATCH).compareTo(Duration.ofSeconds(5)) < 0);
    assertEquals(1, SimulatedRotation.perBatchNeeded(10, Duration.ofSeconds(5), BATCH));
  }
}
