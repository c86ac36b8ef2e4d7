package io.priceengine.simulations.bench;

import io.priceengine.simulations.bench.OverloadTally.Answer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures ingest of an engine started separately when offered more than it can take (issue 17): an
 * open loop at {@code factor} × the durable ingest capacity (section 1's figure, or one given, or a
 * short closed-loop probe) for {@code seconds}; the acknowledged rate and latency, how fast and how
 * the engine refuses what it cannot take; then every tick of unknown fate retried with its tickId
 * and the client's tally checked against the journal and the history: nothing accepted lost,
 * nothing doubled, nothing refused persisted. Exit status 0 after a run, 1 when the engine could
 * not be reached or answered nothing, 2 for bad options.
 */
public final class OverloadBenchmark {

  /** Threads of the HTTP client and of the answer handling, as in {@link IngestBenchmark}. */
  private static final int CLIENT_THREADS = 4;

  /** As section 1's: the probe's symbols are new, and their entities start in the warm-up. */
  private static final Duration PROBE_WARM_UP = Duration.ofSeconds(5);

  private static final int PROBE_CONCURRENCY = 32;
  private static final int PROBE_SYMBOLS = 1000;
  private static final Duration PROJECTION_CATCH_UP = Duration.ofMinutes(5);

  /** How long the stores may take to agree once the projection reports no lag. */
  private static final Duration CHECK_DEADLINE = Duration.ofSeconds(30);

  private static final long PROGRESS_INTERVAL_SECONDS = 5;

  private OverloadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("OverloadBenchmark", OverloadSettings.OPTIONS, args);
    OverloadSettings settings;
    try {
      settings = OverloadSettings.from(options);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(options.usage());
      System.exit(2);
      return;
    }
    System.exit(run(settings));
  }

  static int run(OverloadSettings settings) throws Exception {
    ExecutorService executor =
        Executors.newFixedThreadPool(CLIENT_THREADS, Machine.daemonThreads("overload-bench"));
    try {
      HttpClient client = LoadClient.http1(executor);
      if (!IngestBenchmark.reachable(client, settings.baseUrl())) {
        System.err.println("engine unreachable at " + settings.baseUrl());
        return 1;
      }
      IngestCapacity capacity = capacity(settings, client, executor);
      if (capacity == null) return 1;
      int ticksPerRequest = ticksPerRequest(settings, capacity);
      if (ticksPerRequest > settings.symbols()) {
        System.err.println(
            "ticksPerRequest " + ticksPerRequest + " exceeds symbols " + settings.symbols());
        return 2;
      }
      // An entity starts on its symbol's first tick: one tick each beforehand, so that the window
      // measures ingest, not entities starting. The engine stamps it before the run's time.
      System.err.printf(Locale.ROOT, "priming %,d symbols with a tick each%n", settings.symbols());
      TickSeeder.seed(
          client,
          settings.baseUrl(),
          settings.token(),
          Arrays.asList(OverloadTicks.symbolNames(settings.symbols())));
      // a new run id and source timestamp each run: the engine remembers tickIds per symbol
      Instant started = Instant.now();
      OverloadTicks ticks =
          new OverloadTicks(settings.symbols(), Long.toString(started.toEpochMilli(), 36), started);
      TickLedger ledger = new TickLedger();
      OverloadTally tally = new OverloadTally((int) settings.duration().toSeconds());
      ProjectionWatch projection =
          settings.adminToken() == null
              ? null
              : new ProjectionWatch(client, settings.baseUrl(), settings.adminToken());
      OverloadLoad load =
          new OverloadLoad(
              client, settings.baseUrl(), settings.token(), ticks, ledger, tally, executor);
      double offered = settings.factor() * capacity.ticksPerSecond();
      System.err.printf(
          Locale.ROOT,
          "offering %,.0f ticks/s (%.2f × %,.0f) in requests of %d ticks for %d s%n",
          offered,
          settings.factor(),
          capacity.ticksPerSecond(),
          ticksPerRequest,
          settings.duration().toSeconds());
      long loadStart = System.nanoTime();
      if (projection != null) projection.start();
      ScheduledExecutorService progress = progressLines(tally);
      try {
        load.offer(offered, ticksPerRequest, settings.duration(), settings.maxOutstanding());
      } finally {
        progress.shutdownNow();
      }
      load.retry(ticksPerRequest, settings.retryDeadline());
      ProjectionWatch.Result projected = null;
      if (projection != null) {
        System.err.println("waiting for the projection to catch up");
        projected = projection.finish(loadStart, PROJECTION_CATCH_UP);
      }
      OverloadCheck check = null;
      if (settings.jdbcUrl() != null) {
        System.err.println("checking the tally against the journal and the history");
        check =
            new StoredTicks(client, settings.baseUrl(), settings.jdbcUrl(), settings.user())
                .await(ledger, ticks, CHECK_DEADLINE);
      }
      OverloadReport report =
          new OverloadReport(
              settings, capacity, ticksPerRequest, tally, ledger.counts(), check, projected);
      System.out.print(report.text());
      BenchReportPath.write(settings.output(), report.json());
      System.out.println("  report       " + settings.output());
      long answered =
          tally.answers(Answer.ACKNOWLEDGED)
              + tally.answers(Answer.OVERLOADED)
              + tally.answers(Answer.RATE_LIMITED)
              + tally.answers(Answer.UNAVAILABLE);
      if (answered == 0) {
        System.err.println("the engine answered no request with an ingest answer");
        return 1;
      }
      return 0;
    } finally {
      executor.shutdownNow();
    }
  }

  /** The capacity given, else section 1's, else a probe's; null (said why) when none. */
  private static IngestCapacity capacity(
      OverloadSettings settings, HttpClient client, ExecutorService executor) throws Exception {
    if (settings.capacity() != null) {
      return new IngestCapacity(settings.capacity(), null, "given (--capacity)");
    }
    if (settings.capacityFrom() != null) {
      Optional<IngestCapacity> measured = IngestCapacity.fromReport(settings.capacityFrom());
      if (measured.isPresent()) return measured.get();
      System.err.println("no capacity in " + settings.capacityFrom() + "; probing");
    }
    int ticksPerRequest =
        settings.ticksPerRequest() == null
            ? OverloadSettings.DEFAULT_TICKS_PER_REQUEST
            : settings.ticksPerRequest();
    return IngestCapacity.probe(
        client, settings.baseUrl(), settings.token(), ticksPerRequest, settings.probe(), executor);
  }

  /** The batch size given, else the one the capacity was measured with, else 100. */
  private static int ticksPerRequest(OverloadSettings settings, IngestCapacity capacity) {
    if (settings.ticksPerRequest() != null) return settings.ticksPerRequest();
    if (capacity.ticksPerRequest() != null) return capacity.ticksPerRequest();
    return OverloadSettings.DEFAULT_TICKS_PER_REQUEST;
  }

  /** One line on stderr every few seconds, so a run shows it is alive and how it goes. */
  private static ScheduledExecutorService progressLines(OverloadTally tally) {
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(Machine.daemonThreads("overload-progress"));
    long begin = System.nanoTime();
    progress.scheduleAtFixedRate(
        () ->
            System.err.printf(
                Locale.ROOT,
                "%5d s  %,d ticks sent, %,d acknowledged, %,d requests overloaded,"
                    + " %,d unavailable, %,d not offered%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin),
                tally.sentTicks(),
                tally.acceptedInWindow(),
                tally.answers(Answer.OVERLOADED),
                tally.answers(Answer.UNAVAILABLE),
                tally.notOfferedRequests()),
        PROGRESS_INTERVAL_SECONDS,
        PROGRESS_INTERVAL_SECONDS,
        TimeUnit.SECONDS);
    return progress;
  }
}
