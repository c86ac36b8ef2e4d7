package io.priceengine.http.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The limits untrusted JSON must keep before Jackson builds a tree of it. */
class BoundedJsonTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final BoundedJson json = new BoundedJson(MAPPER);

  private String refusal(String text) {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class,
            () -> json.readTree(text),
            text.length() > 80 ? text.substring(0, 80) : text);
    return e.getOriginalMessage();
  }

  @Test
  void readsOrdinaryDocuments() throws Exception {
    assertEquals(
        "1.23",
        json.readTree("{\"ticks\":[{\"symbol\":\"A\",\"price\":1.2300}]}")
            .get("ticks")
            .get(0)
            .get("price")
            .decimalValue()
            .toPlainString());
    assertEquals(7, json.readTree("7".getBytes(StandardCharsets.UTF_8)).intValue());
  }

  @Test
  void fiftyThousandNestedArraysAreRefusedWithoutStackOverflow() {
    String deep = "[".repeat(50_000) + "]".repeat(50_000);
    assertTrue(refusal(deep).contains("nests deeper than 8"));
    String deepObjects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    assertTrue(refusal(deepObjects).contains("nests deeper than 8"));
  }

  @Test
  void eightLevelsAreAllowed() throws Exception {
    json.readTree("[".repeat(8) + "]".repeat(8));
    refusal("[".repeat(9) + "]".repeat(9));
  }

  @Test
  void refusesLongStringsNumbersAndHugeExponents() {
    assertTrue(refusal("{\"a\":\"" + "x".repeat(4097) + "\"}").contains("string"));
    assertTrue(refusal("{\"" + "k".repeat(4097) + "\":1}").contains("string"));
    assertTrue(refusal("[1" + "0".repeat(70) + "]").contains("number"));
    assertTrue(refusal("[1e1001]").contains("exponent"));
    assertTrue(refusal("[1E-999999999]").contains("exponent"));
    assertTrue(refusal("[1e+0000000000000001001]").contains("exponent"));
  }

  @Test
  void allowsExponentsUpToTheLimit() throws Exception {
    json.readTree("[1e400, 1e-1000, 2E+1000]");
  }

  @Test
  void refusesTooManyValues() {
    String many = "[" + "1,".repeat(100_000) + "1]";
    assertTrue(refusal(many).contains("values"));
  }

  @Test
  void refusesDuplicateKeysTrailingContentAndLoneSurrogates() {
    assertTrue(refusal("{\"a\":1,\"a\":2}").contains("Duplicate"));
    refusal("{\"a\":1} {\"b\":2}");
    refusal("1 2");
    assertTrue(refusal("{\"name\":\"x\\ud800y\"}").contains("surrogate"));
    assertTrue(refusal("{\"name\":\"\\udc00\"}").contains("surrogate"));
  }

  @Test
  void acceptsPairedSurrogates() throws Exception {
    assertEquals("😀", json.readTree("{\"e\":\"\\ud83d\\ude00\"}").get("e").asText());
  }

  @Test
  void malformedJsonIsAProcessingException() {
    refusal("{\"symbol\":");
    refusal("{'a':1}");
    refusal("[NaN]");
  }
}
