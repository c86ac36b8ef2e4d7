package io.priceengine.http.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.stream.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket subscriber of a node, kept reading on a thread of its own: per symbol the last
 * history id it got and how many updates, and every update that did not move forward (a duplicate
 * or a reordering). Updates may skip ids (the fan-out is at most once when a node dies); they may
 * never go back.
 */
final class QuoteWatch implements AutoCloseable {
  private final String name;
  private final WsClient client;
  private final Map<String, Long> last = new ConcurrentHashMap<>();
  private final Map<String, Integer> updates = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final Thread reader;

  QuoteWatch(String name, String baseUrl, List<String> symbols) {
    this.name = name;
    this.client =
        WsClient.connect(
            HttpClient.newHttpClient(),
            URI.create(
                baseUrl.replace("http://", "ws://")
                    + "/api/v1/market-data/ws?symbols="
                    + String.join(",", symbols)));
    this.reader = new Thread(this::read, "quote-watch-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    while (running) {
      JsonNode message = client.poll(Duration.ofMillis(200));
      if (message == null || !message.path("type").asText().equals("quote")) {
        continue;
      }
      JsonNode quote = message.path("quote");
      String symbol = quote.path("symbol").asText();
      long historyId = quote.path("historyId").asLong();
      Long previous = last.get(symbol);
      if (previous != null && historyId <= previous) {
        violations.add(name + ": " + symbol + " " + historyId + " after " + previous);
      } else {
        last.put(symbol, historyId);
      }
      if (!message.path("snapshot").asBoolean()) {
        updates.merge(symbol, 1, Integer::sum);
      }
    }
  }

  /** The last history id received per symbol. */
  Map<String, Long> last() {
    return Map.copyOf(last);
  }

  int updates(String symbol) {
    return updates.getOrDefault(symbol, 0);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  boolean isOpen() {
    return !client.isClosed();
  }

  @Override
  public void close() {
    running = false;
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
