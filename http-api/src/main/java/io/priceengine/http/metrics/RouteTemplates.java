package io.priceengine.http.metrics;

import java.util.List;

/**
 * Maps a request path to the route it matched, as a template ({@code
 * /api/v1/market-data/prices/{symbol}}), so that request meters have one series per route instead
 * of one per symbol or per probe of an unknown path. Anything else is {@code unmatched}.
 */
final class RouteTemplates {
  static final String UNMATCHED = "unmatched";

  /** Every route of the API (API.md) and the trading page; {@code {…}} is one path segment. */
  private static final List<String> TEMPLATES =
      List.of(
          "/",
          "/ui/{file}",
          "/metrics",
          "/health/live",
          "/health/ready",
          "/api/v1/market-data/prices",
          "/api/v1/market-data/prices/{symbol}",
          "/api/v1/market-data/prices/{symbol}/history",
          "/api/v1/market-data/prices/{symbol}/candles",
          "/api/v1/market-data/ticks",
          "/api/v1/market-data/stream",
          "/api/v1/market-data/ws",
          "/api/v1/symbols",
          "/api/v1/symbols/{symbol}",
          "/api/v1/providers",
          "/api/v1/admin/metrics",
          "/api/v1/admin/cluster");

  /** {@link #TEMPLATES} split into segments once: every request is matched against them. */
  private static final List<String[]> TEMPLATE_SEGMENTS =
      TEMPLATES.stream().map(template -> template.split("/", -1)).toList();

  private RouteTemplates() {}

  static String of(String path) {
    String[] segments = path.split("/", -1);
    for (int i = 0; i < TEMPLATES.size(); i++) {
      if (matches(TEMPLATE_SEGMENTS.get(i), segments)) {
        return TEMPLATES.get(i);
      }
    }
    return UNMATCHED;
  }

  private static boolean matches(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean variable = template[i].startsWith("{");
      if (variable ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
        return false;
      }
    }
    return true;
  }
}
