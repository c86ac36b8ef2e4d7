package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestReplyTest {

  @Test
  void readsAcceptedCountAndRejectionCodes() {
    IngestReply reply =
        IngestReply.parse(
            "{\"accepted\":98,\"rejected\":["
                + "{\"index\":3,\"code\":\"stale_tick\",\"message\":\"m\"},"
                + "{\"index\":7,\"code\":\"invalid_price\",\"message\":\"\\\"x\\\"\"}]}");
    assertEquals(98, reply.accepted());
    assertEquals(List.of("stale_tick", "invalid_price"), reply.rejectedCodes());
  }

  @Test
  void acceptsAReplyWithoutRejections() {
    assertEquals(
        new IngestReply(5, List.of()), IngestReply.parse("{\"accepted\":5,\"rejected\":[]}"));
  }

  @Test
  void refusesAnErrorBody() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IngestReply.parse("{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\"}}"));
  }
}
