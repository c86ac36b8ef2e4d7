package io.priceengine.engine.provider;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.symbol.Quote;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One line of {@code GET /api/v1/providers}: a catalog entry with what this node sees of it. {@code
 * status} is {@code up} (enabled, its stream runs and its upstream answers), {@code down} (enabled
 * but failing or reconnecting) or {@code disabled}.
 */
public record ProviderStatus(
    String code,
    String displayName,
    int priority,
    String status,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant lastTickAt,
    long ticks,
    long errors) {

  public static final String UP = "up";
  public static final String DOWN = "down";
  public static final String DISABLED = "disabled";

  /**
   * Every catalog entry, preferred first. {@code enabled} are the started providers; push is always
   * enabled and up, because the ingest endpoint is part of the running API.
   */
  public static List<ProviderStatus> of(
      ProviderCatalog catalog, Collection<String> enabled, ProviderStats stats) {
    return catalog.all().stream()
        .map(
            spec -> {
              ProviderStats.Counters counters = stats.of(spec.code());
              String status;
              if (spec.code().equals(ProviderCatalog.PUSH)) {
                status = UP;
              } else if (!enabled.contains(spec.code())) {
                status = DISABLED;
              } else {
                status = counters.isUp() ? UP : DOWN;
              }
              return new ProviderStatus(
                  spec.code(),
                  spec.displayName(),
                  spec.priority(),
                  status,
                  counters.lastTickAt().orElse(null),
                  counters.acceptedCount(),
                  counters.errorCount());
            })
        .toList();
  }
}
