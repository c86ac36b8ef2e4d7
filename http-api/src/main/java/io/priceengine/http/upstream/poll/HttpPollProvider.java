package io.priceengine.http.upstream.poll;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.HttpsConnectionContext;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.headers.Authorization;
import akka.http.javadsl.settings.ClientConnectionSettings;
import akka.http.javadsl.settings.ConnectionPoolSettings;
import akka.stream.javadsl.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.CoveredSymbols;
import io.priceengine.engine.provider.PriceProvider;
import io.priceengine.engine.provider.ProviderContext;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.json.BoundedJson;
import io.priceengine.http.json.Json;
import io.priceengine.http.upstream.MalformedUpstreamData;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import scala.jdk.javaapi.DurationConverters;

/**
 * Polls a REST quote endpoint, one GET per covered symbol and round ({@link PolledQuote} is the
 * answer's shape), at most {@code max-in-flight} requests at a time. A 429, 5xx or no answer pauses
 * every request ({@link PollBackoff}); only quotes newer than the last one seen go on ({@link
 * FreshQuotes}). Rounds follow POST/DELETE /symbols as they happen.
 */
public final class HttpPollProvider implements PriceProvider {
  public static final String CODE = "http-poll";
  private static final int NOT_FOUND = 404;
  private static final int TOO_MANY_REQUESTS = 429;

  private final HttpPollSettings settings;
  private final CoveredSymbols covered;
  private final BoundedJson boundedJson;
  private final FreshQuotes fresh;
  private final PollBackoff backoff;
  private final ProviderErrors errors;
  private final ProviderStats.Counters counters;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final Http http;
  private final HttpsConnectionContext https;
  private final ConnectionPoolSettings pool;

  HttpPollProvider(
      HttpPollSettings settings,
      SymbolUniverse universe,
      FreshQuotes fresh,
      ObjectMapper mapper,
      ProviderErrors errors,
      ProviderStats.Counters counters,
      ActorSystem<?> system,
      Clock clock) {
    this.settings = settings;
    this.covered = new CoveredSymbols(settings.symbols(), universe);
    this.boundedJson = new BoundedJson(mapper);
    this.fresh = fresh;
    this.backoff = new PollBackoff(settings.minBackoff(), settings.maxBackoff(), clock);
    this.errors = errors;
    this.counters = counters;
    this.system = system;
    this.clock = clock;
    this.http = Http.get(system);
    this.https = http.defaultClientHttpsContext();
    this.pool = poolSettings(settings, system);
    counters.upstreamUp(false);
  }

  public static HttpPollProvider create(ProviderContext context) {
    return new HttpPollProvider(
        HttpPollSettings.fromConfig(context.config()),
        context.universe(),
        new FreshQuotes(
            symbol ->
                context.entities().quote(symbol).thenApply(q -> q.map(Quote::sourceTimestamp))),
        Json.create(context.system()).mapper(),
        new ProviderErrors(CODE, context.counters(), context.clock()),
        context.counters(),
        context.system(),
        context.clock());
  }

  /**
   * One connection per request in flight, no retries (the next round is the retry), and a hung
   * connection closed after a request timeout plus an interval, so it stays open between rounds.
   */
  private static ConnectionPoolSettings poolSettings(
      HttpPollSettings settings, ActorSystem<?> system) {
    ClientConnectionSettings connection =
        ClientConnectionSettings.create(system.classicSystem())
            .withConnectingTimeout(DurationConverters.toScala(settings.requestTimeout()))
            .withIdleTimeout(
                DurationConverters.toScala(settings.requestTimeout().plus(settings.interval())));
    return ConnectionPoolSettings.create(system.classicSystem())
        .withMaxConnections(settings.maxInFlight())
        .withMaxOpenRequests(Integer.highestOneBit(settings.maxInFlight()) * 4)
        .withMaxRetries(0)
        .withConnectionSettings(connection);
  }

  @Override
  public String code() {
    return CODE;
  }

  /**
   * A round per interval over the symbols covered at that moment. The tick source drops a round
   * that comes while the previous one is still running, so slow upstreams never pile up requests.
   */
  @Override
  public Source<Tick, NotUsed> ticks() {
    return Source.tick(Duration.ZERO, settings.interval(), NotUsed.getInstance())
        .mapMaterializedValue(cancellable -> NotUsed.getInstance())
        .mapConcat(round -> backoff.paused() ? List.<String>of() : List.copyOf(covered.current()))
        .mapAsyncUnordered(settings.maxInFlight(), this::poll)
        .mapConcat(tick -> tick.map(List::of).orElse(List.of()));
  }

  /** Never fails: every problem is counted, logged (rate-limited) and skipped. */
  private CompletionStage<Optional<Tick>> poll(String symbol) {
    if (backoff.paused()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return http.singleRequest(request(symbol), https, pool, system.classicSystem().log())
        .toCompletableFuture()
        .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(response -> read(symbol, response))
        .exceptionally(
            error -> {
              unreachable(error);
              return Optional.empty();
            })
        .thenCompose(
            tick ->
                tick.isEmpty() ? CompletableFuture.completedFuture(tick) : fresh.ifNew(tick.get()))
        .exceptionally(
            entityError -> {
              // The entity did not say where it is; the next round asks again.
              errors.report("entity not reachable", entityError.toString());
              return Optional.empty();
            });
  }

  private HttpRequest request(String symbol) {
    HttpRequest request = HttpRequest.GET(settings.urlFor(symbol));
    return settings.token().isEmpty()
        ? request
        : request.addHeader(Authorization.oauth2(settings.token()));
  }

  private CompletionStage<Optional<Tick>> read(String symbol, HttpResponse response) {
    int status = response.status().intValue();
    if (status == 200) {
      backoff.succeeded();
      counters.upstreamUp(true);
      return response
          .entity()
          .toStrict(settings.requestTimeout().toMillis(), settings.maxResponseBytes(), system)
          .handle(
              (strict, error) -> {
                if (error != null) {
                  errors.report("unreadable or oversized response", symbol + ": " + error);
                  return Optional.empty();
                }
                return parse(symbol, strict.getData().utf8String());
              });
    }
    response.discardEntityBytes(system);
    if (status == TOO_MANY_REQUESTS || status >= 500) {
      counters.upstreamUp(false);
      Duration pause =
          backoff.failed(
              PollBackoff.retryAfter(
                  response.getHeader("Retry-After").map(HttpHeader::value), clock.instant()));
      errors.report("HTTP " + status + ", pausing", symbol + ": paused for " + pause);
    } else {
      if (status != NOT_FOUND) {
        // e.g. 401/403: a wrong token fails every request alike.
        counters.upstreamUp(false);
      }
      errors.report("HTTP " + status, symbol);
    }
    return CompletableFuture.completedFuture(Optional.empty());
  }

  private Optional<Tick> parse(String symbol, String body) {
    try {
      return Optional.of(PolledQuote.parse(boundedJson.readTree(body), symbol));
    } catch (JsonProcessingException e) {
      errors.report("bad JSON", body);
    } catch (MalformedUpstreamData e) {
      errors.report(e.kind(), body);
    }
    return Optional.empty();
  }

  private void unreachable(Throwable error) {
    counters.upstreamUp(false);
    Duration pause = backoff.failed(Optional.empty());
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    errors.report("no answer, pausing", cause + "; paused for " + pause);
  }
}
