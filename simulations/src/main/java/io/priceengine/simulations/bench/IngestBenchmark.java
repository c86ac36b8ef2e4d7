package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * Measures durable HTTP ingest of an engine started separately: batches of ticks posted in a closed
 * loop, reporting accepted ticks per second and acknowledgement latency (a tick is accepted only
 * once it is in the journal, API.md) and, given an admin token, how far the projection into
 * PostgreSQL fell behind and how fast it wrote the run's ticks. Exit status 0 after a run, 1 when
 * the engine could not be reached, 2 for bad options.
 */
public final class IngestBenchmark {

  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** Threads of the HTTP client and of the answer handling; four keep two cores busy. */
  private static final int CLIENT_THREADS = 4;

  /** How long the projection may take to write the run's ticks once the load has stopped. */
  private static final Duration PROJECTION_CATCH_UP = Duration.ofMinutes(5);

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    // With 2 cores the common pool would start a thread per async stage (docs/architecture.md).
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(IngestSettings.usage());
      return;
    }
    IngestSettings settings;
    try {
      settings = IngestSettings.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(IngestSettings.usage());
      System.exit(2);
      return;
    }
    System.exit(run(settings));
  }

  static int run(IngestSettings settings) throws InterruptedException, IOException {
    ExecutorService executor =
        Executors.newFixedThreadPool(CLIENT_THREADS, Machine.daemonThreads("ingest-bench"));
    try {
      HttpClient client = LoadClient.http1(executor);
      if (!reachable(client, settings.baseUrl())) {
        System.err.println("engine unreachable at " + settings.baseUrl());
        return 1;
      }
      TickBatchSource batches =
          new TickBatchSource(
              settings.symbols(), settings.ticksPerRequest(), settings.seed(), Clock.systemUTC());
      ProjectionWatch projection =
          settings.adminToken() == null
              ? null
              : new ProjectionWatch(client, settings.baseUrl(), settings.adminToken());
      long loadStart = System.nanoTime();
      if (projection != null) {
        projection.start();
      }
      IngestTally tally;
      try {
        tally = new IngestLoad(settings, client, batches, executor).run();
      } catch (TimeoutException e) {
        System.err.println("requests still unanswered long after the run ended");
        return 1;
      }
      ProjectionWatch.Result projected = null;
      if (projection != null) {
        System.err.println("load done; waiting for the projection to catch up");
        projected = projection.finish(loadStart, PROJECTION_CATCH_UP);
      }
      IngestReport report =
          new IngestReport(settings, tally, settings.duration().toNanos() / 1e9, projected);
      System.out.print(report.text());
      report.writeJson(settings.output());
      System.out.println("  report       " + settings.output());
      if (tally.httpAnswers() == 0) {
        System.err.println("the engine answered no request in the measured window");
        return 1;
      }
      return 0;
    } finally {
      executor.shutdownNow();
    }
  }

  /** Any HTTP answer from the liveness endpoint will do; readiness is the caller's business. */
  static boolean reachable(HttpClient client, URI baseUrl) throws InterruptedException {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health/live"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    try {
      client.send(probe, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
