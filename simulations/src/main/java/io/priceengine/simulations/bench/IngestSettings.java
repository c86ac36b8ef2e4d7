package io.priceengine.simulations.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one ingest benchmark run does: where the engine is, how hard to push it and for how long;
 * {@code adminToken} null when the projection is not to be followed.
 * Each option is read from a {@code --name=value} argument, else a {@code -Dname=value} system
 * property, else an environment variable.
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

  /** One setting: its argument/property name, its environment variable and its default. */
  enum Option {
    BASE_URL("baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
    TOKEN("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token (required)"),
    SYMBOLS("symbols", "BENCH_SYMBOLS", "1000", "distinct symbols, named B0000, B0001, ..."),
    DURATION("duration", "BENCH_DURATION", "30", "measured seconds"),
    WARM_UP("warmup", "BENCH_WARMUP", "5", "warm-up seconds, not counted"),
    CONCURRENCY("concurrency", "BENCH_CONCURRENCY", "32", "requests in flight"),
    TICKS_PER_REQUEST("ticksPerRequest", "BENCH_TICKS_PER_REQUEST", "100", "ticks per request"),
    SEED("seed", "BENCH_SEED", "42", "seed of the random price walk"),
    OUTPUT("output", "BENCH_OUTPUT", null, "JSON report (default simulations/target/bench/)"),
    ADMIN_TOKEN(
        "adminToken",
        "PRICE_ENGINE_ADMIN_TOKEN",
        null,
        "admin token: with it the run also follows the projection lag");

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
  static IngestSettings from(String[] args, Map<String, String> environment) {
    Map<String, String> arguments = parseArguments(args);
    Map<Option, String> values = new HashMap<>();
    for (Option option : Option.values()) {
      String value = arguments.get(option.key);
      if (value == null) value = System.getProperty(option.key);
      if (value == null) value = environment.get(option.environmentVariable);
      if (value == null) value = option.defaultValue;
      if (value != null) values.put(option, value.trim());
    }
    String token = values.get(Option.TOKEN);
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException(
          "no ingest token: set PRICE_ENGINE_INGEST_TOKEN, -Dtoken= or --token=");
    }
    String output = values.get(Option.OUTPUT);
    IngestSettings settings =
        new IngestSettings(
            baseUrl(values.get(Option.BASE_URL)),
            token,
            positive(values, Option.SYMBOLS, MAX_SYMBOLS),
            Duration.ofSeconds(atLeastZero(values, Option.WARM_UP)),
            Duration.ofSeconds(positive(values, Option.DURATION, Integer.MAX_VALUE)),
            positive(values, Option.CONCURRENCY, 10_000),
            positive(values, Option.TICKS_PER_REQUEST, MAX_TICKS_PER_REQUEST),
            parseLong(values, Option.SEED),
            output == null ? BenchReportPath.defaultFor("ingest.json") : Path.of(output),
            values.get(Option.ADMIN_TOKEN) == null || values.get(Option.ADMIN_TOKEN).isEmpty()
                ? null
                : values.get(Option.ADMIN_TOKEN));
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
    StringBuilder usage =
        new StringBuilder("usage: IngestBenchmark [--name=value ...]  (or -Dname=value, or env)\n");
    for (Option option : Option.values()) {
      usage.append(
          String.format(
              Locale.ROOT,
              "  --%-16s %-26s %s%s%n",
              option.key,
              option.environmentVariable,
              option.meaning,
              option.defaultValue == null ? "" : " [" + option.defaultValue + "]"));
    }
    return usage.toString();
  }

  private static Map<String, String> parseArguments(String[] args) {
    Map<String, String> arguments = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      String key = arg.substring(2, equals);
      boolean known = false;
      for (Option option : Option.values()) known |= option.key.equals(key);
      if (!known) throw new IllegalArgumentException("unknown option: --" + key);
      arguments.put(key, arg.substring(equals + 1));
    }
    return arguments;
  }

  private static URI baseUrl(String value) {
    String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    URI uri = URI.create(trimmed);
    if (uri.getHost() == null || !uri.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("baseUrl must be http(s)://host[:port], got: " + value);
    }
    return uri;
  }

  private static int positive(Map<Option, String> values, Option option, int max) {
    long value = parseLong(values, option);
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(option.key + " must be between 1 and " + max);
    }
    return (int) value;
  }

  private static long atLeastZero(Map<Option, String> values, Option option) {
    long value = parseLong(values, option);
    if (value < 0) throw new IllegalArgumentException(option.key + " must not be negative");
    return value;
  }

  private static long parseLong(Map<Option, String> values, Option option) {
    try {
      return Long.parseLong(values.get(option));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option.key + " is not a whole number: " + values.get(option));
    }
  }
}
