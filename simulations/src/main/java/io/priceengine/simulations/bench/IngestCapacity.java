package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * The durable ingest capacity an overload run offers a multiple of: acknowledged ticks per second
 * of a closed-loop run, the batch size it was measured with (null when unknown), and where the
 * figure comes from, for the report.
 */
record IngestCapacity(double ticksPerSecond, Integer ticksPerRequest, String source) {

  /** As section 1's: the probe's symbols are new, and their entities start in the warm-up. */
  private static final Duration PROBE_WARM_UP = Duration.ofSeconds(5);

  private static final int PROBE_CONCURRENCY = 32;
  private static final int PROBE_SYMBOLS = 1000;

  /**
   * The figures of section 1's report ({@code ingest.json}, written by {@link IngestReport}); empty
   * when the file is missing or holds no positive rate (the section failed or measured nothing).
   *
   * @throws IOException when the file exists but cannot be read
   */
  static Optional<IngestCapacity> fromReport(Path ingestJson) throws IOException {
    if (!Files.isRegularFile(ingestJson)) return Optional.empty();
    Object report;
    try {
      report = Json.parse(Files.readString(ingestJson));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Object rate = ReportRow.value(report, "acceptedTicksPerSecond");
    Object batch = ReportRow.value(report, "ticksPerRequest");
    if (!(rate instanceof Number number) || !(number.doubleValue() > 0)) return Optional.empty();
    return Optional.of(
        new IngestCapacity(
            number.doubleValue(),
            batch instanceof Number size ? size.intValue() : null,
            "measured by section 1 (" + ingestJson + ")"));
  }

  /**
   * Measures the capacity as section 1 does, only shorter: {@link IngestLoad}'s closed loop of 32
   * requests in flight over symbols {@code B0000}... after one tick each and a 5 s warm-up. Null
   * (said why on stderr) when no tick was accepted.
   */
  static IngestCapacity probe(
      HttpClient client,
      URI baseUrl,
      String token,
      int ticksPerRequest,
      Duration duration,
      Executor executor)
      throws IOException, InterruptedException {
    IngestSettings probe =
        new IngestSettings(
            baseUrl,
            token,
            Math.max(PROBE_SYMBOLS, ticksPerRequest),
            PROBE_WARM_UP,
            duration,
            PROBE_CONCURRENCY,
            ticksPerRequest,
            42,
            BenchReportPath.defaultFor(
                "ingest-probe.json"), // not written: the report is the caller's
            null);
    // warm entities, as section 1 has after its warm-up: a cold start is not the capacity
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < probe.symbols(); i++) {
      symbols.add(TickBatchSource.symbolName(i, probe.symbols()));
    }
    TickSeeder.seed(client, baseUrl, token, symbols);
    System.err.printf(
        Locale.ROOT,
        "probing the capacity: closed loop, %d requests × %d ticks, %d s after %d s%n",
        PROBE_CONCURRENCY,
        ticksPerRequest,
        duration.toSeconds(),
        PROBE_WARM_UP.toSeconds());
    IngestTally probed;
    try {
      TickBatchSource batches =
          new TickBatchSource(probe.symbols(), ticksPerRequest, probe.seed(), Clock.systemUTC());
      probed = new IngestLoad(probe, client, batches, executor).run();
    } catch (TimeoutException e) {
      System.err.println("probe requests still unanswered long after the probe ended");
      return null;
    }
    double rate = probed.acceptedTicks() / (duration.toNanos() / 1e9);
    if (!(rate > 0)) {
      System.err.println("the probe got no tick accepted: no capacity to overload");
      return null;
    }
    return new IngestCapacity(
        rate,
        ticksPerRequest,
        String.format(
            Locale.ROOT,
            "probed (closed loop, %d × %d ticks, %d s)",
            PROBE_CONCURRENCY,
            ticksPerRequest,
            duration.toSeconds()));
  }
}
