package io.priceengine.http.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /metrics} parsed line by line as the Prometheus text format 0.0.4 defines it:
 * comments ({@code # HELP}, {@code # TYPE}) and samples {@code name{labels} value}; any other line
 * fails the parse.
 */
final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?"
              + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
  private static final Pattern COMMENT =
      Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

  /** Series ({@code name{labels}} as written) to value. */
  private final Map<String, Double> samples = new HashMap<>();

  PrometheusText(String text) {
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        assertTrue(line.isEmpty() || COMMENT.matcher(line).matches(), "bad comment: " + line);
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertTrue(sample.matches(), "not a Prometheus sample: " + line);
      String series = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
      samples.put(series, Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")));
    }
  }

  Map<String, Double> samples() {
    return samples;
  }

  /**
   * The value of the series named {@code name} whose labels include all of {@code labels}, or 0.
   */
  double value(String name, String... labels) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .filter(e -> hasLabels(e.getKey(), labels))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  boolean has(String name) {
    return samples.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
  }

  private static boolean hasLabels(String series, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!series.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
        return false;
      }
    }
    return true;
  }
}
