package io.priceengine.simulations.bench;

import static io.priceengine.simulations.bench.ReportRow.flag;
import static io.priceengine.simulations.bench.ReportRow.format;
import static io.priceengine.simulations.bench.ReportRow.number;
import static io.priceengine.simulations.bench.ReportRow.row;
import static io.priceengine.simulations.bench.ReportRow.value;

import java.util.List;

/**
 * The bench report's two lines for the overload section (issue 17), from its {@code overload.json}
 * ({@link OverloadReport}): the load, the acknowledged rate and the refusals against their targets,
 * and the client's tally against the journal and the history.
 */
final class OverloadRows {

  private OverloadRows() {}

  /** The two lines; "not run" when the section is null. */
  static List<ReportRow> rows(Object overload) {
    String parameters =
        format(
            "%s × %s ticks/s (capacity) = %s ticks/s offered, open loop, %s ticks per request over"
                + " %s symbols, %s s; at most %s requests unanswered",
            overload,
            "factor",
            "capacityTicksPerSecond",
            "offeredTicksPerSecond",
            "ticksPerRequest",
            "symbols",
            "measuredSeconds",
            "maxOutstanding");
    Double share = number(overload, "acknowledgedShareOfCapacity");
    Boolean admission =
        flag(overload, "met.acknowledged") == null
            ? null
            : flag(overload, "met.acknowledged")
                && Boolean.TRUE.equals(flag(overload, "met.ackLatency"))
                && Boolean.TRUE.equals(flag(overload, "met.refusals"));
    ReportRow load =
        row(
            overload,
            "Ingest overload: a multiple of the capacity offered",
            parameters,
            share == null
                ? null
                : format(
                    "**%s ticks/s** acknowledged = **%s of capacity** (lowest 5 s: %s ticks/s);"
                        + " ack p50 %s, **p99 %s ms**; %s requests `overloaded`, answered p99 %s,"
                        + " **max %s ms**; refused otherwise: %s requests (503 `unavailable`,"
                        + " other status, no answer) and %s ticks (`unavailable` in a 200);"
                        + " %s requests not offered",
                    overload,
                    "acknowledgedTicksPerSecond",
                    "acknowledgedShareOfCapacity",
                    "lowest5sTicksPerSecond",
                    "ackLatencyMillis.p50",
                    "ackLatencyMillis.p99",
                    "requests.overloaded",
                    "overloadedLatencyMillis.p99",
                    "overloadedLatencyMillis.max",
                    "refusedOtherwise",
                    "unavailableTicksIn200",
                    "requests.notOffered"),
            "≥ 0.8 of capacity acknowledged; ack p99 ≤ 1 s; every refusal `overloaded` within"
                + " 50 ms",
            admission);
    Object check = value(overload, "check");
    ReportRow exact =
        row(
            overload,
            "Ingest overload: client tally vs journal and history",
            format(
                "ticks of unknown fate retried with their tickIds (%s ticks, at most %s s),"
                    + " then projection lag 0",
                overload, "retries.ticks", "retries.deadlineSeconds"),
            check == null
                ? "not checked (no database URL)"
                : format(
                    "%s ticks accepted: **%s lost, %s doubled**; with a row though refused: %s,"
                        + " though rejected: %s; %s ticks in the journals, %s history rows, %s symbols disagree;"
                        + " %s ticks still of unknown fate",
                    overload,
                    "check.accepted",
                    "check.lost",
                    "check.doubled",
                    "check.refusedPersisted",
                    "check.rejectedPersisted",
                    "check.journalTicks",
                    "check.historyRows",
                    "check.inconsistentSymbols",
                    "ticks.unknown"),
            "0 lost, 0 doubled",
            flag(overload, "met.exact"));
    return List.of(load, exact);
  }
}
