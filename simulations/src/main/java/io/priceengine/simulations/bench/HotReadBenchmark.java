package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Quote reads of the hottest symbols while a skewed replay hammers them, beside the same reads of
 * the same engine once it is idle (docs/benchmarks.md, "Hot reads"). {@code during} reads the top
 * {@code hot} symbols of the skewed replay file (R0000 ...: weight 1/rank) and as many cold ones
 * (from the middle of the ranking) at a fixed rate, open model; {@code idle}, run after the replay,
 * reads the same symbols the same way and reports the ratios of the p99s.
 */
public final class HotReadBenchmark {
  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("symbols", "BENCH_SYMBOLS", "1000", "symbols of the replay file"),
          new Options.Option("hot", null, "10", "hottest symbols read (and as many cold ones)"),
          new Options.Option("rate", "BENCH_RATE", "200", "requests per second to each group"),
          new Options.Option("duration", "BENCH_DURATION", "20", "measured seconds"),
          new Options.Option("phase", null, "during", "during (the replay) or idle (after it)"),
          new Options.Option(
              "warmup", "BENCH_WARMUP", "3", "warm-up seconds (same load, not measured)"),
          new Options.Option(
              "afterTicks",
              null,
              "50000",
              "during: start once the replay provider has accepted this many ticks"),
          Options.OUTPUT);

  private HotReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("HotReadBenchmark", OPTIONS, args);
    String phase = options.required("phase");
    if (!phase.equals("during") && !phase.equals("idle")) {
      System.err.println("phase: during or idle");
      System.exit(2);
    }
    int symbols = options.wholeNumber("symbols", 2, 1_000_000);
    int hot = options.wholeNumber("hot", 1, symbols / 2);
    int rate = options.wholeNumber("rate", 1, 100_000);
    Duration duration = Duration.ofSeconds(options.wholeNumber("duration", 1, 3600));
    Path output = options.reportPath("output", "hot-reads-" + phase + ".json");
    String prefix = options.httpUrl("baseUrl") + "/api/v1/market-data/prices/";
    List<String> hotSymbols = new ArrayList<>();
    List<String> coldSymbols = new ArrayList<>();
    for (int i = 0; i < hot; i++) {
      hotSymbols.add(String.format(Locale.ROOT, "R%04d", i));
      coldSymbols.add(String.format(Locale.ROOT, "R%04d", symbols / 2 + i));
    }

    ExecutorService executor = Executors.newFixedThreadPool(2, Machine.daemonThreads("hot-read"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "hot-reads");
    report.put("phase", phase);
    report.put("ratePerGroup", rate);
    report.put("seconds", duration.toSeconds());
    Duration warmUp = Duration.ofSeconds(options.wholeNumber("warmup", 0, 600));
    try {
      HttpClient client = LoadClient.http1(executor);
      if (phase.equals("during")) {
        // past the engine's start (entities recovering, code not yet compiled): its steady state
        awaitReplayTicks(
            client,
            options.httpUrl("baseUrl"),
            options.wholeNumber("afterTicks", 0, Integer.MAX_VALUE));
      }
      // both groups at once, so each sees the same engine
      ReadLoad hotLoad = new ReadLoad(client, prefix, hotSymbols);
      ReadLoad coldLoad = new ReadLoad(client, prefix, coldSymbols);
      ReadLoad.Open[] cold = new ReadLoad.Open[1];
      Thread coldThread =
          Machine.daemonThreads("cold-read")
              .newThread(
                  () -> {
                    try {
                      cold[0] = coldLoad.open(rate, warmUp, duration);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      coldThread.start();
      ReadLoad.Open hotResult = hotLoad.open(rate, warmUp, duration);
      coldThread.join();
      report.put("hot", group(hotSymbols, hotResult));
      report.put("cold", group(coldSymbols, cold[0]));
    } finally {
      executor.shutdownNow();
    }
    report.put("loadAverageAfter", Machine.loadAverage());
    if (phase.equals("idle")) {
      Path during = output.resolveSibling("hot-reads-during.json");
      if (Files.exists(during)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> busy = (Map<String, Object>) Json.parse(Files.readString(during));
        report.put("hotP99DuringOverIdle", ratio(busy, report, "hot"));
        report.put("coldP99DuringOverIdle", ratio(busy, report, "cold"));
      }
    }
    BenchReportPath.write(output, report);
    System.out.println("hot reads (" + phase + "): " + report);
  }

  /** Waits (at most five minutes) until the replay provider has accepted {@code ticks}. */
  private static void awaitReplayTicks(HttpClient client, URI baseUrl, long ticks)
      throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < giveUp) {
      try {
        Map<String, Object> replay = ReplayBenchmark.replayProvider(client, baseUrl);
        if (((Number) replay.get("ticks")).longValue() >= ticks) {
          return;
        }
      } catch (IOException e) {
        // a busy engine: ask again
      }
      Thread.sleep(200);
    }
  }

  private static Map<String, Object> group(List<String> symbols, ReadLoad.Open open) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("symbols", symbols);
    group.put("sent", open.sent());
    group.put("notSent", open.notSent());
    group.put("errors", open.errors());
    group.put("latencyMillis", open.latency().toMap());
    return group;
  }

  @SuppressWarnings("unchecked")
  private static Double ratio(Map<String, Object> during, Map<String, Object> idle, String group) {
    double busy = p99((Map<String, Object>) during.get(group));
    double calm = p99((Map<String, Object>) idle.get(group));
    return calm > 0 ? Math.round(busy / calm * 100) / 100.0 : null;
  }

  @SuppressWarnings("unchecked")
  private static double p99(Map<String, Object> group) {
    return ((Number) ((Map<String, Object>) group.get("latencyMillis")).get("p99")).doubleValue();
  }
}
