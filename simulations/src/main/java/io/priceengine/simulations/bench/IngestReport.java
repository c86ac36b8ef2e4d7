package io.priceengine.simulations.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one ingest run, as a human reads them on the console and as a JSON file; {@code
 * projection} is null when the run did not follow the projection.
 */
record IngestReport(
    IngestSettings settings,
    IngestTally tally,
    double measuredSeconds,
    ProjectionWatch.Result projection) {

  double acceptedTicksPerSecond() {
    return tally.acceptedTicks() / measuredSeconds;
  }

  double requestsPerSecond() {
    return tally.requests() / measuredSeconds;
  }

  String text() {
    LatencyRecorder.Summary latency = tally.latency();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Ingest benchmark: %s, %d symbols, %d requests in flight, %d ticks per request,"
                + " %d s warm-up, %.1f s measured%n",
            settings.baseUrl(),
            settings.symbols(),
            settings.concurrency(),
            settings.ticksPerRequest(),
            settings.warmUp().toSeconds(),
            measuredSeconds));
    line(
        text,
        "accepted",
        "%,.0f ticks/s (%,d ticks)",
        acceptedTicksPerSecond(),
        tally.acceptedTicks());
    line(text, "requests", "%,.1f /s (%,d requests)", requestsPerSecond(), tally.requests());
    if (latency.count() == 0) {
      line(text, "latency", "no 200 answers");
    } else {
      line(
          text,
          "latency",
          "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, mean %.3f ms (%,d acks)",
          latency.p50(),
          latency.p99(),
          latency.p999(),
          latency.max(),
          latency.mean(),
          latency.count());
    }
    line(text, "rejected", "%s", counts(tally.rejectedByCode()));
    line(text, "http errors", "%s", counts(tally.errorsByStatus()));
    tally.firstErrorBodies().forEach((status, body) -> line(text, "  first " + status, "%s", body));
    line(text, "transport", "%s", counts(tally.transportErrors()));
    if (projection != null) {
      line(
          text,
          "projection",
          "max lag %,d ms (sampled every %d s, %d samples), lag %,d ms when the load stopped",
          projection.maxLagMillis(),
          ProjectionWatch.SAMPLE_INTERVAL.toSeconds(),
          projection.samples(),
          projection.lagAtLoadEndMillis());
      line(
          text,
          "projected",
          projection.caughtUp()
              ? "%,.0f rows/s (%,d ticks), caught up %.1f s after the load stopped"
              : "did not catch up (%,.0f rows/s, %,d ticks, %.1f s)",
          projection.projectedTicksPerSecond(),
          projection.projectedTicks(),
          projection.catchUpSeconds());
    }
    return text.toString();
  }

  String json() {
    Map<String, Object> latencyMillis = tally.latency().toMap();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "ingest");
    report.put("baseUrl", settings.baseUrl().toString());
    report.put("symbols", settings.symbols());
    report.put("concurrency", settings.concurrency());
    report.put("ticksPerRequest", settings.ticksPerRequest());
    report.put("warmUpSeconds", settings.warmUp().toSeconds());
    report.put("measuredSeconds", round(measuredSeconds));
    report.put("acceptedTicks", tally.acceptedTicks());
    report.put("acceptedTicksPerSecond", round(acceptedTicksPerSecond()));
    report.put("rejectedTicks", tally.rejectedTicks());
    report.put("requests", tally.requests());
    report.put("requestsPerSecond", round(requestsPerSecond()));
    report.put("latencyMillis", latencyMillis);
    report.put("rejectedByCode", tally.rejectedByCode());
    report.put("errorsByStatus", tally.errorsByStatus());
    report.put("transportErrors", tally.transportErrors());
    if (projection != null) {
      Map<String, Object> projected = new LinkedHashMap<>();
      projected.put("maxLagMillis", projection.maxLagMillis());
      projected.put("lagAtLoadEndMillis", projection.lagAtLoadEndMillis());
      projected.put("caughtUp", projection.caughtUp());
      projected.put("catchUpSeconds", round(projection.catchUpSeconds()));
      projected.put("projectedTicks", projection.projectedTicks());
      projected.put("projectedTicksPerSecond", round(projection.projectedTicksPerSecond()));
      projected.put("lagSamples", projection.samples());
      report.put("projection", projected);
    }
    return Json.write(report);
  }

  void writeJson(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) Files.createDirectories(directory);
    Files.writeString(file, json());
  }

  static void line(StringBuilder text, String label, String format, Object... values) {
    text.append(String.format(Locale.ROOT, "  %-12s ", label))
        .append(String.format(Locale.ROOT, format, values))
        .append(System.lineSeparator());
  }

  static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) return "none";
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (key, count) ->
            text.append(text.length() == 0 ? "" : ", ").append(key).append(' ').append(count));
    return text.toString();
  }

  /** To one decimal; NaN (not measured) stays NaN and is written as null. */
  static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 10.0) / 10.0 : value;
  }
}
