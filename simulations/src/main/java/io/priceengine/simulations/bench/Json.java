package io.priceengine.simulations.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' JSON, on Jackson: replies read into {@code Map}/{@code List}/{@code
 * String}/{@code BigDecimal}/{@code Boolean}/{@code null}, and reports written from the same kinds
 * of values. Every number reads as a {@code BigDecimal} (integers too), exactly as written, so
 * callers can take {@code longValueExact()} of an id or compare a price without rounding.
 */
final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A rate that was not measured is NaN; JSON has no NaN, so the report says null.
          .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull()));

  private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  static Object parse(String text) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (tree.isMissingNode()) throw new IllegalArgumentException("not JSON: no value");
    return plain(tree);
  }

  /** Writes a value (map, list, string, number, boolean or null) with Jackson's pretty printer. */
  static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Object plain(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        node.fields()
            .forEachRemaining(field -> object.put(field.getKey(), plain(field.getValue())));
        yield object;
      }
      case ARRAY -> {
        List<Object> array = new ArrayList<>(node.size());
        node.forEach(element -> array.add(plain(element)));
        yield array;
      }
      case NUMBER -> node.decimalValue();
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      default -> null; // NULL; parsed text holds no MISSING, BINARY or POJO nodes
    };
  }

  private static final class FiniteOrNull extends StdSerializer<Double> {
    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (Double.isFinite(value)) out.writeNumber(value);
      else out.writeNull();
    }
  }
}
