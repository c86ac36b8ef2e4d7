package io.priceengine.simulations.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The quote-read section of the bench report: each target's figures and the ratios between. */
final class ReadReport {

  private ReadReport() {}

  static Map<String, Object> target(String urlPrefix, ReadLoad.Closed closed, ReadLoad.Open open) {
    Map<String, Object> closedFigures = new LinkedHashMap<>();
    closedFigures.put("requestsPerSecond", Math.round(closed.perSecond()));
    closedFigures.put("requests", closed.requests());
    closedFigures.put("errors", closed.errors());
    Map<String, Object> openFigures = new LinkedHashMap<>();
    openFigures.put("offeredPerSecond", open.offeredPerSecond());
    openFigures.put("achievedPerSecond", Math.round(open.achievedPerSecond()));
    openFigures.put("requests", open.sent());
    openFigures.put("notSent", open.notSent());
    openFigures.put("errors", open.errors());
    openFigures.put("latencyMillis", open.latency().toMap());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("url", urlPrefix + "{symbol}");
    target.put("closed", closedFigures);
    target.put("open", openFigures);
    return target;
  }

  static Map<String, Object> of(
      int symbols,
      int connections,
      int rate,
      Duration warmUp,
      Duration duration,
      Map<String, Object> targets) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "quote reads");
    report.put("symbols", symbols);
    report.put("closedConnections", connections);
    report.put("openOfferedPerSecond", rate);
    report.put("warmUpSeconds", warmUp.toSeconds());
    report.put("measuredSeconds", duration.toSeconds());
    report.put("targets", targets);
    long engine = closedPerSecond(targets, "engine");
    report.put("engineToConstantRatio", ratio(engine, closedPerSecond(targets, "constant")));
    report.put("engineToSqlRatio", ratio(engine, closedPerSecond(targets, "sql")));
    report.put("loadAverageAfter", Machine.loadAverage());
    return report;
  }

  static String text(Map<String, Object> report) {
    StringBuilder text = new StringBuilder("quote reads\n");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Map<String, Object>>> targets =
        (Map<String, Map<String, Map<String, Object>>>) report.get("targets");
    for (Map.Entry<String, Map<String, Map<String, Object>>> target : targets.entrySet()) {
      Map<String, Object> open = target.getValue().get("open");
      @SuppressWarnings("unchecked")
      Map<String, Object> latency = (Map<String, Object>) open.get("latencyMillis");
      text.append(
          String.format(
              Locale.ROOT,
              "  %-9s closed %,d req/s (%s errors); open %s req/s offered, %s achieved:"
                  + " p50 %s ms, p99 %s ms, p99.9 %s ms (%s errors)%n",
              target.getKey(),
              target.getValue().get("closed").get("requestsPerSecond"),
              target.getValue().get("closed").get("errors"),
              open.get("offeredPerSecond"),
              open.get("achievedPerSecond"),
              latency.get("p50"),
              latency.get("p99"),
              latency.get("p99.9"),
              open.get("errors")));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  ratios    engine/constant %s, engine/sql %s%n",
            report.get("engineToConstantRatio"),
            report.get("engineToSqlRatio")));
    return text.toString();
  }

  @SuppressWarnings("unchecked")
  private static long closedPerSecond(Map<String, Object> targets, String name) {
    Map<String, Object> target = (Map<String, Object>) targets.get(name);
    if (target == null) return 0;
    return ((Number) ((Map<String, Object>) target.get("closed")).get("requestsPerSecond"))
        .longValue();
  }

  static Double ratio(double numerator, double denominator) {
    return denominator == 0 ? null : Math.round(numerator / denominator * 100) / 100.0;
  }
}
