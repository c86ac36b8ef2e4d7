package io.priceengine.http.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads untrusted JSON (request bodies, WebSocket messages) into a tree only after a streaming pass
 * has checked it against limits no legitimate request comes near. Jackson's tree reader recurses
 * once per nesting level (50,000 nested arrays overflow the stack and kill the JVM) and parses
 * number literals of any length and exponent, and the Jackson of Akka 2.8.5 (2.13) has no
 * StreamReadConstraints: this is the one place that bounds all of it.
 */
public final class BoundedJson {
  public static final int MAX_DEPTH = 8;
  public static final int MAX_STRING_CHARS = 4096;
  public static final int MAX_NUMBER_CHARS = 64;
  public static final int MAX_EXPONENT = 1000;
  public static final int MAX_VALUES = 100_000;

  private final ObjectMapper mapper;

  public BoundedJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The tree of {@code body} (null or a missing node when empty).
   *
   * @throws JsonProcessingException when it is malformed, has a duplicate key, trailing content or
   *     exceeds a limit; the message says which, in words fit for the client
   */
  public JsonNode readTree(byte[] body) throws JsonProcessingException {
    return read(() -> mapper.getFactory().createParser(body), () -> mapper.readTree(body));
  }

  public JsonNode readTree(String text) throws JsonProcessingException {
    return read(() -> mapper.getFactory().createParser(text), () -> mapper.readTree(text));
  }

  /** A source of the document read twice: streamed to check it, then into a tree. */
  private interface Reading<T> {
    T get() throws IOException;
  }

  private static JsonNode read(Reading<JsonParser> checked, Reading<JsonNode> tree)
      throws JsonProcessingException {
    try {
      try (JsonParser parser = checked.get()) {
        check(parser);
      }
      return tree.get();
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the document is in memory
    }
  }

  private static void check(JsonParser parser) throws IOException {
    parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    int depth = 0;
    int values = 0;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      if (token.isStructEnd()) {
        depth--;
        if (depth == 0 && parser.nextToken() != null) {
          throw refuse(parser, "trailing content after the JSON document");
        }
        continue;
      }
      if (++values > MAX_VALUES) {
        throw refuse(parser, "more than " + MAX_VALUES + " JSON values");
      }
      switch (token) {
        case START_OBJECT, START_ARRAY -> {
          if (++depth > MAX_DEPTH) {
            throw refuse(parser, "JSON nests deeper than " + MAX_DEPTH + " levels");
          }
        }
        case FIELD_NAME, VALUE_STRING -> checkString(parser);
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checkNumber(parser);
        default -> {}
      }
      if (depth == 0 && token.isScalarValue() && parser.nextToken() != null) {
        throw refuse(parser, "trailing content after the JSON document");
      }
    }
  }

  private static void checkString(JsonParser parser) throws IOException {
    int length = parser.getTextLength();
    if (length > MAX_STRING_CHARS) {
      throw refuse(parser, "a JSON string is longer than " + MAX_STRING_CHARS + " characters");
    }
    char[] chars = parser.getTextCharacters();
    int end = parser.getTextOffset() + length;
    for (int i = parser.getTextOffset(); i < end; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw refuse(parser, "a JSON string holds an unpaired surrogate (not Unicode text)");
      }
    }
  }

  private static void checkNumber(JsonParser parser) throws IOException {
    int length = parser.getTextLength();
    if (length > MAX_NUMBER_CHARS) {
      throw refuse(parser, "a JSON number is longer than " + MAX_NUMBER_CHARS + " characters");
    }
    String text = parser.getText();
    int e = Math.max(text.indexOf('e'), text.indexOf('E'));
    if (e >= 0) {
      String exponent = text.substring(e + 1).replaceFirst("^[+-]?0*", "");
      if (exponent.length() > 4
          || (!exponent.isEmpty() && Integer.parseInt(exponent) > MAX_EXPONENT)) {
        throw refuse(parser, "a JSON number's exponent is beyond ±" + MAX_EXPONENT);
      }
    }
  }

  private static JsonParseException refuse(JsonParser parser, String reason) {
    return new JsonParseException(parser, reason);
  }
}
