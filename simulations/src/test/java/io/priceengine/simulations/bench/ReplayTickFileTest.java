package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTickFileTest {

  @Test
  void writesHeaderThenSymbolsInTurnWithIncreasingTimestampsAndCentPrices(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("nested/ticks.csv");
    ReplayTickFile.write(file, 7, 3, 42, ReplayTickFile.UNIFORM);

    List<String> lines = Files.readAllLines(file);
    assertEquals("symbol,timestamp,price,volume", lines.get(0));
    assertEquals(8, lines.size());
    long previous = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",");
      assertEquals(String.format("R%04d", (i - 1) % 3), fields[0]);
      long timestamp = Long.parseLong(fields[1]);
      assertTrue(timestamp > previous, lines.get(i));
      previous = timestamp;
      assertTrue(fields[2].matches("\\d+\\.\\d\\d"), lines.get(i));
      assertTrue(Long.parseLong(fields[3]) > 0, lines.get(i));
    }
  }

  @Test
  void skewedFileGivesTheTopTenSymbolsAboutTheirOneOverRankShare(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("skewed.csv");
    ReplayTickFile.write(file, 100_000, 1_000, 7, ReplayTickFile.SKEWED);

    Map<String, Integer> counts = new HashMap<>();
    Files.readAllLines(file).stream()
        .skip(1)
        .forEach(line -> counts.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum));
    int topTen = 0;
    for (int s = 0; s < 10; s++) {
      topTen += counts.getOrDefault(String.format("R%04d", s), 0);
    }
    // H(10) / H(1000) = 0.391
    assertEquals(0.391, topTen / 100_000.0, 0.01);
    assertTrue(counts.get("R0000") > 5 * counts.getOrDefault("R0010", 1));
  }
}
