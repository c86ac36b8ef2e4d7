package io.priceengine.simulations.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the bench report's table: a measurement, its parameters, its figure, its target and
 * whether the figure meets it ("yes", "no", or "—" where there is no target or no figure).
 */
record ReportRow(String measurement, String parameters, String figure, String target, String met) {

  private static final String NONE = "—";

  /** The table of a run from its sections (a section that did not run is null). */
  static List<ReportRow> rows(Map<String, Object> sections) {
    List<ReportRow> rows = new ArrayList<>();
    Object ingest = sections.get("ingest");
    Object baseline = sections.get("baseline-write");
    Double ingestRate = number(ingest, "acceptedTicksPerSecond");
    Double baselineRate = number(baseline, "ticksPerSecond");
    rows.add(
        row(
            ingest,
            "Durable ingest over HTTP",
            format(
                "%s symbols, %s requests × %s ticks in flight, %s s after %s s warm-up",
                ingest,
                "symbols",
                "concurrency",
                "ticksPerRequest",
                "measuredSeconds",
                "warmUpSeconds"),
            ingestRate == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "**%,.0f ticks/s** acknowledged; ack p99 %s ms; projection lag %s ms at the"
                        + " end of the load, caught up %s s later",
                    ingestRate,
                    text(ingest, "latencyMillis.p99"),
                    text(ingest, "projection.lagAtLoadEndMillis"),
                    text(ingest, "projection.catchUpSeconds")),
            NONE,
            null));
    rows.addAll(OverloadRows.rows(sections.get("overload")));
    rows.add(replayRow(sections.get("replay"), "uniform: the symbols in turn", 12_000));
    rows.add(
        replayRow(
            sections.get("replay-skewed"),
            "skewed: weight 1/rank, top 10 ≈ 39 % of ticks",
            25_000));
    rows.add(hotReadsRow(sections.get("hot-reads-during"), sections.get("hot-reads-idle")));
    Double ratio = ReadReport.ratio(orZero(ingestRate), orZero(baselineRate));
    rows.add(
        row(
            baseline,
            "Single-write baseline (one JDBC transaction per tick: history insert + master"
                + " update), same PostgreSQL",
            format(
                "%s symbols, %s connections, %s s, full speed",
                baseline, "symbols", "concurrency", "measuredSeconds"),
            baselineRate == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "**%,.0f ticks/s**; engine (HTTP) / baseline = **%s×**",
                    baselineRate,
                    ratio),
            "engine ≥ 6× baseline",
            ratio == null || ingestRate == null ? null : ratio >= 6));
    Object floor = sections.get("database-floor");
    rows.add(
        row(
            floor,
            "Database floor: PostgreSQL CPU for the rows of one durable tick, engine excluded",
            format(
                "%s ticks, %s per transaction, %s symbols; server-generated rows, one connection",
                floor, "ticks", "ticksPerTransaction", "symbols"),
            floor == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "**%.0f µs per tick**: at most %,.0f ticks/s on %s cores with an engine costing"
                        + " nothing",
                    number(floor, "databaseCpuMicrosPerTick"),
                    number(floor, "ceilingTicksPerSecond"),
                    text(floor, "cores")),
            NONE,
            null));
    rows.addAll(readRows(sections.get("reads")));
    Object fanout = sections.get("fanout");
    Double fanoutP99 = number(fanout, "latencyMillis.p99");
    rows.add(
        row(
            fanout,
            "Fan-out, tick to WebSocket client",
            format(
                "%s clients × %s of %s symbols, %s ticks/s pushed, %s s",
                fanout, "clients", "symbolsPerClient", "symbols", "rate", "measuredSeconds"),
            fanoutP99 == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "p50 %s ms, **p99 %s ms**, p99.9 %s ms; %s lost, %s conflated; %s ticks/s"
                        + " accepted",
                    text(fanout, "latencyMillis.p50"),
                    text(fanout, "latencyMillis.p99"),
                    text(fanout, "latencyMillis.p99.9"),
                    text(fanout, "updates.lost"),
                    text(fanout, "updates.skipped"),
                    text(fanout, "acceptedTicksPerSecond")),
            "p99 ≤ 10 ms",
            fanoutP99 == null ? null : fanoutP99 <= 10));
    rows.add(footprintRow(sections.get("footprint-entities"), "Heap per active symbol entity", 2));
    rows.add(
        footprintRow(
            sections.get("footprint-connections"), "Heap per idle WebSocket connection", 20));
    Object recovery = sections.get("recovery");
    Double allQuotes = number(recovery, "allQuotesSeconds");
    rows.add(
        row(
            recovery,
            "Recovery after restart",
            format("%s symbols, from process launch", recovery, "symbols"),
            allQuotes == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "ready after %s s, **all quotes answer after %s s**",
                    text(recovery, "readySeconds"),
                    text(recovery, "allQuotesSeconds")),
            "≤ 10 s",
            allQuotes == null ? null : allQuotes <= 10));
    return rows;
  }

  static List<Map<String, Object>> toJson(List<ReportRow> rows) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (ReportRow row : rows) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("measurement", row.measurement());
      line.put("parameters", row.parameters());
      line.put("figure", row.figure());
      line.put("target", row.target());
      line.put("met", row.met());
      json.add(line);
    }
    return json;
  }

  private static List<ReportRow> readRows(Object reads) {
    String parameters =
        format(
            "%s symbols; closed: %s connections; open: %s req/s offered; %s s each",
            reads, "symbols", "closedConnections", "openOfferedPerSecond", "measuredSeconds");
    Double engine = number(reads, "targets.engine.closed.requestsPerSecond");
    Double toConstant = number(reads, "engineToConstantRatio");
    Double toSql = number(reads, "engineToSqlRatio");
    Double p99 = number(reads, "targets.engine.open.latencyMillis.p99");
    List<ReportRow> rows = new ArrayList<>();
    rows.add(
        row(
            reads,
            "GET quote throughput (closed model) vs stack ceiling and SQL baseline",
            parameters,
            engine == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "engine **%,.0f req/s**; constant route %s req/s; SQL baseline %s req/s;"
                        + " engine/constant **%s**, engine/SQL **%s×**",
                    engine,
                    text(reads, "targets.constant.closed.requestsPerSecond"),
                    text(reads, "targets.sql.closed.requestsPerSecond"),
                    toConstant,
                    toSql),
            "≥ 0.8 of constant, ≥ 1.5× SQL",
            toConstant == null || toSql == null ? null : toConstant >= 0.8 && toSql >= 1.5));
    rows.add(
        row(
            reads,
            "GET quote latency (open model)",
            parameters,
            p99 == null
                ? null
                : String.format(
                    Locale.ROOT,
                    "engine p50 %s, **p99 %s**, p99.9 %s ms (%s req/s achieved, %s due requests"
                        + " not sent); constant p99 %s ms; SQL p99 %s ms",
                    text(reads, "targets.engine.open.latencyMillis.p50"),
                    text(reads, "targets.engine.open.latencyMillis.p99"),
                    text(reads, "targets.engine.open.latencyMillis.p99.9"),
                    text(reads, "targets.engine.open.achievedPerSecond"),
                    text(reads, "targets.engine.open.notSent"),
                    text(reads, "targets.constant.open.latencyMillis.p99"),
                    text(reads, "targets.sql.open.latencyMillis.p99")),
            "p99 ≤ 5 ms at 10,000 req/s",
            p99 == null ? null : p99 <= 5));
    return rows;
  }

  private static ReportRow replayRow(Object replay, String shape, int targetPerSecond) {
    Double rate = number(replay, "acceptedTicksPerSecond");
    Double cpu = number(replay, "engineCpuMicrosPerTick");
    boolean uniform = targetPerSecond < 20_000;
    return row(
        replay,
        "Durable ingest via the replay provider, " + shape,
        format(
            "tick file of %s ticks over 1,000 symbols, speed max, %s s measured from the"
                + " first accepted tick",
            replay, "expectedTicks", "seconds"),
        rate == null
            ? null
            : String.format(
                Locale.ROOT,
                "**%,.0f ticks/s** accepted end to end; CPU per tick %s µs (JVM %s µs,"
                    + " PostgreSQL %s µs)",
                rate,
                text(replay, "engineCpuMicrosPerTick"),
                text(replay, "jvmCpuMicrosPerTick"),
                text(replay, "databaseCpuMicrosPerTick")),
        String.format(Locale.ROOT, "≥ %,d ticks/s", targetPerSecond)
            + (uniform ? "; ≤ 160 µs CPU per tick" : ""),
        rate == null ? null : rate >= targetPerSecond && (!uniform || (cpu != null && cpu <= 160)));
  }

  private static ReportRow hotReadsRow(Object during, Object idle) {
    Double ratio = number(idle, "hotP99DuringOverIdle");
    return row(
        during == null ? null : idle,
        "GET of the 10 hottest symbols during the skewed replay, vs the same engine idle",
        format(
            "%s req/s to the hot and %s req/s to 10 cold symbols, %s s each, open model",
            during, "ratePerGroup", "ratePerGroup", "seconds"),
        ratio == null
            ? null
            : String.format(
                Locale.ROOT,
                "hot p50 %s / **p99 %s ms** during (cold p99 %s ms); idle p99 %s ms: **%s×**",
                text(during, "hot.latencyMillis.p50"),
                text(during, "hot.latencyMillis.p99"),
                text(during, "cold.latencyMillis.p99"),
                text(idle, "hot.latencyMillis.p99"),
                ratio),
        "p99 ≤ 3× idle",
        ratio == null ? null : ratio <= 3);
  }

  private static ReportRow footprintRow(Object section, String measurement, double targetKib) {
    Double kib = number(section, "kibPerItem");
    return row(
        section,
        measurement,
        format("%s items; live heap by jcmd GC.class_histogram before/after", section, "count"),
        kib == null ? null : String.format(Locale.ROOT, "**%.2f KiB**", kib),
        String.format(Locale.ROOT, "≤ %.0f KiB", targetKib),
        kib == null ? null : kib <= targetKib);
  }

  static ReportRow row(
      Object section,
      String measurement,
      String parameters,
      String figure,
      String target,
      Boolean met) {
    if (section == null) return new ReportRow(measurement, NONE, "not run", target, NONE);
    return new ReportRow(
        measurement,
        parameters,
        figure == null ? "no figure" : figure,
        target,
        met == null ? NONE : met ? "yes" : "**no**");
  }

  /** {@code pattern} with each {@code %s} replaced by the value at the next path. */
  static String format(String pattern, Object section, String... paths) {
    Object[] values = new Object[paths.length];
    for (int i = 0; i < paths.length; i++) values[i] = text(section, paths[i]);
    return String.format(Locale.ROOT, pattern, values);
  }

  /** The value at a dotted path ("a.b.c"; a key may itself hold a dot, e.g. "p99.9"). */
  static Object value(Object section, String path) {
    if (section == null) return null;
    if (!(section instanceof Map<?, ?> map)) return null;
    if (map.containsKey(path)) return map.get(path);
    int dot = path.indexOf('.');
    while (dot > 0) {
      Object inner = map.get(path.substring(0, dot));
      if (inner != null) {
        Object found = value(inner, path.substring(dot + 1));
        if (found != null) return found;
      }
      dot = path.indexOf('.', dot + 1);
    }
    return null;
  }

  private static String text(Object section, String path) {
    Object value = value(section, path);
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.format(Locale.ROOT, "%,d", (long) d)
          : String.format(Locale.ROOT, "%,.2f", d);
    }
    return value == null ? "?" : value.toString();
  }

  static Double number(Object section, String path) {
    return value(section, path) instanceof Number number ? number.doubleValue() : null;
  }

  static Boolean flag(Object section, String path) {
    return value(section, path) instanceof Boolean flag ? flag : null;
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
