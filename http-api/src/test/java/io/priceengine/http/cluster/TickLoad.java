package io.priceengine.http.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Steady push load on one node: rounds of one tick per symbol, each round's price unique (the
 * round's number, shared by all loads of a test), one round at a time with a pause between. It
 * records which ticks were acknowledged and every answer that was not a plain success, so a test
 * can check durability (every acknowledged tick in the history) and availability (no errors).
 */
final class TickLoad implements AutoCloseable {

  /** One round: when it was sent and answered, and per symbol accepted or the error code. */
  record Round(
      int number,
      Instant sent,
      Instant answered,
      Set<String> accepted,
      Map<String, String> failed) {}

  private final String name;
  private final ApiClient api;
  private final List<String> symbols;
  private final AtomicInteger numbers;
  private final Map<String, Set<Integer>> acknowledged;
  private final Duration pause;
  private final boolean readBack;
  private final List<Round> rounds = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final Thread thread;

  /**
   * @param acknowledged where acknowledged prices go, per symbol (shared by a test's loads)
   * @param readBack also read the symbols' quotes after each round, counting failures as errors
   */
  TickLoad(
      String name,
      ApiClient api,
      List<String> symbols,
      AtomicInteger numbers,
      Map<String, Set<Integer>> acknowledged,
      Duration pause,
      boolean readBack) {
    this.name = name;
    this.api = api;
    this.symbols = List.copyOf(symbols);
    this.numbers = numbers;
    this.acknowledged = acknowledged;
    this.pause = pause;
    this.readBack = readBack;
    this.thread = new Thread(this::run, "tick-load-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  static Map<String, Set<Integer>> newAcknowledged() {
    return new ConcurrentHashMap<>();
  }

  private void run() {
    while (running) {
      pushRound();
      if (readBack) {
        readQuotes();
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void pushRound() {
    Round round = push(api, symbols, numbers.incrementAndGet(), acknowledged);
    rounds.add(round);
    if (!round.failed().isEmpty()) {
      errors.add(name + " round " + round.number() + " at " + round.sent() + ": " + round.failed());
    }
  }

  /** Posts one tick per symbol at price {@code number}; records what was acknowledged. */
  static Round push(
      ApiClient api, List<String> symbols, int number, Map<String, Set<Integer>> acknowledged) {
    String body =
        symbols.stream()
            .map(s -> "{\"symbol\":\"" + s + "\",\"price\":" + number + "}")
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
    Instant sent = Instant.now();
    Set<String> accepted = new HashSet<>();
    Map<String, String> failed = new HashMap<>();
    try {
      ApiClient.Response response =
          api.post("/api/v1/market-data/ticks", TestEngine.INGEST_TOKEN, body);
      if (response.status() != 200) {
        symbols.forEach(s -> failed.put(s, "http_" + response.status()));
      } else {
        for (JsonNode rejection : response.json().get("rejected")) {
          failed.put(symbols.get(rejection.get("index").asInt()), rejection.get("code").asText());
        }
        for (String symbol : symbols) {
          if (!failed.containsKey(symbol)) {
            accepted.add(symbol);
            acknowledged.computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).add(number);
          }
        }
      }
    } catch (IllegalStateException e) {
      symbols.forEach(s -> failed.put(s, "no_answer"));
    }
    return new Round(number, sent, Instant.now(), accepted, failed);
  }

  private void readQuotes() {
    try {
      ApiClient.Response response =
          api.get("/api/v1/market-data/prices?symbols=" + String.join(",", symbols));
      if (response.status() != 200 || response.json().get("missing").size() > 0) {
        errors.add(
            name
                + " quote read at "
                + Instant.now()
                + ": "
                + response.status()
                + " "
                + response.body());
      }
    } catch (IllegalStateException e) {
      errors.add(name + " quote read at " + Instant.now() + ": no answer");
    }
  }

  List<Round> rounds() {
    return new ArrayList<>(rounds);
  }

  /** Every failed request or rejected tick, in order. */
  List<String> errors() {
    return new ArrayList<>(errors);
  }

  /** Stops after the round in flight (which is recorded). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(120).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
