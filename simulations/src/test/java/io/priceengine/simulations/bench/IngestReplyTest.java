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
    assertEquals(new IngestReply.Rejected(7, "invalid_price"), reply.rejected().get(1));
  }

  @Test
  void readsTheCodeOfAnErrorBodyOnly() {
    assertEquals(
        "overloaded",
        IngestReply.errorCode("{\"error\":{\"code\":\"overloaded\",\"message\":\"m\"}}"));
    assertEquals(null, IngestReply.errorCode("The server was not able to produce a response"));
    assertEquals(null, IngestReply.errorCode("{\"accepted\":1}"));
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
