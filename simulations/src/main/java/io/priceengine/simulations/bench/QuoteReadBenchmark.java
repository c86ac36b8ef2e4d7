package io.priceengine.simulations.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Quote reads beside their ceiling and their baseline, with one client (docs/benchmarks.md, section
 * 3): the engine's {@code GET /api/v1/market-data/prices/{symbol}}, the engine's constant route
 * {@code /bench/constant/{symbol}} (the HTTP stack with no work behind it; the engine must be
 * started by {@code bench.engine.BenchEngineMain}) and {@link SqlQuoteServer} reading the master
 * table. Each target gets a closed-model run (throughput) and an open-model run (latency at a fixed
 * offered rate).
 */
public final class QuoteReadBenchmark {

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          Options.JDBC_URL,
          Options.JDBC_USER,
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token (seeding)"),
          new Options.Option("symbols", "BENCH_SYMBOLS", "1000", "symbols read, B0000 ..."),
          new Options.Option("connections", "BENCH_CONNECTIONS", "64", "closed-model connections"),
          new Options.Option("rate", "BENCH_RATE", "10000", "open-model requests per second"),
          new Options.Option("warmup", "BENCH_WARMUP", "5", "warm-up seconds per run"),
          new Options.Option("duration", "BENCH_DURATION", "20", "measured seconds per run"),
          Options.OUTPUT);

  private QuoteReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("QuoteReadBenchmark", OPTIONS, args);
    String baseUrl = options.httpUrl("baseUrl").toString();
    int symbolCount = options.wholeNumber("symbols", 1, 1_000_000);
    int connections = options.wholeNumber("connections", 1, 4096);
    int rate = options.wholeNumber("rate", 1, 1_000_000);
    Duration warmUp = Duration.ofSeconds(options.wholeNumber("warmup", 0, 3600));
    Duration duration = Duration.ofSeconds(options.wholeNumber("duration", 1, 3600));
    Path output = options.reportPath("output", "reads.json");
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < symbolCount; i++) symbols.add(TickBatchSource.symbolName(i, symbolCount));

    ExecutorService executor = Executors.newFixedThreadPool(4, Machine.daemonThreads("read-http"));
    HttpClient client = LoadClient.http1(executor);
    Map<String, Object> targets = new LinkedHashMap<>();
    // every target must find every symbol: a quote in its entity and a row in the master table
    TickSeeder.seed(client, options.httpUrl("baseUrl"), options.required("token"), symbols);
    MasterRows.await(
        options.required("jdbcUrl"), options.required("user"), symbols, Duration.ofMinutes(5));
    try (SqlQuoteServer sql =
        SqlQuoteServer.start(options.required("jdbcUrl"), options.required("user"), connections)) {
      Map<String, String> prefixes = new LinkedHashMap<>();
      prefixes.put("engine", baseUrl + "/api/v1/market-data/prices/");
      prefixes.put("constant", baseUrl + "/bench/constant/");
      prefixes.put("sql", sql.baseUrl() + "/api/v1/market-data/prices/");
      for (Map.Entry<String, String> target : prefixes.entrySet()) {
        ReadLoad load = new ReadLoad(client, target.getValue(), symbols);
        System.err.println("reads: " + target.getKey() + " closed model");
        ReadLoad.Closed closed = load.closed(connections, warmUp, duration);
        System.err.println("reads: " + target.getKey() + " open model");
        ReadLoad.Open open = load.open(rate, warmUp, duration);
        targets.put(target.getKey(), ReadReport.target(target.getValue(), closed, open));
      }
    } finally {
      executor.shutdownNow();
    }
    Map<String, Object> report =
        ReadReport.of(symbolCount, connections, rate, warmUp, duration, targets);
    BenchReportPath.write(output, report);
    System.out.print(ReadReport.text(report));
    System.out.println("  report       " + output);
  }
}
