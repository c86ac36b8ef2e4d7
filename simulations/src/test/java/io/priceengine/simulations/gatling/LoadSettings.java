package io.priceengine.simulations.gatling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulation runs against and how hard: each value from a {@code -Dname=value} system
 * property, else an environment variable, else a default, so that a user can point a simulation at
 * a deployment and use it as a gate ({@code mvn -pl simulations gatling:test
 * -Dgatling.simulationClass=... -DbaseUrl=... -Dp99Millis=...}).
 *
 * @param symbols the symbols read, pushed or subscribed to: {@code -Dsymbols=AAPL,MSFT}, else
 *     {@code -DsymbolCount=N} names B0000, B0001, ... (the bench's symbols)
 * @param token the ingest token; when set, the simulations seed one tick per symbol first so that
 *     every symbol has a quote
 */
record LoadSettings(
    String baseUrl,
    String token,
    List<String> symbols,
    int users,
    double rate,
    int batchSize,
    Duration ramp,
    Duration duration,
    int p99Millis) {

  static LoadSettings load() {
    return from(Map.copyOf(System.getenv()));
  }

  static LoadSettings from(Map<String, String> environment) {
    String baseUrl = value("baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", environment);
    String explicit = value("symbols", "BENCH_SYMBOL_LIST", "", environment);
    int symbolCount = Integer.parseInt(value("symbolCount", "BENCH_SYMBOLS", "100", environment));
    return new LoadSettings(
        baseUrl.replaceAll("/+$", ""),
        value("token", "PRICE_ENGINE_INGEST_TOKEN", "", environment),
        explicit.isBlank() ? generated(symbolCount) : parsed(explicit),
        Integer.parseInt(value("users", "BENCH_USERS", "100", environment)),
        Double.parseDouble(value("rate", "BENCH_RATE", "200", environment)),
        Integer.parseInt(value("batchSize", "BENCH_BATCH_SIZE", "100", environment)),
        Duration.ofSeconds(Long.parseLong(value("rampSeconds", "BENCH_RAMP", "10", environment))),
        Duration.ofSeconds(Long.parseLong(value("duration", "BENCH_DURATION", "30", environment))),
        Integer.parseInt(value("p99Millis", "BENCH_P99_MILLIS", "100", environment)));
  }

  String webSocketUrl() {
    return baseUrl.replaceFirst("^http", "ws");
  }

  boolean canIngest() {
    return !token.isBlank();
  }

  private static String value(
      String property, String variable, String defaultValue, Map<String, String> environment) {
    String value = System.getProperty(property);
    if (value == null) value = environment.get(variable);
    return value == null ? defaultValue : value.trim();
  }

  private static List<String> generated(int count) {
    List<String> symbols = new ArrayList<>();
    int digits = Math.max(4, String.valueOf(count - 1).length());
    for (int i = 0; i < count; i++) {
      symbols.add(String.format(Locale.ROOT, "B%0" + digits + "d", i));
    }
    return symbols;
  }

  private static List<String> parsed(String list) {
    return Arrays.stream(list.split(","))
        .map(s -> s.trim().toUpperCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
