package io.priceengine.http.stream;

import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.symbol.SymbolList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an SSE client resumes: {@code ?since=SYMBOL:historyId,…} and a reconnecting browser's
 * {@code Last-Event-ID} (the id of the last event it saw, {@code SYMBOL:historyId}), the later of
 * the two for the symbol it names. Either the last history id per symbol or the API error.
 */
record ResumePoints(Map<String, Long> lastSeen, ApiError error) {

  static ResumePoints parse(Optional<String> since, Optional<String> lastEventId) {
    Map<String, Long> lastSeen = new HashMap<>();
    for (String raw : since.map(s -> s.split(",", -1)).orElse(new String[0])) {
      if (!raw.isBlank()) {
        ApiError error = add(SymbolList.withoutSpaces(raw), lastSeen);
        if (error != null) {
          return new ResumePoints(Map.of(), error);
        }
      }
    }
    if (lastEventId.isPresent() && !lastEventId.get().isBlank()) {
      ApiError error = add(SymbolList.withoutSpaces(lastEventId.get()), lastSeen);
      if (error != null) {
        return new ResumePoints(Map.of(), error);
      }
    }
    return new ResumePoints(lastSeen, null);
  }

  /** The SSE event id of a quote. */
  static String eventId(String symbol, long historyId) {
    return symbol + ":" + historyId;
  }

  private static ApiError add(String point, Map<String, Long> lastSeen) {
    int colon = point.lastIndexOf(':');
    long historyId;
    try {
      historyId = colon < 0 ? -1 : Long.parseLong(point.substring(colon + 1));
    } catch (NumberFormatException e) {
      historyId = -1;
    }
    if (historyId < 0) {
      return ApiError.invalidRequest(
          "a resume point is SYMBOL:historyId, e.g. AAPL:41; got " + point);
    }
    String raw = point.substring(0, colon);
    Optional<String> symbol = Symbols.normalize(raw);
    if (symbol.isEmpty()) {
      return ApiError.badRequest(
          ClientRequestParser.INVALID_SYMBOL, Rejection.invalidSymbol(raw).message());
    }
    lastSeen.merge(symbol.get(), historyId, Math::max);
    return null;
  }
}
