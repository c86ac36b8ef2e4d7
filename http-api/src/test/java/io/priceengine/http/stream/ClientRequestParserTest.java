package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRequestParserTest {
  private final ClientRequestParser parser =
      new ClientRequestParser(
          new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS), 1000);

  private ClientRequest subscribe(String frequency) {
    return parser.parse(
        "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxFrequency\":" + frequency + "}");
  }

  @Test
  void maxFrequencyHasAFloorSoTheIntervalCannotOverflow() {
    for (String tiny : List.of("0.0009", "1e-300", "0", "-1")) {
      assertEquals(
          "invalid_request", assertInstanceOf(ClientRequest.Invalid.class, subscribe(tiny)).code());
    }
    assertEquals(
        0.001, assertInstanceOf(ClientRequest.Subscribe.class, subscribe("0.001")).maxFrequency());
  }

  @Test
  void deepNestingAndLoneSurrogatesAreInvalidRequests() {
    assertInstanceOf(ClientRequest.Invalid.class, parser.parse("[".repeat(50_000)));
    assertInstanceOf(
        ClientRequest.Invalid.class, parser.parse("{\"action\":\"ping\",\"id\":\"\\ud800\"}"));
  }
}
