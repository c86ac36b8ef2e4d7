package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one overload run does: where the engine and its database are, where the capacity comes from
 * ({@code capacity} ticks/s if given, else section 1's report {@code capacityFrom}, else a short
 * closed-loop probe of {@code probeSeconds}), how far past it to push and for how long. {@code
 * ticksPerRequest} is null when it is to be section 1's; {@code jdbcUrl} null skips the check
 * against the journal and the history.
 */
record OverloadSettings(
    URI baseUrl,
    String token,
    String adminToken,
    String jdbcUrl,
    String user,
    Double capacity,
    Path capacityFrom,
    Duration probe,
    double factor,
    Duration duration,
    int symbols,
    Integer ticksPerRequest,
    int maxOutstanding,
    Duration retryDeadline,
    Path output) {

  /** Batches of section 1 unless said otherwise. */
  static final int DEFAULT_TICKS_PER_REQUEST = 100;

  /** {@code OV} + digits within the ten characters of a symbol. */
  static final int MAX_SYMBOLS = 100_000_000;

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token"),
          new Options.Option(
              "adminToken",
              "PRICE_ENGINE_ADMIN_TOKEN",
              null,
              "admin token: waits for projection lag 0 before the check"),
          Options.JDBC_URL,
          Options.JDBC_USER,
          new Options.Option("capacity", null, null, "ingest capacity in ticks/s, if known"),
          new Options.Option(
              "capacityFrom",
              null,
              null,
              "section 1's ingest.json, read when --capacity is not given"),
          new Options.Option(
              "probeSeconds", null, "10", "closed-loop probe when the capacity is unknown"),
          new Options.Option("factor", "BENCH_FACTOR", "3", "offered rate / capacity"),
          new Options.Option("seconds", "BENCH_DURATION", "60", "seconds of overload"),
          new Options.Option(
              "symbols", "BENCH_SYMBOLS", "1000", "distinct symbols, named OV0000, OV0001, ..."),
          new Options.Option(
              "ticksPerRequest",
              "BENCH_TICKS_PER_REQUEST",
              null,
              "ticks per request (default: section 1's, else 100)"),
          new Options.Option(
              "maxOutstanding",
              null,
              "1024",
              "requests unanswered at most; a request due beyond it is not offered"),
          new Options.Option(
              "retrySeconds", null, "120", "how long to retry ticks of unknown fate afterwards"),
          Options.OUTPUT);

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the option that is missing or malformed
   */
  static OverloadSettings from(Options options) {
    String ticksPerRequest = options.text("ticksPerRequest");
    String capacityFrom = options.text("capacityFrom");
    OverloadSettings settings =
        new OverloadSettings(
            options.httpUrl("baseUrl"),
            options.required("token"),
            options.text("adminToken"),
            options.text("jdbcUrl"),
            options.required("user"),
            options.text("capacity") == null ? null : options.number("capacity", 1, 1e9),
            capacityFrom == null ? null : Path.of(capacityFrom),
            Duration.ofSeconds(options.wholeNumber("probeSeconds", 1, 3600)),
            options.number("factor", 0.01, 1000),
            Duration.ofSeconds(options.wholeNumber("seconds", 1, 86_400)),
            options.wholeNumber("symbols", 1, MAX_SYMBOLS),
            ticksPerRequest == null
                ? null
                : options.wholeNumber("ticksPerRequest", 1, IngestSettings.MAX_TICKS_PER_REQUEST),
            options.wholeNumber("maxOutstanding", 1, 100_000),
            Duration.ofSeconds(options.wholeNumber("retrySeconds", 0, 86_400)),
            options.reportPath("output", "overload.json"));
    if (settings.ticksPerRequest != null && settings.ticksPerRequest > settings.symbols) {
      throw new IllegalArgumentException(
          "ticksPerRequest ("
              + settings.ticksPerRequest
              + ") exceeds symbols ("
              + settings.symbols
              + "): the ticks of one request must name distinct symbols");
    }
    return settings;
  }

  static OverloadSettings from(String[] args, Map<String, String> environment) {
    return from(Options.parse("OverloadBenchmark", OPTIONS, args, environment));
  }
}
