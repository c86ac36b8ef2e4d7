package io.priceengine.simulations.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a replay file for the replay benchmark: {@code symbol,timestamp,price,volume} lines, the
 * symbols (R0000, R0001, ...) in turn so that consecutive ticks go to different entities, one
 * millisecond apart starting two days ago (well inside the engine's clock-skew rule), prices a
 * random walk in cents. Deterministic for a seed.
 */
final class ReplayTickFile {
  private ReplayTickFile() {}

  static void write(Path file, int ticks, int symbols, long seed) throws IOException {
    Random random = new Random(seed);
    long[] cents = new long[symbols];
    for (int s = 0; s < symbols; s++) {
      cents[s] = 1_000 + random.nextInt(100_000);
    }
    long start = System.currentTimeMillis() - 2 * 24 * 3600 * 1000L;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write("symbol,timestamp,price,volume\n");
      for (int i = 0; i < ticks; i++) {
        int s = i % symbols;
        cents[s] = Math.max(1, cents[s] + random.nextInt(21) - 10);
        out.write(
            String.format(
                Locale.ROOT,
                "R%04d,%d,%d.%02d,%d%n",
                s,
                start + i,
                cents[s] / 100,
                cents[s] % 100,
                1 + random.nextInt(1_000)));
      }
    }
  }
}
