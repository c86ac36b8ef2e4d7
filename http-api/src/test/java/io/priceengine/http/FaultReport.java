package io.priceengine.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One line per fault test with its measured figures, on stdout and appended to {@code
 * target/fault-figures.txt}, with the machine's load average (the figures mean little without it).
 */
final class FaultReport {
  private FaultReport() {}

  static void print(String test, String figures) {
    String line = "FAULT " + test + ": " + figures + " (load average " + loadAverage() + ")";
    System.out.println(line);
    try {
      Files.writeString(
          Path.of("target", "fault-figures.txt"),
          line + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the stdout line is what counts
    }
  }

  static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
