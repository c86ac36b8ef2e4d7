package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one fan-out benchmark run does: K WebSocket clients, each subscribed to a few of the
 * symbols, while ticks are pushed over HTTP at a fixed rate. Options are read by {@link Options}.
 */
record FanoutSettings(
    URI baseUrl,
    String token,
    int clients,
    int symbols,
    int symbolsPerClient,
    int rate,
    int ticksPerRequest,
    Duration warmUp,
    Duration duration,
    Path output) {

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token"),
          new Options.Option("clients", "BENCH_CLIENTS", "1000", "WebSocket clients"),
          new Options.Option(
              "symbols", "BENCH_SYMBOLS", "1000", "distinct symbols, named B0000, B0001, ..."),
          new Options.Option(
              "symbolsPerClient", "BENCH_SYMBOLS_PER_CLIENT", "10", "symbols per client"),
          new Options.Option("rate", "BENCH_RATE", "5000", "ticks pushed per second"),
          new Options.Option(
              "ticksPerRequest", "BENCH_TICKS_PER_REQUEST", "50", "ticks per request"),
          new Options.Option("warmup", "BENCH_WARMUP", "10", "warm-up seconds, not counted"),
          new Options.Option("duration", "BENCH_DURATION", "30", "measured seconds"),
          Options.OUTPUT);

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the option that is missing or malformed
   */
  static FanoutSettings from(String[] args, Map<String, String> environment) {
    Options options = Options.parse("FanoutBenchmark", OPTIONS, args, environment);
    FanoutSettings settings =
        new FanoutSettings(
            options.httpUrl("baseUrl"),
            options.required("token"),
            options.wholeNumber("clients", 1, 100_000),
            options.wholeNumber("symbols", 1, 1_000_000),
            options.wholeNumber("symbolsPerClient", 1, 1000),
            options.wholeNumber("rate", 1, 1_000_000),
            options.wholeNumber("ticksPerRequest", 1, 1000),
            Duration.ofSeconds(options.wholeNumber("warmup", 0, 3600)),
            Duration.ofSeconds(options.wholeNumber("duration", 1, 3600)),
            options.reportPath("output", "fanout.json"));
    if (settings.symbolsPerClient > settings.symbols
        || settings.ticksPerRequest > settings.symbols) {
      throw new IllegalArgumentException(
          "symbolsPerClient and ticksPerRequest must not exceed symbols");
    }
    return settings;
  }

  static String usage() {
    return Options.parse("FanoutBenchmark", OPTIONS, new String[0], Map.of()).usage();
  }

  /** The symbols client {@code client} subscribes to: consecutive, wrapping around. */
  String[] symbolsOf(int client) {
    String[] names = new String[symbolsPerClient];
    for (int i = 0; i < symbolsPerClient; i++) {
      int symbol = (client * symbolsPerClient + i) % symbols;
      names[i] = TickBatchSource.symbolName(symbol, symbols);
    }
    return names;
  }
}
