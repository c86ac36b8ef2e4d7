package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The replay provider as a load source (simulations/bench-replay.sh runs it around an engine):
 * {@code generate} writes the tick file, {@code measure} watches {@code GET /api/v1/providers}
 * while the engine replays it at speed {@code max} and reports the ticks accepted end to end per
 * second (accepted = persisted in the journal), from the first accepted tick to the last, and,
 * given the engine's pid, the CPU time the engine and its PostgreSQL spent per tick in that window.
 * Exit status 0 when every tick was accepted, 1 when the replay stalled, 2 for bad options.
 */
public final class ReplayBenchmark {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "file",
              null,
              BenchReportPath.defaultFor("replay-ticks.csv").toString(),
              "tick file to write or replay"),
          new Options.Option("ticks", "BENCH_TICKS", "1000000", "ticks in the file"),
          new Options.Option("symbols", "BENCH_SYMBOLS", "1000", "distinct symbols"),
          new Options.Option("seed", "BENCH_SEED", "42", "seed of the random price walk"),
          new Options.Option(
              "shape",
              "BENCH_SHAPE",
              ReplayTickFile.UNIFORM,
              "uniform (symbols in turn) or skewed (weight 1/rank)"),
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("enginePid", null, "0", "engine pid, for its CPU time (0: unknown)"),
          new Options.Option(
              "maxSeconds", null, "60", "measure at most this long after the first accepted tick"),
          new Options.Option(
              "adminToken",
              "BENCH_ADMIN_TOKEN",
              "",
              "admin token: also measure CPU up to the projection's catch-up"),
          Options.OUTPUT);

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(
          Options.parse("ReplayBenchmark generate|measure", OPTIONS, new String[0], Map.of())
              .usage());
      return;
    }
    Options options;
    try {
      if (args.length == 0 || !List.of("generate", "measure").contains(args[0])) {
        throw new IllegalArgumentException("first argument: generate or measure");
      }
      options =
          Options.parse(
              "ReplayBenchmark generate|measure",
              OPTIONS,
              Arrays.copyOfRange(args, 1, args.length),
              System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(
          Options.parse("ReplayBenchmark generate|measure", OPTIONS, new String[0], Map.of())
              .usage());
      System.exit(2);
      return;
    }
    int ticks = options.wholeNumber("ticks", 1, Integer.MAX_VALUE);
    if (args[0].equals("generate")) {
      Path file = Path.of(options.required("file"));
      ReplayTickFile.write(
          file,
          ticks,
          options.wholeNumber("symbols", 1, 1_000_000),
          options.wholeNumber("seed"),
          options.required("shape"));
      System.out.println(
          "wrote " + ticks + " ticks to " + file + " (" + Files.size(file) + " bytes)");
      return;
    }
    System.exit(
        measure(
            options.httpUrl("baseUrl"),
            options.wholeNumber("enginePid"),
            ticks,
            Duration.ofSeconds(options.wholeNumber("maxSeconds", 1, 86_400)),
            Objects.requireNonNullElse(options.text("adminToken"), ""),
            options.reportPath("output", "replay.json")));
  }

  /**
   * One look at the replay provider's counters, and the CPU seconds of the engine with its embedded
   * PostgreSQL and of the engine's JVM alone (-1: unknown).
   */
  private record Sample(
      long nanos, long ticks, long errors, double cpuSeconds, double jvmSeconds) {}

  /**
   * Follows the replay until every tick is in, it stalls, or {@code maxLength} has passed since the
   * first accepted tick (then the rate so far is the figure).
   */
  static int measure(
      URI baseUrl,
      long enginePid,
      long expected,
      Duration maxLength,
      String adminToken,
      Path output)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Sample first = null;
    Sample last = sample(client, baseUrl, enginePid);
    Sample progress = last;
    while (last.ticks() + last.errors() < expected) {
      Thread.sleep(POLL.toMillis());
      Sample now;
      try {
        now = sample(client, baseUrl, enginePid);
      } catch (IOException e) {
        // a saturated engine may not answer in time; the stall check below still applies
        System.err.println("no answer from the engine this time: " + e);
        if (System.nanoTime() - progress.nanos() > STALL.toNanos()) {
          throw e;
        }
        continue;
      }
      if (first == null && now.ticks() > 0) {
        first = last.ticks() == 0 ? last : now;
      }
      if (first != null && now.nanos() - first.nanos() >= maxLength.toNanos()) {
        System.err.println("measured for " + maxLength.toSeconds() + " s; stopping there");
        report(
            first, now, expected, cpuWhenProjected(client, baseUrl, adminToken, enginePid), output);
        return 0;
      }
      if (now.ticks() > progress.ticks()) {
        progress = now;
      } else if (now.nanos() - progress.nanos() > STALL.toNanos()) {
        System.err.println("replay stalled at " + now.ticks() + " accepted ticks of " + expected);
        report(first, now, expected, null, output);
        return 1;
      }
      last = now;
    }
    report(
        first == null ? last : first,
        last,
        expected,
        cpuWhenProjected(client, baseUrl, adminToken, enginePid),
        output);
    return last.ticks() == expected ? 0 : 1;
  }

  /**
   * The engine's CPU seconds once the projection has written every accepted tick (null without an
   * admin token or pid, or if it did not catch up within {@link #STALL}): the projection may trail
   * ingest, and its catch-up is part of the cost of a tick.
   */
  private static Double cpuWhenProjected(
      HttpClient client, URI baseUrl, String adminToken, long enginePid)
      throws IOException, InterruptedException {
    if (adminToken.isEmpty() || enginePid <= 0) {
      return null;
    }
    ProjectionWatch watch = new ProjectionWatch(client, baseUrl, adminToken);
    long giveUp = System.nanoTime() + STALL.toNanos();
    while (System.nanoTime() - giveUp < 0) {
      if (watch.read().map(reading -> reading.lagMillis() == 0).orElse(false)) {
        return ProcessTreeCpu.seconds(enginePid);
      }
      Thread.sleep(POLL.toMillis());
    }
    return null;
  }

  private static Sample sample(HttpClient client, URI baseUrl, long enginePid)
      throws IOException, InterruptedException {
    long at = System.nanoTime();
    Map<String, Object> replay = replayProvider(client, baseUrl);
    return new Sample(
        at,
        ((Number) replay.get("ticks")).longValue(),
        ((Number) replay.get("errors")).longValue(),
        enginePid > 0 ? ProcessTreeCpu.seconds(enginePid) : -1,
        enginePid > 0 ? ProcessTreeCpu.ownSeconds(enginePid) : -1);
  }

  /** The replay provider's entry of {@code GET /api/v1/providers} (ticks, errors, ...). */
  static Map<String, Object> replayProvider(HttpClient client, URI baseUrl)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/providers"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> providers =
        (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(body)).get("providers");
    for (Map<String, Object> provider : providers) {
      if ("replay".equals(provider.get("code"))) {
        return provider;
      }
    }
    throw new IllegalStateException("no replay provider in " + body);
  }

  private static void report(
      Sample first, Sample last, long expected, Double projectedCpuSeconds, Path output)
      throws IOException {
    double seconds = first == null ? 0 : (last.nanos() - first.nanos()) / 1e9;
    long measured = first == null ? 0 : last.ticks() - first.ticks();
    double perSecond = seconds > 0 ? measured / seconds : 0;
    boolean cpuKnown = first != null && first.cpuSeconds() >= 0 && measured > 0;
    double cpuMicrosPerTick =
        cpuKnown ? (last.cpuSeconds() - first.cpuSeconds()) * 1e6 / measured : 0;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "replay");
    report.put("expectedTicks", expected);
    report.put("acceptedTicks", last.ticks());
    report.put("errors", last.errors());
    report.put("measuredTicks", measured);
    report.put("seconds", Math.round(seconds * 100) / 100.0);
    report.put("acceptedTicksPerSecond", Math.round(perSecond));
    // Other processes on the machine (builds, tests) share the cores: say how busy it was.
    report.put("loadAverageAfter", Machine.loadAverage());
    double jvmMicrosPerTick =
        cpuKnown ? (last.jvmSeconds() - first.jvmSeconds()) * 1e6 / measured : 0;
    if (cpuKnown) {
      report.put("engineCpuMicrosPerTick", Math.round(cpuMicrosPerTick));
      report.put("jvmCpuMicrosPerTick", Math.round(jvmMicrosPerTick));
      report.put("databaseCpuMicrosPerTick", Math.round(cpuMicrosPerTick - jvmMicrosPerTick));
      report.put("cpuBoundTicksPerSecondOnTwoCores", Math.round(2e6 / cpuMicrosPerTick));
    }
    Double projectedCpuMicrosPerTick =
        cpuKnown && projectedCpuSeconds != null
            ? (projectedCpuSeconds - first.cpuSeconds()) * 1e6 / measured
            : null;
    if (projectedCpuMicrosPerTick != null) {
      report.put("engineCpuMicrosPerTickUntilProjected", Math.round(projectedCpuMicrosPerTick));
    }
    BenchReportPath.write(output, report);
    System.out.printf(
        Locale.ROOT,
        "replay benchmark%n  accepted     %,d of %,d ticks (%d errors)%n"
            + "  throughput   %,.0f ticks/s accepted end to end (%,d ticks in %.1f s)%n"
            + "  machine      load average %s at the end (the engine's own threads included)%n"
            + "  report       %s%n",
        last.ticks(),
        expected,
        last.errors(),
        perSecond,
        measured,
        seconds,
        Machine.loadAverage(),
        output);
    if (cpuKnown) {
      System.out.printf(
          Locale.ROOT,
          "  engine CPU   %.0f us per tick (JVM + PostgreSQL, projection included):"
              + " at most %,.0f ticks/s on 2 idle cores%n"
              + "    of which  %.0f us the JVM, %.0f us PostgreSQL%n",
          cpuMicrosPerTick,
          2e6 / cpuMicrosPerTick,
          jvmMicrosPerTick,
          cpuMicrosPerTick - jvmMicrosPerTick);
    }
    if (projectedCpuMicrosPerTick != null) {
      System.out.printf(
          Locale.ROOT,
          "  until projected %.0f us per tick (the same, up to the projection's catch-up)%n",
          projectedCpuMicrosPerTick);
    }
  }
}
