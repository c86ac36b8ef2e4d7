package io.priceengine.http.ingest;

import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.javadsl.server.Route;
import io.priceengine.engine.Engine;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.ingest.Ingestion;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.IngestRateLimit;
import io.priceengine.http.limits.RejectedInputLog;
import io.priceengine.http.limits.RequestBodies;
import io.priceengine.http.server.ApiDirectives;
import io.priceengine.http.server.HttpSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST /market-data/ticks: push ingestion through {@link Ingestion}, the engine's one way in. A
 * tick counts as accepted only when its entity has persisted it (docs/architecture.md, "Durability
 * of ingestion"); a tick whose entity did not answer is reported as {@code unavailable} so the
 * client can retry it (with the same {@code tickId}s), and a request with nothing but such ticks is
 * a 503. When the node has too many ticks in flight the request is refused before any of it is
 * handed on: 503 {@code overloaded} with {@code Retry-After} (docs/reliability.md, "Overload").
 */
public final class TickRoutes extends ApiDirectives {
  private static final String UNAVAILABLE = "unavailable";
  private static final long OVERLOADED_RETRY_AFTER_SECONDS = 1;

  /** The response body. */
  public record IngestResult(long accepted, List<RejectedTick> rejected) {}

  /** One line of the response's {@code rejected} list. */
  public record RejectedTick(int index, String code, String message) {}

  private final Ingestion ingestion;
  private final TickParser parser;
  private final ProviderStats stats;
  private final RejectedInputLog rejectedLog;
  private final Clock clock;
  private final long maxBodyBytes;
  private final RequestBodies bodies;
  private final IngestRateLimit rateLimit;

  public TickRoutes(
      Json json,
      Tokens tokens,
      Engine engine,
      HttpSettings http,
      RequestBodies bodies,
      Clock clock) {
    super(json, tokens);
    this.ingestion = engine.ingestion();
    this.parser = new TickParser(json.mapper(), engine.catalog(), http.maxTicksPerRequest());
    this.stats = engine.stats();
    this.rejectedLog = RejectedInputLog.shared();
    this.clock = clock;
    this.maxBodyBytes = http.maxTickBodyBytes();
    this.bodies = bodies;
    this.rateLimit = new IngestRateLimit(http.ingestRateLimit(), http.ingestBurst());
  }

  public Route route() {
    return path(
        "ticks",
        () ->
            post(
                () ->
                    authorizedAs(
                        Role.INGEST,
                        token ->
                            ingestion.refuseIfFull()
                                ? overloadedDiscardingBody()
                                : bodies.read(maxBodyBytes, body -> ingest(token, body)))));
  }

  /**
   * A node already at its bound refuses before it reads and parses the body: under overload that
   * work is what would otherwise delay every answer (docs/reliability.md, "Overload").
   */
  private Route overloadedDiscardingBody() {
    return extractMaterializer(
        materializer ->
            extractRequestEntity(
                entity -> {
                  entity.discardBytes(materializer);
                  return overloaded();
                }));
  }

  private Route overloaded() {
    return respondWithHeader(
        RetryAfter.create(OVERLOADED_RETRY_AFTER_SECONDS),
        () ->
            error(
                ApiError.overloaded(
                    "this node has too many ticks in flight; nothing of this request was"
                        + " persisted, retry later")));
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
    Optional<CompletionStage<List<Outcome>>> delivered = deliver(parsed.items());
    if (delivered.isEmpty()) {
      return overloaded();
    }
    return onSuccess(
        delivered.get(),
        outcome -> {
          long accepted = outcome.stream().filter(o -> o.rejection() == null).count();
          List<RejectedTick> rejected =
              outcome.stream()
                  .filter(o -> o.rejection() != null)
                  .map(
                      o ->
                          new RejectedTick(
                              o.index(), o.rejection().code(), o.rejection().message()))
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

  /**
   * The outcome of every item, in request order: parse refusals at once, the rest once answered;
   * empty when admission control refused the request (then nothing of it was handed on).
   */
  private Optional<CompletionStage<List<Outcome>>> deliver(List<TickParser.Item> items) {
    List<Tick> ticks = new ArrayList<>(items.size());
    for (TickParser.Item item : items) {
      if (item.rejection() != null) {
        stats.of(ProviderCatalog.PUSH).rejected(item.rejection().code());
        rejectedLog.rejectedTick(
            item.rejection().code(), ProviderCatalog.PUSH, item.rejection().message());
      } else {
        ticks.add(item.tick());
      }
    }
    Optional<CompletionStage<List<SymbolEntity.UpdateResult>>> answers =
        ticks.isEmpty()
            ? Optional.of(CompletableFuture.completedFuture(List.of()))
            : ingestion.deliverIfAdmitted(ticks, Ingestion.Attempts.RETRY_ONCE);
    return answers.map(
        answered ->
            answered.thenApply(
                results -> {
                  List<Outcome> outcomes = new ArrayList<>(items.size());
                  int next = 0;
                  for (TickParser.Item item : items) {
                    Rejection rejection =
                        item.rejection() != null
                            ? item.rejection()
                            : rejection(results.get(next++));
                    outcomes.add(new Outcome(item.index(), rejection));
                  }
                  return outcomes;
                }));
  }

  private static Rejection rejection(SymbolEntity.UpdateResult result) {
    if (result instanceof SymbolEntity.Rejected rejected) {
      return rejected.rejection();
    }
    if (result instanceof SymbolEntity.Unavailable unavailable) {
      return new Rejection(UNAVAILABLE, unavailable.message());
    }
    return null;
  }
}
