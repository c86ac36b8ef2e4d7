package io.priceengine.simulations.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM, as {@code jcmd PID GC.class_histogram} reports it: that command
 * runs a full GC first and then counts only reachable objects, so two readings differ by what the
 * JVM really holds, not by garbage.
 */
final class HeapHistogram {

  private HeapHistogram() {}

  /** Live bytes of process {@code pid}. */
  static long liveBytes(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + output);
    }
    return totalBytes(output);
  }

  /** The bytes of the histogram's closing {@code Total <instances> <bytes>} line. */
  static long totalBytes(String histogram) {
    String[] lines = histogram.strip().split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      String[] fields = lines[i].trim().split("\\s+");
      if (fields.length == 3 && fields[0].equals("Total")) return Long.parseLong(fields[2]);
    }
    throw new IllegalArgumentException("no Total line in the class histogram");
  }
}
