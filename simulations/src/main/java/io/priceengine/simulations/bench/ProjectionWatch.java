package io.priceengine.simulations.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the engine's projection during an ingest run through GET /api/v1/admin/metrics: the lag
 * sampled every second while the load runs, then polled until it is 0, giving the largest lag seen
 * and the rate at which the projection wrote the run's ticks into PostgreSQL.
 */
final class ProjectionWatch {

  static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration CATCH_UP_POLL = Duration.ofMillis(200);

  /**
   * What the run showed. {@code projectedTicksPerSecond} is the ticks accepted during the run over
   * the time from the load's start until the projection had written them all.
   */
  record Result(
      long maxLagMillis,
      long lagAtLoadEndMillis,
      boolean caughtUp,
      double catchUpSeconds,
      long projectedTicks,
      double projectedTicksPerSecond,
      int samples) {}

  /** One reading of the metrics. */
  record Reading(long lagMillis, long ticksAccepted) {}

  private final HttpClient client;
  private final URI metrics;
  private final String adminToken;
  private final AtomicLong maxLag = new AtomicLong();
  private final AtomicLong lastLag = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "projection-watch");
            thread.setDaemon(true);
            return thread;
          });
  private long acceptedBefore;

  ProjectionWatch(HttpClient client, URI baseUrl, String adminToken) {
    this.client = client;
    this.metrics = URI.create(baseUrl + "/api/v1/admin/metrics");
    this.adminToken = adminToken;
  }

  /** Reads the baseline and starts sampling; call right before the load starts. */
  void start() throws InterruptedException {
    acceptedBefore = read().map(Reading::ticksAccepted).orElse(0L);
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops sampling and waits, at most {@code deadline}, for the projection to catch up.
   *
   * @param loadStart {@link System#nanoTime()} when the load started
   */
  Result finish(long loadStart, Duration deadline) throws InterruptedException {
    sampler.shutdownNow();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    long loadEnd = System.nanoTime();
    Optional<Reading> atEnd = read();
    atEnd.ifPresent(this::record);
    long lagAtEnd = atEnd.map(Reading::lagMillis).orElse(lastLag.get());
    Optional<Reading> last = atEnd;
    long giveUp = loadEnd + deadline.toNanos();
    while ((last.isEmpty() || last.get().lagMillis() > 0) && System.nanoTime() - giveUp < 0) {
      Thread.sleep(CATCH_UP_POLL.toMillis());
      last = read();
      last.ifPresent(this::record);
    }
    long caughtUpAt = System.nanoTime();
    boolean caughtUp = last.isPresent() && last.get().lagMillis() == 0;
    long projected = last.map(r -> r.ticksAccepted() - acceptedBefore).orElse(0L);
    return new Result(
        maxLag.get(),
        lagAtEnd,
        caughtUp,
        caughtUp ? Math.max(0, caughtUpAt - loadEnd) / 1e9 : Double.NaN,
        projected,
        caughtUp ? projected / ((caughtUpAt - loadStart) / 1e9) : Double.NaN,
        (int) samples.get());
  }

  private void sample() {
    try {
      read().ifPresent(this::record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(Reading reading) {
    samples.incrementAndGet();
    lastLag.set(reading.lagMillis());
    maxLag.accumulateAndGet(reading.lagMillis(), Math::max);
  }

  /** Empty when the engine did not answer with metrics (a sample is then skipped). */
  Optional<Reading> read() throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(metrics)
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + adminToken)
            .GET()
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
      return Optional.of(
          new Reading(
              ((BigDecimal) body.get("projectionLagMillis")).longValueExact(),
              ((BigDecimal) body.get("ticksAccepted")).longValueExact()));
    } catch (IOException | IllegalArgumentException | ClassCastException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
