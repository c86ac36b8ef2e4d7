package io.priceengine.http.ingest;

import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.javadsl.server.Route;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.ApiDirectives;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.IngestRateLimit;
import io.priceengine.http.limits.RejectedInputLog;
import io.priceengine.http.limits.RequestBodies;
import io.priceengine.http.metrics.TickMeters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST /market-data/ticks: push ingestion. A tick counts as accepted only when its entity has
 * persisted it (DESIGN.md decision 5); a tick whose entity did not answer is reported as
 * {@code unavailable} so the client can retry it, and a request with nothing but such ticks is
 * a 503.
 */
public final class TickRoutes extends ApiDirectives {
  private static final String UNAVAILABLE = "unavailable";

  /** The response body. */
  public record IngestResult(long accepted, List<RejectedTick> rejected) {}

  /** One line of the response's {@code rejected} list. */
  public record RejectedTick(int index, String code, String message) {}

  private final SymbolEntities entities;
  private final TickParser parser;
  private final ProviderCatalog providers;
  private final ProviderStats stats;
  private final TickMeters meters;
  private final RejectedInputLog rejectedLog;
  private final Clock clock;
  private final long maxBodyBytes;
  private final RequestBodies bodies;
  private final IngestRateLimit rateLimit;

  public TickRoutes(
      Json json,
      Tokens tokens,
      SymbolEntities entities,
      ProviderCatalog providers,
      ProviderStats stats,
      TickMeters meters,
      Clock clock,
      int maxTicks,
      long maxBodyBytes,
      RequestBodies bodies,
      IngestRateLimit rateLimit) {
    super(json, tokens);
    this.entities = entities;
    this.parser = new TickParser(json.mapper(), providers, maxTicks);
    this.providers = providers;
    this.stats = stats;
    this.meters = meters;
    this.rejectedLog = RejectedInputLog.shared();
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.bodies = bodies;
    this.rateLimit = rateLimit;
  }

  public Route route() {
    return path(
        "ticks",
        () ->
            post(
                () ->
                    authorizedAs(
                        Role.INGEST,
                        token -> bodies.read(maxBodyBytes, body -> ingest(token, body)))));
  }

  private Route ingest(Role token, byte[] body) {
    TickParser.Parsed parsed = parser.parse(body, clock.instant());
    if (parsed.error() != null) {
      return error(parsed.error());
    }
    Duration wait = rateLimit.take(token, parsed.items().size());
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      return respondWithHeader(
          RetryAfter.create(seconds),
          () ->
              error(ApiError.rateLimited("ingest rate limit of this token exceeded; retry later")));
    }
    return onSuccess(
        deliver(parsed.items()),
        outcome -> {
          long accepted = outcome.stream().filter(o -> o.rejection() == null).count();
          List<RejectedTick> rejected =
              outcome.stream()
                  .filter(o -> o.rejection() != null)
                  .sorted(Comparator.comparingInt(Outcome::index))
                  .map(o -> new RejectedTick(o.index(), o.rejection().code(), o.rejection().message()))
                  .toList();
          boolean onlyUnavailable =
              accepted == 0
                  && !rejected.isEmpty()
                  && rejected.stream().anyMatch(r -> r.code().equals(UNAVAILABLE));
          if (onlyUnavailable) {
            return error(ApiError.unavailable("ticks could not be persisted now; retry later"));
          }
          return ok(new IngestResult(accepted, rejected));
        });
  }

  private record Outcome(int index, Rejection rejection) {}

  private CompletionStage<List<Outcome>> deliver(List<TickParser.Item> items) {
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(items.size());
    for (TickParser.Item item : items) {
      if (item.rejection() != null) {
        stats.of(ProviderCatalog.PUSH).rejected(item.rejection().code());
        rejectedLog.rejectedTick(
            item.rejection().code(), ProviderCatalog.PUSH, item.rejection().message());
        outcomes.add(CompletableFuture.completedFuture(new Outcome(item.index(), item.rejection())));
      } else {
        outcomes.add(deliver(item.index(), item.tick()).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .thenApply(done -> outcomes.stream().map(CompletableFuture::join).toList());
  }

  private CompletionStage<Outcome> deliver(int index, Tick tick) {
    ProviderStats.Counters counters =
        stats.of(providers.find(tick.provider()).isPresent() ? tick.provider() : ProviderCatalog.PUSH);
    long asked = System.nanoTime();
    return entities
        .deliver(tick)
        .handle(
            (result, failure) -> {
              Duration latency = Duration.ofNanos(System.nanoTime() - asked);
              if (failure != null) {
                meters.persisted(TickMeters.UNAVAILABLE, latency);
                counters.error();
                return new Outcome(
                    index, new Rejection(UNAVAILABLE, "not persisted in time; retry this tick"));
              }
              if (result instanceof SymbolEntity.Accepted accepted) {
                meters.persisted(TickMeters.ACCEPTED, latency);
                counters.accepted(accepted.quote().lastUpdated());
                return new Outcome(index, null);
              }
              meters.persisted(TickMeters.REJECTED, latency);
              Rejection rejection = ((SymbolEntity.Rejected) result).rejection();
              counters.rejected(rejection.code());
              return new Outcome(index, rejection);
            });
  }
}
