package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  private static Map<String, Object> sections() {
    Map<String, Object> sections = new LinkedHashMap<>();
    for (String name : BenchReport.SECTIONS) sections.put(name, null);
    sections.put(
        "ingest",
        Json.parse(
            "{\"symbols\":1000,\"concurrency\":32,\"ticksPerRequest\":100,\"measuredSeconds\":60,"
                + "\"warmUpSeconds\":5,\"acceptedTicksPerSecond\":10000,"
                + "\"latencyMillis\":{\"p99\":80.5},"
                + "\"projection\":{\"lagAtLoadEndMillis\":1200,\"catchUpSeconds\":0.5}}"));
    sections.put(
        "baseline-write",
        Json.parse(
            "{\"symbols\":1000,\"concurrency\":32,\"measuredSeconds\":60,\"ticksPerSecond\":4000}"));
    sections.put(
        "reads",
        Json.parse(
            "{\"symbols\":1000,\"closedConnections\":64,\"openOfferedPerSecond\":10000,"
                + "\"measuredSeconds\":20,\"engineToConstantRatio\":0.9,\"engineToSqlRatio\":1.2,"
                + "\"targets\":{\"engine\":{\"closed\":{\"requestsPerSecond\":9000},"
                + "\"open\":{\"achievedPerSecond\":9990,\"latencyMillis\":{\"p50\":1.1,"
                + "\"p99\":4.2,\"p99.9\":9.0}}}}}"));
    sections.put(
        "replay",
        Json.parse(
            "{\"expectedTicks\":500000,\"seconds\":60,\"acceptedTicksPerSecond\":4600,"
                + "\"engineCpuMicrosPerTick\":400,\"jvmCpuMicrosPerTick\":230,"
                + "\"databaseCpuMicrosPerTick\":170}"));
    sections.put(
        "database-floor",
        Json.parse(
            "{\"ticks\":200000,\"ticksPerTransaction\":1000,\"symbols\":1000,"
                + "\"databaseCpuMicrosPerTick\":68.2,\"ceilingTicksPerSecond\":29326,"
                + "\"cores\":2}"));
    sections.put("footprint-entities", Json.parse("{\"count\":10000,\"kibPerItem\":2.5}"));
    return sections;
  }

  private static ReportRow row(List<ReportRow> rows, String prefix) {
    return rows.stream().filter(r -> r.measurement().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void setsEachFigureAgainstItsTarget() {
    List<ReportRow> rows = ReportRow.rows(sections());
    ReportRow baseline = row(rows, "Single-write baseline");
    assertTrue(baseline.figure().contains("4,000 ticks/s"), baseline.figure());
    assertTrue(baseline.figure().contains("2.5×"), baseline.figure());
    assertEquals("**no**", baseline.met());
    assertEquals("**no**", row(rows, "GET quote throughput").met()); // 1.2× SQL < 1.5×
    ReportRow latency = row(rows, "GET quote latency");
    assertEquals("yes", latency.met());
    assertTrue(latency.figure().contains("**p99 4.20**"), latency.figure());
    assertTrue(latency.figure().contains("p99.9 9"), latency.figure());
    assertEquals("**no**", row(rows, "Heap per active symbol entity").met());
    ReportRow ingest = row(rows, "Durable ingest over HTTP");
    assertTrue(ingest.figure().contains("10,000 ticks/s"), ingest.figure());
    assertTrue(ingest.parameters().startsWith("1,000 symbols, 32 requests"), ingest.parameters());
    ReportRow replay = row(rows, "Durable ingest via the replay provider");
    assertTrue(replay.figure().contains("(JVM 230 µs, PostgreSQL 170 µs)"), replay.figure());
    assertEquals("**no**", replay.met());
    ReportRow floor = row(rows, "Database floor");
    assertTrue(floor.figure().contains("**68 µs per tick**"), floor.figure());
    assertTrue(floor.figure().contains("29,326 ticks/s on 2 cores"), floor.figure());
  }

  @Test
  void setsTheOverloadFiguresAgainstTheirTargets() {
    Map<String, Object> sections = sections();
    sections.put(
        "overload",
        Json.parse(
            "{\"factor\":3,\"capacityTicksPerSecond\":9820,\"offeredTicksPerSecond\":29460,"
                + "\"ticksPerRequest\":100,\"symbols\":1000,\"measuredSeconds\":60,"
                + "\"maxOutstanding\":1024,\"acknowledgedTicksPerSecond\":8100,"
                + "\"acknowledgedShareOfCapacity\":0.82,\"lowest5sTicksPerSecond\":7900,"
                + "\"ackLatencyMillis\":{\"p50\":120,\"p99\":640.5},"
                + "\"overloadedLatencyMillis\":{\"p99\":12,\"max\":31},"
                + "\"requests\":{\"overloaded\":11000,\"notOffered\":0},\"refusedOtherwise\":0,\"unavailableTicksIn200\":0,"
                + "\"retries\":{\"ticks\":0,\"deadlineSeconds\":120},\"ticks\":{\"unknown\":0},"
                + "\"check\":{\"accepted\":486000,\"lost\":0,\"doubled\":0,"
                + "\"refusedPersisted\":0,\"rejectedPersisted\":0,\"journalTicks\":486000,"
                + "\"historyRows\":486000,\"inconsistentSymbols\":0},"
                + "\"met\":{\"acknowledged\":true,\"ackLatency\":true,\"refusals\":true,"
                + "\"exact\":false}}"));
    List<ReportRow> rows = ReportRow.rows(sections);
    ReportRow load = row(rows, "Ingest overload: a multiple");
    assertEquals("yes", load.met());
    assertTrue(load.figure().contains("**8,100 ticks/s** acknowledged = **0.82"), load.figure());
    assertTrue(load.figure().contains("**max 31 ms**"), load.figure());
    assertTrue(load.parameters().startsWith("3 × 9,820 ticks/s"), load.parameters());
    ReportRow exact = row(rows, "Ingest overload: client tally");
    assertEquals("**no**", exact.met());
    assertTrue(exact.figure().contains("**0 lost, 0 doubled**"), exact.figure());
  }

  @Test
  void reportsSectionsThatDidNotRunAsNotRun() {
    ReportRow fanout = row(ReportRow.rows(sections()), "Fan-out");
    assertEquals("not run", fanout.figure());
    assertEquals("—", fanout.met());
    assertEquals("not run", row(ReportRow.rows(sections()), "Ingest overload: client").figure());
  }

  @Test
  void writesTheMarkdownTableAndTheJsonWithEverySection(@TempDir Path dir) throws Exception {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("date", "2026-12-02T15:00:00Z");
    machine.put("commit", "abc1234");
    machine.put("mode", "full");
    machine.put("cores", 2);
    machine.put("memoryGib", 23.4);
    machine.put("javaVersion", "17");
    machine.put("loadAverageAtStart", "9.0 8.0 7.0");
    machine.put("loadAverageAtEnd", "3.0 4.0 5.0");
    BenchReport.write(dir, machine, sections());

    String markdown = Files.readString(dir.resolve("report.md"));
    assertTrue(markdown.contains("- commit: abc1234"), markdown);
    assertTrue(markdown.contains("9.0 8.0 7.0 at the start, 3.0 4.0 5.0 at the end"), markdown);
    assertEquals(
        ReportRow.rows(sections()).size(),
        markdown
            .lines()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| measurement"))
            .filter(l -> !l.startsWith("| ---"))
            .count());

    Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("report.json")));
    assertEquals("abc1234", ((Map<?, ?>) json.get("machine")).get("commit"));
    Map<?, ?> ingest = (Map<?, ?>) ((Map<?, ?>) json.get("sections")).get("ingest");
    assertEquals(new BigDecimal("10000"), ingest.get("acceptedTicksPerSecond"));
    assertTrue(((Map<?, ?>) json.get("sections")).containsKey("fanout"));
  }
}
