package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCapacityTest {

  @Test
  void readsSection1sRateAndBatchSize(@TempDir Path dir) throws Exception {
    Path ingest = dir.resolve("ingest.json");
    Files.writeString(ingest, "{\"ticksPerRequest\":100,\"acceptedTicksPerSecond\":9820.4}");
    IngestCapacity capacity = IngestCapacity.fromReport(ingest).orElseThrow();
    assertEquals(9820.4, capacity.ticksPerSecond());
    assertEquals(100, capacity.ticksPerRequest());
    assertTrue(capacity.source().contains("ingest.json"), capacity.source());
  }

  @Test
  void hasNoCapacityWithoutAPositiveRate(@TempDir Path dir) throws Exception {
    Path ingest = dir.resolve("ingest.json");
    assertTrue(IngestCapacity.fromReport(ingest).isEmpty(), "missing file");
    Files.writeString(ingest, "{\"acceptedTicksPerSecond\":0}");
    assertTrue(IngestCapacity.fromReport(ingest).isEmpty(), "nothing accepted");
    Files.writeString(ingest, "not json");
    assertTrue(IngestCapacity.fromReport(ingest).isEmpty(), "unreadable");
  }
}
