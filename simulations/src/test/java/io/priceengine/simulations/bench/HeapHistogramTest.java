package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

  @Test
  void readsTheTotalBytesOfAClassHistogram() {
    String histogram =
        "12345:\n"
            + " num     #instances         #bytes  class name (module)\n"
            + "-------------------------------------------------------\n"
            + "   1:         41285        3921816  [B (java.base@17.0.9)\n"
            + "   2:         39882         957168  java.lang.String (java.base@17.0.9)\n"
            + "Total        532118       31687432\n";
    assertEquals(31_687_432L, HeapHistogram.totalBytes(histogram));
  }

  @Test
  void refusesOutputWithoutATotal() {
    assertThrows(
        IllegalArgumentException.class, () -> HeapHistogram.totalBytes("12345:\nNo such process"));
  }

  @Test
  void measuresThisJvm() throws Exception {
    long bytes = HeapHistogram.liveBytes(ProcessHandle.current().pid());
    assertEquals(true, bytes > 0, "live bytes " + bytes);
  }
}
