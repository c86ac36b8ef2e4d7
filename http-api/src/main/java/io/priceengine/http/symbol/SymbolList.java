package io.priceengine.http.symbol;

import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.http.json.ApiError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A comma-separated {@code symbols} parameter: canonical symbols in request order without
 * duplicates, or the API error that explains what is wrong with it.
 */
public record SymbolList(List<String> symbols, ApiError error) {

  public static SymbolList parse(Optional<String> raw, int max) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      return failure(
          ApiError.invalidRequest("query parameter symbols is required, e.g. ?symbols=AAPL,MSFT"));
    }
    String[] parts = raw.get().split(",", -1);
    if (parts.length > max) {
      return failure(tooMany(max));
    }
    Set<String> symbols = new LinkedHashSet<>();
    for (String part : parts) {
      String trimmed = withoutSpaces(part);
      if (trimmed.isEmpty()) {
        continue;
      }
      Optional<String> symbol = Symbols.normalize(trimmed);
      if (symbol.isEmpty()) {
        return failure(
            ApiError.badRequest("invalid_symbol", Rejection.invalidSymbol(trimmed).message()));
      }
      symbols.add(symbol.get());
    }
    if (symbols.isEmpty()) {
      return failure(ApiError.invalidRequest("query parameter symbols names no symbol"));
    }
    return new SymbolList(List.copyOf(symbols), null);
  }

  /**
   * {@code part} without surrounding spaces. Not {@link String#trim}: it also drops control
   * characters, and {@code AAPL%00} must be refused, not read as {@code AAPL}.
   */
  public static String withoutSpaces(String part) {
    int start = 0;
    int end = part.length();
    while (start < end && part.charAt(start) == ' ') {
      start++;
    }
    while (end > start && part.charAt(end - 1) == ' ') {
      end--;
    }
    return part.substring(start, end);
  }

  public static ApiError tooMany(int max) {
    return ApiError.badRequest("too_many_symbols", "at most " + max + " symbols per request");
  }

  public <T> T fold(Function<ApiError, T> onError, Function<List<String>, T> onSymbols) {
    return error != null ? onError.apply(error) : onSymbols.apply(symbols);
  }

  private static SymbolList failure(ApiError error) {
    return new SymbolList(List.of(), error);
  }
}
