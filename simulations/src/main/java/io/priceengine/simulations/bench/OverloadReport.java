package io.priceengine.simulations.bench;

import static io.priceengine.simulations.bench.IngestReport.counts;
import static io.priceengine.simulations.bench.IngestReport.line;
import static io.priceengine.simulations.bench.IngestReport.round;

import io.priceengine.simulations.bench.OverloadTally.Answer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one overload run beside issue 17's targets, as a human reads them on the console
 * and as a JSON file; {@code check} is null when the run was not checked against the database and
 * {@code projection} when it did not wait for the projection.
 */
record OverloadReport(
    OverloadSettings settings,
    IngestCapacity capacity,
    int ticksPerRequest,
    OverloadTally tally,
    Map<TickLedger.Outcome, Long> outcomes,
    OverloadCheck check,
    ProjectionWatch.Result projection) {

  static final double ACKNOWLEDGED_SHARE_TARGET = 0.8;
  static final double ACK_P99_TARGET_MILLIS = 1000;
  static final long OVERLOADED_TARGET_MILLIS = 50;

  /** The lowest acknowledged rate is taken over this many consecutive seconds. */
  static final int LOWEST_SPAN_SECONDS = 5;

  double seconds() {
    return settings.duration().toNanos() / 1e9;
  }

  double offeredTicksPerSecond() {
    return settings.factor() * capacity.ticksPerSecond();
  }

  double acknowledgedTicksPerSecond() {
    return tally.acceptedInWindow() / seconds();
  }

  double acknowledgedShare() {
    return acknowledgedTicksPerSecond() / capacity.ticksPerSecond();
  }

  /** Requests answered neither 200 nor a refusal: 503 unavailable, another status, no answer. */
  long refusedOtherwise() {
    return tally.answers(Answer.UNAVAILABLE) + tally.answers(Answer.OTHER);
  }

  /** Ticks a 200 listed as {@code unavailable}: taken, but not known to be persisted. */
  long unavailableTicks() {
    return tally.rejectedByCode().getOrDefault("unavailable", 0L);
  }

  boolean acknowledgedMet() {
    return acknowledgedShare() >= ACKNOWLEDGED_SHARE_TARGET;
  }

  boolean ackLatencyMet() {
    LatencyRecorder.Summary latency = tally.acknowledgedLatency();
    return latency.count() > 0 && latency.p99() <= ACK_P99_TARGET_MILLIS;
  }

  /** Every refusal was an {@code overloaded} answered within the target (none at all counts). */
  boolean refusalsMet() {
    return refusedOtherwise() == 0
        && unavailableTicks() == 0
        && tally.overloadedSlowerThan(OVERLOADED_TARGET_MILLIS) == 0;
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Overload benchmark: %s, %d symbols, %d ticks per request, %.2f × capacity for %.0f s,"
                + " at most %d requests unanswered%n",
            settings.baseUrl(),
            settings.symbols(),
            ticksPerRequest,
            settings.factor(),
            seconds(),
            settings.maxOutstanding()));
    line(text, "capacity", "%,.0f ticks/s, %s", capacity.ticksPerSecond(), capacity.source());
    line(
        text,
        "offered",
        "%,.0f ticks/s due, %,.0f sent (%,d requests sent, %,d not offered); send lag p99 %.3f ms,"
            + " max %.3f ms",
        offeredTicksPerSecond(),
        tally.sentTicks() / seconds(),
        tally.sentRequests(),
        tally.notOfferedRequests(),
        tally.sendLag().p99(),
        tally.sendLag().max());
    line(
        text,
        "acknowledged",
        "%,.0f ticks/s = %.0f %% of capacity (target ≥ %.0f %%: %s); lowest %d s after the first %d:"
            + " %,.0f ticks/s",
        acknowledgedTicksPerSecond(),
        100 * acknowledgedShare(),
        100 * ACKNOWLEDGED_SHARE_TARGET,
        met(acknowledgedMet()),
        LOWEST_SPAN_SECONDS,
        OverloadTally.RAMP_SECONDS,
        tally.lowestRate(LOWEST_SPAN_SECONDS));
    LatencyRecorder.Summary ack = tally.acknowledgedLatency();
    line(
        text,
        "ack latency",
        "p50 %.3f ms, p99 %.3f ms, max %.3f ms over %,d answers 200 (target p99 ≤ %.0f ms: %s)",
        ack.p50(),
        ack.p99(),
        ack.max(),
        ack.count(),
        ACK_P99_TARGET_MILLIS,
        met(ackLatencyMet()));
    LatencyRecorder.Summary overloaded = tally.overloadedLatency();
    line(
        text,
        "overloaded",
        "%,d requests; answered p50 %.3f ms, p99 %.3f ms, max %.3f ms, %,d over %d ms",
        overloaded.count(),
        overloaded.p50(),
        overloaded.p99(),
        overloaded.max(),
        tally.overloadedSlowerThan(OVERLOADED_TARGET_MILLIS),
        OVERLOADED_TARGET_MILLIS);
    line(
        text,
        "refused else",
        "%,d requests 503 unavailable, %,d ticks unavailable in 200s, other answers: %s"
            + " (target: every refusal overloaded within %d ms: %s)",
        tally.answers(Answer.UNAVAILABLE),
        unavailableTicks(),
        counts(tally.otherAnswers()),
        OVERLOADED_TARGET_MILLIS,
        met(refusalsMet()));
    tally.firstOtherBodies().forEach((kind, body) -> line(text, "  first " + kind, "%s", body));
    line(text, "rate limited", "%,d requests (429)", tally.answers(Answer.RATE_LIMITED));
    line(text, "rejected", "%s", counts(tally.rejectedByCode()));
    line(
        text,
        "retries",
        "%,d ticks in %,d requests after the window; %,d ticks still of unknown fate",
        tally.retriedTicks(),
        tally.retryRequests(),
        outcomes.get(TickLedger.Outcome.UNKNOWN) + outcomes.get(TickLedger.Outcome.SENT));
    line(text, "final tally", "%s", counts(outcomeCounts()));
    if (projection != null) {
      line(
          text,
          "projection",
          projection.caughtUp()
              ? "max lag %,d ms, caught up %.1f s after the retries"
              : "max lag %,d ms, did not catch up (%.1f s)",
          projection.maxLagMillis(),
          projection.catchUpSeconds());
    }
    if (check == null) {
      line(text, "check", "not run (no --jdbcUrl)");
    } else {
      line(
          text,
          "check",
          "%,d accepted: %,d lost, %,d doubled; refused with a row %,d, rejected with a row %,d;"
              + " %,d rows of the run (%,d of ticks of unknown fate, %,d unexpected)",
          check.accepted(),
          check.lost(),
          check.doubled(),
          check.refusedPersisted(),
          check.rejectedPersisted(),
          check.historyRowsOfRun(),
          check.unresolvedPersisted(),
          check.unexpectedRows());
      line(
          text,
          "stores",
          "%,d ticks in the journals, %,d history rows, %,d symbols where they disagree (%s)",
          check.journalTicks(),
          check.historyRows(),
          check.inconsistentSymbols(),
          met(check.clean()));
    }
    return text.toString();
  }

  Map<String, Object> json() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "overload");
    report.put("baseUrl", settings.baseUrl().toString());
    report.put("symbols", settings.symbols());
    report.put("ticksPerRequest", ticksPerRequest);
    report.put("factor", settings.factor());
    report.put("measuredSeconds", round(seconds()));
    report.put("maxOutstanding", settings.maxOutstanding());
    report.put("capacityTicksPerSecond", Math.round(capacity.ticksPerSecond()));
    report.put("capacitySource", capacity.source());
    report.put("offeredTicksPerSecond", Math.round(offeredTicksPerSecond()));
    report.put("sentTicksPerSecond", round(tally.sentTicks() / seconds()));
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("sent", tally.sentRequests());
    requests.put("notOffered", tally.notOfferedRequests());
    requests.put("acknowledged", tally.answers(Answer.ACKNOWLEDGED));
    requests.put("overloaded", tally.answers(Answer.OVERLOADED));
    requests.put("rateLimited", tally.answers(Answer.RATE_LIMITED));
    requests.put("unavailable", tally.answers(Answer.UNAVAILABLE));
    requests.put("other", tally.otherAnswers());
    report.put("requests", requests);
    report.put("sendLagMillis", tally.sendLag().toMap());
    report.put("acknowledgedTicks", tally.acceptedInWindow());
    report.put("acknowledgedTicksPerSecond", round(acknowledgedTicksPerSecond()));
    report.put("acknowledgedShareOfCapacity", round2(acknowledgedShare()));
    report.put("lowest5sTicksPerSecond", round(tally.lowestRate(LOWEST_SPAN_SECONDS)));
    report.put("ackLatencyMillis", tally.acknowledgedLatency().toMap());
    report.put("overloadedLatencyMillis", tally.overloadedLatency().toMap());
    report.put("overloadedOverTarget", tally.overloadedSlowerThan(OVERLOADED_TARGET_MILLIS));
    report.put("refusedOtherwise", refusedOtherwise());
    report.put("unavailableTicksIn200", unavailableTicks());
    report.put("rejectedByCode", tally.rejectedByCode());
    Map<String, Object> retries = new LinkedHashMap<>();
    retries.put("requests", tally.retryRequests());
    retries.put("ticks", tally.retriedTicks());
    retries.put("deadlineSeconds", settings.retryDeadline().toSeconds());
    report.put("retries", retries);
    report.put("ticks", outcomeCounts());
    report.put("check", check == null ? null : checkJson());
    report.put("projection", projection == null ? null : projectionJson());
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("acknowledgedShareOfCapacity", ACKNOWLEDGED_SHARE_TARGET);
    targets.put("ackP99Millis", ACK_P99_TARGET_MILLIS);
    targets.put("overloadedMaxMillis", OVERLOADED_TARGET_MILLIS);
    report.put("targets", targets);
    Map<String, Object> met = new LinkedHashMap<>();
    met.put("acknowledged", acknowledgedMet());
    met.put("ackLatency", ackLatencyMet());
    met.put("refusals", refusalsMet());
    met.put("exact", check == null ? null : check.clean());
    report.put("met", met);
    return report;
  }

  /** sent, accepted, rejected, refused, unknown: what became of every tick sent. */
  private Map<String, Long> outcomeCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long sent = outcomes.values().stream().mapToLong(Long::longValue).sum();
    counts.put("sent", sent);
    counts.put("accepted", outcomes.get(TickLedger.Outcome.ACCEPTED));
    counts.put("rejected", outcomes.get(TickLedger.Outcome.REJECTED));
    counts.put("refused", outcomes.get(TickLedger.Outcome.REFUSED));
    counts.put(
        "unknown",
        outcomes.get(TickLedger.Outcome.UNKNOWN) + outcomes.get(TickLedger.Outcome.SENT));
    return counts;
  }

  private Map<String, Object> checkJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", check.accepted());
    json.put("lost", check.lost());
    json.put("doubled", check.doubled());
    json.put("refusedPersisted", check.refusedPersisted());
    json.put("rejectedPersisted", check.rejectedPersisted());
    json.put("historyRowsOfRun", check.historyRowsOfRun());
    json.put("unresolvedPersisted", check.unresolvedPersisted());
    json.put("unexpectedRows", check.unexpectedRows());
    json.put("journalTicks", check.journalTicks());
    json.put("historyRows", check.historyRows());
    json.put("inconsistentSymbols", check.inconsistentSymbols());
    json.put("clean", check.clean());
    return json;
  }

  private Map<String, Object> projectionJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maxLagMillis", projection.maxLagMillis());
    json.put("caughtUp", projection.caughtUp());
    json.put("catchUpSeconds", round(projection.catchUpSeconds()));
    return json;
  }

  private static String met(boolean met) {
    return met ? "met" : "missed";
  }

  private static double round2(double value) {
    return Double.isFinite(value) ? Math.round(value * 100.0) / 100.0 : value;
  }
}
