package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pushes ticks at a fixed rate, open loop: a batch every {@code ticksPerRequest / rate} seconds
 * whether or not the previous ones were answered, as a market feed would. Batches name distinct
 * symbols round robin; each tick carries its push time in {@code volume} ({@link
 * MeasuredWindow#micros()}). When too many requests are unanswered a batch is not sent and counted
 * as missed: the engine did not keep up with the rate.
 */
final class TickPusher {
  private static final int MAX_IN_FLIGHT = 256;
  private static final int PRIMING_BATCH = 100;
  private static final int PRIMING_ATTEMPTS = 5;
  private static final long MIN_PRICE = 1_0000L; // 1.0000 in units of 0.0001

  private final FanoutSettings settings;
  private final HttpClient client;
  private final URI ticks;
  private final String[] symbols;
  private final long[] prices;
  private final Random random = new Random(42);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fanout-bench-pusher");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LatencyRecorder acknowledgements = new LatencyRecorder();
  private final Map<Long, Long> acknowledgedAt = new ConcurrentHashMap<>();
  private final LongAdder acceptedInWindow = new LongAdder();
  private final LongAdder missedBatches = new LongAdder();
  private final LongAdder failedRequests = new LongAdder();
  private final MeasuredWindow window;
  private int cursor;

  TickPusher(FanoutSettings settings, HttpClient client, MeasuredWindow window) {
    this.settings = settings;
    this.client = client;
    this.ticks = URI.create(settings.baseUrl() + "/api/v1/market-data/ticks");
    this.symbols = new String[settings.symbols()];
    this.prices = new long[settings.symbols()];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = TickBatchSource.symbolName(i, symbols.length);
      prices[i] = 100_0000L;
    }
    this.window = window;
  }

  /**
   * One tick for every symbol, so that each has a price (and a snapshot) before clients come. The
   * first tick of a symbol starts its entity, which can take longer than the engine's ask timeout
   * on a busy machine: a batch is pushed again until all of it is accepted (an extra update before
   * any client subscribed changes nothing).
   */
  void prime() throws Exception {
    for (int first = 0; first < symbols.length; first += PRIMING_BATCH) {
      int count = Math.min(PRIMING_BATCH, symbols.length - first);
      for (int attempt = 1; ; attempt++) {
        cursor = first;
        HttpResponse<String> response =
            client.send(request(batch(count, 0)), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200
            && IngestReply.parse(response.body()).accepted() == count) {
          break;
        }
        if (attempt == PRIMING_ATTEMPTS) {
          throw new IllegalStateException(
              "priming failed: " + response.statusCode() + " " + response.body());
        }
      }
    }
    cursor = 0;
  }

  void start() {
    long periodNanos = 1_000_000_000L * settings.ticksPerRequest() / settings.rate();
    timer.scheduleAtFixedRate(this::pushBatch, 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    timer.shutdownNow();
  }

  private void pushBatch() {
    if (inFlight.get() >= MAX_IN_FLIGHT) {
      missedBatches.increment();
      return;
    }
    long pushedAt = MeasuredWindow.micros();
    HttpRequest request = request(batch(settings.ticksPerRequest(), pushedAt));
    inFlight.incrementAndGet();
    long sent = System.nanoTime();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, failure) -> {
              inFlight.decrementAndGet();
              if (failure != null || response.statusCode() != 200) {
                failedRequests.increment();
                return;
              }
              if (window.contains(pushedAt)) {
                acknowledgements.record(System.nanoTime() - sent);
                acknowledgedAt.put(pushedAt, MeasuredWindow.micros());
                try {
                  acceptedInWindow.add(IngestReply.parse(response.body()).accepted());
                } catch (IllegalArgumentException e) {
                  failedRequests.increment();
                }
              }
            });
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(ticks)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + settings.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The next {@code count} symbols, each one random-walk step further, all pushed at one time. */
  private String batch(int count, long pushedAtMicros) {
    StringBuilder body = new StringBuilder(32 + count * 80).append("{\"ticks\":[");
    for (int i = 0; i < count; i++) {
      int symbol = cursor;
      cursor = (cursor + 1) % symbols.length;
      prices[symbol] = Math.max(MIN_PRICE, prices[symbol] + (random.nextBoolean() ? 100 : -100));
      if (i > 0) body.append(',');
      body.append("{\"symbol\":\"")
          .append(symbols[symbol])
          .append("\",\"price\":")
          .append(BigDecimal.valueOf(prices[symbol], 4).toPlainString())
          .append(",\"volume\":")
          .append(pushedAtMicros)
          .append('}');
    }
    return body.append("]}").toString();
  }

  /** When each measured batch was acknowledged, by its push time. */
  Map<Long, Long> acknowledgedAt() {
    return acknowledgedAt;
  }

  LatencyRecorder acknowledgements() {
    return acknowledgements;
  }

  long acceptedInWindow() {
    return acceptedInWindow.sum();
  }

  long missedBatches() {
    return missedBatches.sum();
  }

  long failedRequests() {
    return failedRequests.sum();
  }
}
