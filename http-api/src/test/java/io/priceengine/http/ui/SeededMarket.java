package io.priceengine.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prices for the browser test, pushed over HTTP like any client would: a past of four ticks a
 * minute (so the candle chart has something to draw) and then live ticks on demand. A seeded random
 * walk, so every run and screenshot looks alike.
 */
final class SeededMarket {
  /** The page's first-visit watchlist, with company names and a previous close. */
  static final Map<String, String[]> DEFAULT_WATCHLIST = new LinkedHashMap<>();

  static {
    DEFAULT_WATCHLIST.put("AAPL", new String[] {"Apple Inc.", "189.25"});
    DEFAULT_WATCHLIST.put("MSFT", new String[] {"Microsoft Corporation", "415.50"});
    DEFAULT_WATCHLIST.put("NVDA", new String[] {"NVIDIA Corporation", "128.40"});
    DEFAULT_WATCHLIST.put("AMZN", new String[] {"Amazon.com Inc.", "186.75"});
    DEFAULT_WATCHLIST.put("GOOGL", new String[] {"Alphabet Inc. Class A", "171.30"});
    DEFAULT_WATCHLIST.put("META", new String[] {"Meta Platforms Inc.", "505.20"});
    DEFAULT_WATCHLIST.put("TSLA", new String[] {"Tesla Inc.", "215.60"});
    DEFAULT_WATCHLIST.put("JPM", new String[] {"JPMorgan Chase & Co.", "205.15"});
  }

  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final int SEED_BATCH = 30;

  private final Random random = new Random(20261122);
  private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
  private final Map<String, Long> volumes = new LinkedHashMap<>();

  SeededMarket() {
    DEFAULT_WATCHLIST.forEach(
        (symbol, listing) -> {
          prices.put(symbol, new BigDecimal(listing[1]));
          volumes.put(symbol, 20_000L + random.nextInt(40_000));
        });
  }

  /** Three ticks a minute per symbol over the past {@code minutes}, the last one now. */
  void seedHistory(ApiClient api, int minutes) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (String symbol : DEFAULT_WATCHLIST.keySet()) {
      List<String> ticks = new ArrayList<>();
      for (int i = minutes * 3; i >= 0; i--) {
        ticks.add(tick(symbol, step(symbol), now.minusSeconds(20L * i)));
      }
      for (int from = 0; from < ticks.size(); from += SEED_BATCH) {
        pushAll(api, ticks.subList(from, Math.min(ticks.size(), from + SEED_BATCH)));
      }
    }
  }

  /**
   * Pushes {@code ticks} in order. On a busy machine the first ticks of a symbol (entity start-up)
   * can outlast the ask timeout: those come back {@code unavailable} and are sent again; one that
   * was persisted after all then comes back {@code stale_tick}, which is as good as accepted.
   */
  private static void pushAll(ApiClient api, List<String> ticks) {
    List<String> pending = ticks;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      JsonNode response = api.post(TICKS, TestEngine.INGEST_TOKEN, body(pending)).json();
      List<String> retry = new ArrayList<>();
      for (JsonNode rejected : response.path("rejected")) {
        String code = rejected.path("code").asText();
        if (code.equals("unavailable") && attempt < 5) {
          retry.add(pending.get(rejected.path("index").asInt()));
        } else if (!(code.equals("stale_tick") && attempt > 1)) {
          throw new AssertionError("seed tick rejected: " + response);
        }
      }
      pending = retry;
    }
  }

  /** One live tick for every symbol of the default watchlist. */
  void tickAll(ApiClient api) {
    List<String> ticks = new ArrayList<>();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (String symbol : DEFAULT_WATCHLIST.keySet()) {
      ticks.add(tick(symbol, step(symbol), now));
    }
    pushAll(api, ticks);
  }

  private static String body(List<String> ticks) {
    return "{\"ticks\":[" + String.join(",", ticks) + "]}";
  }

  private BigDecimal step(String symbol) {
    BigDecimal price = prices.get(symbol);
    double move = 1 + (random.nextGaussian() * 0.0008) + 0.00005;
    BigDecimal next = price.multiply(BigDecimal.valueOf(move)).setScale(2, RoundingMode.HALF_UP);
    prices.put(symbol, next);
    volumes.put(symbol, volumes.get(symbol) + 5_000 + random.nextInt(60_000));
    return next;
  }

  private String tick(String symbol, BigDecimal price, Instant at) {
    String[] listing = DEFAULT_WATCHLIST.get(symbol);
    return ("{\"symbol\":\"%s\",\"price\":%s,\"volume\":%d,\"previousClose\":%s,"
            + "\"companyName\":\"%s\",\"sourceTimestamp\":\"%s\"}")
        .formatted(symbol, price.toPlainString(), volumes.get(symbol), listing[1], listing[0], at);
  }
}
