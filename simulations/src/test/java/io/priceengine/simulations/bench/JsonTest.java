package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsNestedValuesWithEscapes() {
    Object value =
        Json.parse(
            " {\"a\":[1, -2.50, 3e2, true, false, null],\"b\":{\"c\":\"x\\\"y\\\\z\\u00e9\\n\"}} ");
    Map<?, ?> object = (Map<?, ?>) value;
    assertEquals(
        Arrays.asList(
            new BigDecimal("1"), new BigDecimal("-2.50"), new BigDecimal("3e2"), true, false, null),
        object.get("a"));
    assertEquals("x\"y\\zé\n", ((Map<?, ?>) object.get("b")).get("c"));
  }

  @Test
  void refusesTextThatIsNotJson() {
    for (String text : List.of("", "{", "{\"a\":}", "[1,]x", "{\"a\" 1}", "\"open", "nul")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
    }
  }

  @Test
  void writesWhatItReads() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("name", "tab\there \"quoted\"");
    report.put("count", 3L);
    report.put("rate", 12.5);
    report.put("empty", Map.of());
    report.put("list", List.of(1, "two"));
    report.put("none", null);
    report.put("notMeasured", Double.NaN);
    Map<?, ?> read = (Map<?, ?>) Json.parse(Json.write(report));
    assertEquals("tab\there \"quoted\"", read.get("name"));
    assertEquals(new BigDecimal("3"), read.get("count"));
    assertEquals(new BigDecimal("12.5"), read.get("rate"));
    assertEquals(Map.of(), read.get("empty"));
    assertEquals(List.of(new BigDecimal("1"), "two"), read.get("list"));
    assertEquals(null, read.get("none"));
    assertTrue(read.containsKey("notMeasured"));
    assertEquals(null, read.get("notMeasured"));
    assertEquals(List.copyOf(report.keySet()), List.copyOf(read.keySet()));
  }
}
