package io.priceengine.engine.provider;

import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Symbols;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The symbols an upstream feed should produce right now: those configured for it plus every active
 * symbol of the universe, minus the delisted ones. Read on each use, so that POST and DELETE
 * /symbols reach running feeds within one universe refresh.
 */
public final class CoveredSymbols {
  private final List<String> configured;
  private final SymbolUniverse universe;

  public CoveredSymbols(List<String> configured, SymbolUniverse universe) {
    this.configured = List.copyOf(configured);
    this.universe = universe;
  }

  /**
   * Parses a comma-separated list of symbols from configuration; an invalid one fails start-up
   * rather than being silently dropped.
   */
  public static List<String> parse(String commaSeparated, String setting) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(raw -> !raw.isEmpty())
        .map(
            raw ->
                Symbols.normalize(raw)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "invalid symbol in " + setting + ": " + raw)))
        .distinct()
        .toList();
  }

  /** In a stable order: configured first, then the universe's alphabetically. */
  public Set<String> current() {
    Set<String> symbols = new LinkedHashSet<>();
    for (String symbol : configured) {
      if (!universe.isInactive(symbol)) {
        symbols.add(symbol);
      }
    }
    universe.listings().values().stream()
        .filter(Listing::active)
        .map(Listing::symbol)
        .sorted()
        .forEach(symbols::add);
    return symbols;
  }
}
