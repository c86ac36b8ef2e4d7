package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "file", BenchReportPath.defaultFor("replay-ticks.csv").toString(),
          "ticks", "1000000",
          "symbols", "1000",
          "seed", "42",
          "baseUrl", "http://127.0.0.1:8080",
          "enginePid", "0",
          "adminToken", "",
          "output", BenchReportPath.defaultFor("replay.json").toString());

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: ReplayBenchmark generate|measure [--file=] [--ticks=] [--symbols=] [--seed=]"
              + " [--baseUrl=] [--enginePid=] [--adminToken=] [--output=]  defaults: "
              + DEFAULTS);
      System.exit(2);
      return;
    }
    int ticks = Integer.parseInt(options.get("ticks"));
    if (args[0].equals("generate")) {
      Path file = Path.of(options.get("file"));
      ReplayTickFile.write(
          file,
          ticks,
          Integer.parseInt(options.get("symbols")),
          Long.parseLong(options.get("seed")));
      System.out.println(
          "wrote " + ticks + " ticks to " + file + " (" + Files.size(file) + " bytes)");
      return;
    }
    System.exit(
        measure(
            URI.create(options.get("baseUrl")),
            Long.parseLong(options.get("enginePid")),
            ticks,
            options.get("adminToken"),
            Path.of(options.get("output"))));
  }

  private static Map<String, String> options(String[] args) {
    if (args.length == 0 || !List.of("generate", "measure").contains(args[0])) {
      throw new IllegalArgumentException("first argument: generate or measure");
    }
    Map<String, String> options = new HashMap<>(DEFAULTS);
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0 || !DEFAULTS.containsKey(arg.substring(2, equals))) {
        throw new IllegalArgumentException("unknown option: " + arg);
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return options;
  }

  /** One look at the replay provider's counters, and the engine's CPU seconds (-1: unknown). */
  private record Sample(long nanos, long ticks, long errors, double cpuSeconds) {}

  static int measure(
      URI baseUrl, long enginePid, long expected, String adminToken, Path output)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Sample first = null;
    Sample last = sample(client, baseUrl, enginePid);
    Sample progress = last;
    while (last.ticks() + last.errors() < expected) {
      Thread.sleep(POLL.toMillis());
      Sample now = sample(client, baseUrl, enginePid);
      if (first == null && now.ticks() > 0) {
        first = last.ticks() == 0 ? last : now;
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
    Double projectedCpu =
        adminToken.isEmpty() || enginePid <= 0
            ? null
            : cpuSecondsWhenProjected(new ProjectionWatch(client, baseUrl, adminToken), enginePid);
    report(first == null ? last : first, last, expected, projectedCpu, output);
    return last.ticks() == expected ? 0 : 1;
  }

  /**
   * The engine's CPU seconds once the projection has written every accepted tick (null if it did
   * not within {@link #STALL}): the projection may trail ingest, and its catch-up is part of the
   * cost of a tick.
   */
  private static Double cpuSecondsWhenProjected(ProjectionWatch watch, long enginePid)
      throws IOException, InterruptedException {
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
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/providers"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    long at = System.nanoTime();
    String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> providers =
        (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(body)).get("providers");
    for (Map<String, Object> provider : providers) {
      if ("replay".equals(provider.get("code"))) {
        return new Sample(
            at,
            ((Number) provider.get("ticks")).longValue(),
            ((Number) provider.get("errors")).longValue(),
            enginePid > 0 ? ProcessTreeCpu.seconds(enginePid) : -1);
      }
    }
    throw new IllegalStateException("no replay provider in " + body);
  }

  /** The 1-minute load average at the end of the run, or null where /proc is missing. */
  private static Double loadAverage() {
    try {
      return Double.valueOf(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
    report.put("machineLoadAverage1m", loadAverage());
    if (cpuKnown) {
      report.put("engineCpuMicrosPerTick", Math.round(cpuMicrosPerTick));
      report.put("cpuBoundTicksPerSecondOnTwoCores", Math.round(2e6 / cpuMicrosPerTick));
    }
    Double projectedCpuMicrosPerTick =
        cpuKnown && projectedCpuSeconds != null
            ? (projectedCpuSeconds - first.cpuSeconds()) * 1e6 / measured
            : null;
    if (projectedCpuMicrosPerTick != null) {
      report.put("engineCpuMicrosPerTickUntilProjected", Math.round(projectedCpuMicrosPerTick));
    }
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, Json.write(report));
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
        loadAverage(),
        output);
    if (cpuKnown) {
      System.out.printf(
          Locale.ROOT,
          "  engine CPU   %.0f us per tick (JVM + PostgreSQL, projection included):"
              + " at most %,.0f ticks/s on 2 idle cores%n",
          cpuMicrosPerTick,
          2e6 / cpuMicrosPerTick);
    }
    if (projectedCpuMicrosPerTick != null) {
      System.out.printf(
          Locale.ROOT,
          "  until projected %.0f us per tick (the same, up to the projection's catch-up)%n",
          projectedCpuMicrosPerTick);
    }
  }
}
