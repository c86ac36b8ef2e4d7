package io.priceengine.simulations.bench;

import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * One benchmark subscriber: a JDK WebSocket listener that reads as fast as it can and keeps, per
 * symbol, what it got. A pushed tick carries its push time in {@code volume} (on {@link
 * MeasuredWindow#micros()}), so each update's latency is its arrival time minus that, no lookup.
 * Messages are scanned for the few fields needed rather than parsed, to leave the CPU to the
 * engine.
 */
final class FanoutClient implements WebSocket.Listener {

  /** What one client received of one symbol. */
  static final class SymbolTally {
    long snapshot = -1; // history id of the snapshot; -1 before it arrived
    long last; // history id of the last quote received
    long updates;
    long skipped; // the sum of "skipped" of the updates
    long outOfOrder; // updates whose history id was not above the previous one
  }

  private final Map<String, SymbolTally> tallies = new HashMap<>();
  private final Arrivals arrivals;
  private final LongAdder delivered;
  private final MeasuredWindow window;
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private int snapshots;
  private volatile long lastMessageNanos = System.nanoTime();

  FanoutClient(String[] symbols, Arrivals arrivals, LongAdder delivered, MeasuredWindow window) {
    for (String symbol : symbols) tallies.put(symbol, new SymbolTally());
    this.arrivals = arrivals;
    this.delivered = delivered;
    this.window = window;
  }

  /** Completes when the snapshot of every symbol has arrived. */
  CompletableFuture<Void> subscribed() {
    return subscribed;
  }

  long lastMessageNanos() {
    return lastMessageNanos;
  }

  synchronized Map<String, SymbolTally> tallies() {
    return tallies;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      received(partial);
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    subscribed.completeExceptionally(error);
  }

  synchronized void received(CharSequence message) {
    long arrival = MeasuredWindow.micros();
    lastMessageNanos = System.nanoTime();
    String text = message.toString();
    if (!text.startsWith("{\"type\":\"quote\"")) {
      return; // subscribed, heartbeat
    }
    SymbolTally tally = tallies.get(stringField(text, "\"symbol\":\""));
    long historyId = longField(text, "\"historyId\":");
    if (tally == null) {
      return;
    }
    if (text.contains("\"snapshot\":true")) {
      tally.snapshot = historyId;
      tally.last = historyId;
      if (++snapshots == tallies.size()) {
        subscribed.complete(null);
      }
      return;
    }
    if (historyId <= tally.last) {
      tally.outOfOrder++;
    }
    tally.last = historyId;
    tally.updates++;
    long skipped = longField(text, "\"skipped\":");
    tally.skipped += Math.max(0, skipped);
    long pushedAt = longField(text, "\"volume\":");
    if (window.contains(pushedAt)) {
      arrivals.record(pushedAt, arrival);
    }
    if (window.contains(arrival)) {
      delivered.increment();
    }
  }

  private static String stringField(String text, String key) {
    int start = text.indexOf(key);
    if (start < 0) return "";
    start += key.length();
    return text.substring(start, text.indexOf('"', start));
  }

  /** The whole number after {@code key}; -1 when the key is absent. */
  private static long longField(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0) return -1;
    long value = 0;
    for (int i = at + key.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') break;
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
