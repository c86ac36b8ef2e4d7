package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one ingest benchmark run does: where the engine is, how hard to push it and for how long;
 * {@code adminToken} null when the projection is not to be followed. Options are read by {@link
 * Options}.
 */
record IngestSettings(
    URI baseUrl,
    String token,
    int symbols,
    Duration warmUp,
    Duration duration,
    int concurrency,
    int ticksPerRequest,
    long seed,
    Path output,
    String adminToken) {

  /** API.md: an ingest request carries at most 1000 ticks. */
  static final int MAX_TICKS_PER_REQUEST = 1000;

  /** B + 9 digits is the longest name the symbol rule (1–10 characters) allows. */
  static final int MAX_SYMBOLS = 1_000_000_000;

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token"),
          new Options.Option(
              "symbols", "BENCH_SYMBOLS", "1000", "distinct symbols, named B0000, B0001, ..."),
          new Options.Option("duration", "BENCH_DURATION", "30", "measured seconds"),
          new Options.Option("warmup", "BENCH_WARMUP", "5", "warm-up seconds, not counted"),
          new Options.Option("concurrency", "BENCH_CONCURRENCY", "32", "requests in flight"),
          new Options.Option(
              "ticksPerRequest", "BENCH_TICKS_PER_REQUEST", "100", "ticks per request"),
          new Options.Option("seed", "BENCH_SEED", "42", "seed of the random price walk"),
          Options.OUTPUT,
          new Options.Option(
              "adminToken",
              "PRICE_ENGINE_ADMIN_TOKEN",
              null,
              "admin token: with it the run also follows the projection lag"));

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the option that is missing or malformed
   */
  static IngestSettings from(String[] args, Map<String, String> environment) {
    Options options = Options.parse("IngestBenchmark", OPTIONS, args, environment);
    IngestSettings settings =
        new IngestSettings(
            options.httpUrl("baseUrl"),
            options.required("token"),
            options.wholeNumber("symbols", 1, MAX_SYMBOLS),
            Duration.ofSeconds(options.wholeNumber("warmup", 0, Integer.MAX_VALUE)),
            Duration.ofSeconds(options.wholeNumber("duration", 1, Integer.MAX_VALUE)),
            options.wholeNumber("concurrency", 1, 10_000),
            options.wholeNumber("ticksPerRequest", 1, MAX_TICKS_PER_REQUEST),
            options.wholeNumber("seed"),
            options.reportPath("output", "ingest.json"),
            options.text("adminToken"));
    if (settings.ticksPerRequest > settings.symbols) {
      throw new IllegalArgumentException(
          "ticksPerRequest ("
              + settings.ticksPerRequest
              + ") exceeds symbols ("
              + settings.symbols
              + "): the ticks of one request must name distinct symbols");
    }
    return settings;
  }

  static String usage() {
    return Options.parse("IngestBenchmark", OPTIONS, new String[0], Map.of()).usage();
  }
}
