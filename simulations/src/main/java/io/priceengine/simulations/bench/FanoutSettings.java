package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one fan-out benchmark run does: K WebSocket clients, each subscribed to a few of the
 * symbols, while ticks are pushed over HTTP at a fixed rate. Each option is read from a {@code
 * --name=value} argument, else a {@code -Dname=value} system property, else an environment
 * variable, else its default.
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

  /** One setting: its argument/property name, its environment variable and its default. */
  enum Option {
    BASE_URL("baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
    TOKEN("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token (required)"),
    CLIENTS("clients", "BENCH_CLIENTS", "1000", "WebSocket clients"),
    SYMBOLS("symbols", "BENCH_SYMBOLS", "1000", "distinct symbols, named B0000, B0001, ..."),
    SYMBOLS_PER_CLIENT("symbolsPerClient", "BENCH_SYMBOLS_PER_CLIENT", "10", "symbols per client"),
    RATE("rate", "BENCH_RATE", "5000", "ticks pushed per second"),
    TICKS_PER_REQUEST("ticksPerRequest", "BENCH_TICKS_PER_REQUEST", "50", "ticks per request"),
    WARM_UP("warmup", "BENCH_WARMUP", "10", "warm-up seconds, not counted"),
    DURATION("duration", "BENCH_DURATION", "30", "measured seconds"),
    OUTPUT("output", "BENCH_OUTPUT", null, "JSON report (default simulations/target/bench/)");

    final String key;
    final String environmentVariable;
    final String defaultValue;
    final String meaning;

    Option(String key, String environmentVariable, String defaultValue, String meaning) {
      this.key = key;
      this.environmentVariable = environmentVariable;
      this.defaultValue = defaultValue;
      this.meaning = meaning;
    }
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the option that is missing or malformed
   */
  static FanoutSettings from(String[] args, Map<String, String> environment) {
    Map<String, String> arguments = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      arguments.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    Map<Option, String> values = new HashMap<>();
    for (Option option : Option.values()) {
      String value = arguments.remove(option.key);
      if (value == null) value = System.getProperty(option.key);
      if (value == null) value = environment.get(option.environmentVariable);
      if (value == null) value = option.defaultValue;
      if (value != null) values.put(option, value.trim());
    }
    if (!arguments.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option: --" + arguments.keySet().iterator().next());
    }
    if (values.get(Option.TOKEN) == null || values.get(Option.TOKEN).isEmpty()) {
      throw new IllegalArgumentException(
          "no ingest token: set PRICE_ENGINE_INGEST_TOKEN, -Dtoken= or --token=");
    }
    FanoutSettings settings =
        new FanoutSettings(
            URI.create(values.get(Option.BASE_URL).replaceAll("/+$", "")),
            values.get(Option.TOKEN),
            number(values, Option.CLIENTS, 100_000),
            number(values, Option.SYMBOLS, 1_000_000),
            number(values, Option.SYMBOLS_PER_CLIENT, 1000),
            number(values, Option.RATE, 1_000_000),
            number(values, Option.TICKS_PER_REQUEST, 1000),
            Duration.ofSeconds(number(values, Option.WARM_UP, 3600)),
            Duration.ofSeconds(number(values, Option.DURATION, 3600)),
            values.get(Option.OUTPUT) == null
                ? BenchReportPath.defaultFor("fanout.json")
                : Path.of(values.get(Option.OUTPUT)));
    if (settings.symbolsPerClient > settings.symbols
        || settings.ticksPerRequest > settings.symbols) {
      throw new IllegalArgumentException(
          "symbolsPerClient and ticksPerRequest must not exceed symbols");
    }
    return settings;
  }

  static String usage() {
    StringBuilder usage =
        new StringBuilder("usage: FanoutBenchmark [--name=value ...]  (or -Dname=value, or env)\n");
    for (Option option : Option.values()) {
      usage.append(
          String.format(
              Locale.ROOT,
              "  --%-18s %-26s %s%s%n",
              option.key,
              option.environmentVariable,
              option.meaning,
              option.defaultValue == null ? "" : " [" + option.defaultValue + "]"));
    }
    return usage.toString();
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

  private static int number(Map<Option, String> values, Option option, int max) {
    int value;
    try {
      value = Integer.parseInt(values.get(option));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option.key + " is not a whole number: " + values.get(option));
    }
    int min = option == Option.WARM_UP ? 0 : 1;
    if (value < min || value > max) {
      throw new IllegalArgumentException(option.key + " must be between " + min + " and " + max);
    }
    return value;
  }
}
