package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following the projection through a stand-in engine's admin metrics. */
class ProjectionWatchTest {
  private static final String ADMIN = "bench-admin";

  private HttpServer engine;
  private final AtomicLong lag = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong(1_000);

  /** Readings served since the last reset; after {@link #catchUpAfter} of them the lag is 0. */
  private final AtomicInteger served = new AtomicInteger();

  private volatile int catchUpAfter = Integer.MAX_VALUE;

  @BeforeEach
  void startStandInEngine() throws IOException {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    engine.createContext("/api/v1/admin/metrics", this::metrics);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.stop(0);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (!("Bearer " + ADMIN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      JsonAnswer.answer(
          exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\"}}");
      return;
    }
    if (served.incrementAndGet() > catchUpAfter) {
      lag.set(0);
    }
    JsonAnswer.answer(
        exchange,
        200,
        "{\"totalSymbols\":3,\"activeSymbols\":3,\"averagePrice\":12.5,\"ticksAccepted\":"
            + accepted.get()
            + ",\"ticksRejected\":0,\"webSocketSessions\":0,\"sseSessions\":0,"
            + "\"projectionLagMillis\":"
            + lag.get()
            + "}");
  }

  @Test
  void reportsTheLargestLagAndTheRateOnceCaughtUp() throws Exception {
    ProjectionWatch watch = watch(ADMIN);
    long start = System.nanoTime();
    watch.start(); // baseline: 1,000 ticks accepted before the run
    lag.set(1_800);
    accepted.set(6_000);
    served.set(0);
    // The sampler runs one request at a time: a second request served means the first answer
    // (with the lag up) has been recorded, not just sent.
    awaitReadings(2);
    lag.set(300);
    served.set(0);
    catchUpAfter = 3; // the reading at the load's end and two polls still see 300

    ProjectionWatch.Result result = watch.finish(start, Duration.ofSeconds(10));

    assertTrue(result.caughtUp());
    assertEquals(1_800, result.maxLagMillis());
    assertEquals(300, result.lagAtLoadEndMillis());
    assertEquals(5_000, result.projectedTicks());
    assertTrue(result.catchUpSeconds() >= 0.2, result.toString()); // polls at 200 ms
    double seconds = 5_000 / result.projectedTicksPerSecond();
    assertTrue(seconds > result.catchUpSeconds(), result.toString());
  }

  @Test
  void saysSoWhenTheProjectionDoesNotCatchUp() throws Exception {
    ProjectionWatch watch = watch(ADMIN);
    watch.start();
    lag.set(5_000);
    ProjectionWatch.Result result = watch.finish(System.nanoTime(), Duration.ofMillis(500));
    assertFalse(result.caughtUp());
    assertEquals(5_000, result.maxLagMillis());
    assertTrue(Double.isNaN(result.projectedTicksPerSecond()));
  }

  @Test
  void aWrongTokenYieldsNoReading() throws Exception {
    assertTrue(watch("wrong").read().isEmpty());
  }

  private void awaitReadings(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (served.get() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the watch took no samples");
      }
      Thread.sleep(20);
    }
  }

  private ProjectionWatch watch(String token) {
    return new ProjectionWatch(
        HttpClient.newHttpClient(),
        URI.create("http://127.0.0.1:" + engine.getAddress().getPort()),
        token);
  }
}
