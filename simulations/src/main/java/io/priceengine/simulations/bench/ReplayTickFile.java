package io.priceengine.simulations.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a replay file for the replay benchmark: {@code symbol,timestamp,price,volume} lines one
 * millisecond apart starting two days ago (well inside the engine's clock-skew rule), prices a
 * random walk in cents. {@code uniform}: the symbols (R0000, R0001, ...) in turn, so consecutive
 * ticks go to different entities. {@code skewed}: each tick's symbol drawn with weight 1/rank, as
 * in real feeds (with 1,000 symbols the top 10 get ~39 % of the ticks). Deterministic for a seed.
 */
final class ReplayTickFile {
  static final String UNIFORM = "uniform";
  static final String SKEWED = "skewed";

  private ReplayTickFile() {}

  static void write(Path file, int ticks, int symbols, long seed, String shape) throws IOException {
    if (!shape.equals(UNIFORM) && !shape.equals(SKEWED)) {
      throw new IllegalArgumentException("shape: uniform or skewed, not " + shape);
    }
    Random random = new Random(seed);
    double[] cumulative = new double[symbols];
    double sum = 0;
    for (int s = 0; s < symbols; s++) {
      sum += 1.0 / (s + 1);
      cumulative[s] = sum;
    }
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
        int s = shape.equals(UNIFORM) ? i % symbols : draw(cumulative, random.nextDouble() * sum);
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

  /** The first index whose cumulative weight exceeds {@code point}. */
  private static int draw(double[] cumulative, double point) {
    int found = Arrays.binarySearch(cumulative, point);
    return Math.min(cumulative.length - 1, found >= 0 ? found + 1 : -found - 1);
  }
}
