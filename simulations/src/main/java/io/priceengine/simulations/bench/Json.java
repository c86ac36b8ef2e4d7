package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the benchmarks need, so that they run from plain {@code target/classes} with no
 * library on the class path: reading replies into {@code Map}/{@code List}/{@code String}/{@code
 * BigDecimal}/{@code Boolean}/{@code null}, and writing reports from the same kinds of values.
 */
final class Json {

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  static Object parse(String text) {
    Json reader = new Json(text);
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.position != text.length()) throw reader.error("trailing characters");
    return value;
  }

  /** Writes a value (map, list, string, number, boolean or null) indented by two spaces. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      String inner = indent + "  ";
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(inner);
        quote(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(", ");
        write(list.get(i), out, indent);
      }
      out.append(']');
    } else if (value instanceof String string) {
      quote(string, out);
    } else if (value instanceof Double number && !Double.isFinite(number)) {
      out.append("null");
    } else {
      out.append(value); // numbers, booleans, null
    }
  }

  private static void quote(String string, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }

  private Object value() {
    skipWhitespace();
    if (position >= text.length()) throw error("unexpected end");
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    position++; // {
    skipWhitespace();
    if (consume('}')) return object;
    do {
      skipWhitespace();
      if (position >= text.length() || text.charAt(position) != '"') throw error("expected a key");
      String key = string();
      skipWhitespace();
      if (!consume(':')) throw error("expected ':'");
      object.put(key, value());
      skipWhitespace();
    } while (consume(','));
    if (!consume('}')) throw error("expected ',' or '}'");
    return object;
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    position++; // [
    skipWhitespace();
    if (consume(']')) return array;
    do {
      array.add(value());
      skipWhitespace();
    } while (consume(','));
    if (!consume(']')) throw error("expected ',' or ']'");
    return array;
  }

  private String string() {
    position++; // opening quote
    StringBuilder string = new StringBuilder();
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == '"') return string.toString();
      if (c != '\\') {
        string.append(c);
        continue;
      }
      if (position >= text.length()) break;
      char escaped = text.charAt(position++);
      switch (escaped) {
        case 'b' -> string.append('\b');
        case 'f' -> string.append('\f');
        case 'n' -> string.append('\n');
        case 'r' -> string.append('\r');
        case 't' -> string.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) throw error("short \\u escape");
          try {
            string.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw error("bad \\u escape");
          }
          position += 4;
        }
        default -> string.append(escaped); // \" \\ \/
      }
    }
    throw error("unterminated string");
  }

  private BigDecimal number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    try {
      return new BigDecimal(text.substring(start, position));
    } catch (NumberFormatException e) {
      position = start;
      throw error("unexpected character");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) throw error("unexpected character");
    position += word.length();
    return value;
  }

  private boolean consume(char expected) {
    if (position < text.length() && text.charAt(position) == expected) {
      position++;
      return true;
    }
    return false;
  }

  private void skipWhitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) position++;
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + " at offset " + position + " of JSON text");
  }
}
