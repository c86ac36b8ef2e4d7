package io.priceengine.http.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the hostile-input corpus saw: inputs tried by kind, 5xx answers and unexpected answers. */
final class Outcomes {
  private final Map<String, Integer> tried = new TreeMap<>();
  private final List<String> unexpected = new ArrayList<>();
  private int serverErrors;

  synchronized void record(String kind, int status, boolean expected, String what) {
    tried.merge(kind, 1, Integer::sum);
    if (status >= 500) {
      serverErrors++;
    }
    if (!expected || status >= 500) {
      unexpected.add(kind + " → " + status + ": " + abbreviate(what));
    }
  }

  synchronized int total() {
    return tried.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized int serverErrors() {
    return serverErrors;
  }

  synchronized List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  synchronized String report() {
    StringBuilder out = new StringBuilder("Hostile inputs tried by kind:\n");
    tried.forEach((kind, n) -> out.append(String.format("  %-28s %5d%n", kind, n)));
    out.append(String.format("  %-28s %5d%n", "total", total()));
    out.append("5xx seen: ").append(serverErrors).append('\n');
    return out.toString();
  }

  static String abbreviate(String text) {
    String flat = text.replaceAll("[\\p{Cntrl}]", "?");
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }
}
