package io.priceengine.simulations.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one report of a {@code simulations/bench.sh} run: reads the JSON file each measurement wrote
 * into the bench directory and writes {@code report.json} (the machine, the run's parameters and
 * every section whole) and {@code report.md} (one table, each figure set against its targets). A
 * section that did not run is reported as missing, not left out.
 */
public final class BenchReport {

  /** The section files bench.sh's measurements write, in report order. */
  static final List<String> SECTIONS =
      List.of(
          "ingest",
          "overload",
          "replay",
          "replay-skewed",
          "hot-reads-during",
          "hot-reads-idle",
          "baseline-write",
          "database-floor",
          "reads",
          "fanout",
          "footprint-entities",
          "footprint-connections",
          "recovery");

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "dir", null, null, "bench directory (default simulations/target/bench)"),
          new Options.Option("commit", null, "unknown", "commit measured"),
          new Options.Option("mode", null, "full", "full or quick"),
          new Options.Option("loadAverageAtStart", null, "unknown", "load average at the start"),
          new Options.Option("engineJavaOptions", null, "", "JVM options of the engine"));

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    Options options = BenchMain.options("BenchReport", OPTIONS, args);
    Path dir =
        options.text("dir") == null
            ? BenchReportPath.defaultFor("report.json").getParent()
            : Path.of(options.text("dir"));
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    machine.put("commit", options.required("commit"));
    machine.put("mode", options.required("mode"));
    machine.put("cores", Machine.cores());
    machine.put("memoryGib", Machine.memoryGib());
    machine.put("javaVersion", System.getProperty("java.version"));
    machine.put("loadAverageAtStart", options.required("loadAverageAtStart"));
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    machine.put("engineJavaOptions", options.text("engineJavaOptions"));
    Map<String, Object> sections = new LinkedHashMap<>();
    for (String section : SECTIONS) {
      Path file = dir.resolve(section + ".json");
      sections.put(section, Files.exists(file) ? Json.parse(Files.readString(file)) : null);
    }
    write(dir, machine, sections);
    System.out.print(Files.readString(dir.resolve("report.md")));
    System.out.println("report: " + dir.resolve("report.md") + " and report.json");
  }

  static void write(Path dir, Map<String, Object> machine, Map<String, Object> sections)
      throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", machine);
    List<ReportRow> rows = ReportRow.rows(sections);
    report.put("summary", ReportRow.toJson(rows));
    report.put("sections", sections);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), Json.write(report));
    Files.writeString(dir.resolve("report.md"), markdown(machine, rows));
  }

  static String markdown(Map<String, Object> machine, List<ReportRow> rows) {
    StringBuilder md = new StringBuilder("# Price Engine bench report\n\n");
    md.append("- date: ").append(machine.get("date")).append('\n');
    md.append("- commit: ").append(machine.get("commit")).append('\n');
    md.append("- run: ").append(machine.get("mode")).append('\n');
    md.append("- machine: ")
        .append(machine.get("cores"))
        .append(" cores, ")
        .append(machine.get("memoryGib"))
        .append(" GiB, Java ")
        .append(machine.get("javaVersion"))
        .append("; engine, embedded PostgreSQL and load generator on the same machine\n");
    md.append("- load average (1/5/15 min): ")
        .append(machine.get("loadAverageAtStart"))
        .append(" at the start, ")
        .append(machine.get("loadAverageAtEnd"))
        .append(" at the end\n\n");
    md.append("| measurement | parameters | figure | target | met |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (ReportRow row : rows) {
      md.append("| ")
          .append(row.measurement())
          .append(" | ")
          .append(row.parameters())
          .append(" | ")
          .append(row.figure())
          .append(" | ")
          .append(row.target())
          .append(" | ")
          .append(row.met())
          .append(" |\n");
    }
    md.append("\nEvery figure and parameter: report.json beside this file.\n");
    return md.toString();
  }
}
