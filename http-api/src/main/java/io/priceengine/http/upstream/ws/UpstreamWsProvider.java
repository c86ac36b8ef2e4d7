package io.priceengine.http.upstream.ws;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.Uri;
import akka.http.javadsl.model.headers.Authorization;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.TextMessage;
import akka.http.javadsl.model.ws.WebSocketRequest;
import akka.http.javadsl.model.ws.WebSocketUpgradeResponse;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.CoveredSymbols;
import io.priceengine.engine.provider.PriceProvider;
import io.priceengine.engine.provider.ProviderContext;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A market-data WebSocket feed. Each run of {@link #ticks()} is one connection: it subscribes to
 * every covered symbol, follows POST/DELETE /symbols with subscribe/unsubscribe messages, and ends
 * when the upstream closes the connection, fails, or stays silent past the idle timeout. {@link
 * io.priceengine.engine.provider.TickIngestion} then reconnects with exponential backoff and
 * jitter, and the new connection subscribes afresh.
 */
public final class UpstreamWsProvider implements PriceProvider {
  public static final String CODE = "upstream-ws";
  private static final Logger log = LoggerFactory.getLogger(UpstreamWsProvider.class);

  private final UpstreamWsSettings settings;
  private final CoveredSymbols covered;
  private final SymbolUniverse universe;
  private final Json json;
  private final TradeMessages messages;
  private final ProviderErrors errors;
  private final ProviderStats.Counters counters;
  private final ActorSystem<?> system;
  private final String where;

  UpstreamWsProvider(
      UpstreamWsSettings settings,
      SymbolUniverse universe,
      Json json,
      ProviderErrors errors,
      ProviderStats.Counters counters,
      ActorSystem<?> system) {
    this.settings = settings;
    this.covered = new CoveredSymbols(settings.symbols(), universe);
    this.universe = universe;
    this.json = json;
    this.messages = new TradeMessages(json.mapper(), errors);
    this.errors = errors;
    this.counters = counters;
    this.system = system;
    this.where = hostAndPort(Uri.create(settings.url()));
    counters.upstreamUp(false);
  }

  public static UpstreamWsProvider create(ProviderContext context) {
    return new UpstreamWsProvider(
        UpstreamWsSettings.fromConfig(context.config()),
        context.universe(),
        Json.create(context.system()),
        new ProviderErrors(CODE, context.counters(), context.clock()),
        context.counters(),
        context.system());
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Source<Tick, NotUsed> ticks() {
    return subscriptionMessages()
        .viaMat(Http.get(system).webSocketClientFlow(request()), Keep.right())
        .mapMaterializedValue(
            upgrade -> {
              upgrade.whenComplete(this::connected);
              return NotUsed.getInstance();
            })
        .idleTimeout(settings.idleTimeout())
        .mapAsync(1, this::text)
        .mapConcat(text -> text.map(messages::ticks).orElse(List.of()))
        .filter(tick -> !universe.isInactive(tick.symbol()))
        .conflateWithSeed(UpstreamWsProvider::latestOf, UpstreamWsProvider::withLatest)
        .mapConcat(LinkedHashMap::values)
        .mapError(Throwable.class, this::redacted)
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((ok, error) -> disconnected(error));
              return notUsed;
            });
  }

  /**
   * While the engine is behind, trades wait here conflated per symbol, the latest winning: the
   * socket keeps being read (an upstream drops a client that stops reading) and the buffer holds at
   * most one trade per symbol. Only the price history loses the intermediate trades.
   */
  private static LinkedHashMap<String, Tick> latestOf(Tick tick) {
    return withLatest(new LinkedHashMap<>(), tick);
  }

  private static LinkedHashMap<String, Tick> withLatest(
      LinkedHashMap<String, Tick> latest, Tick tick) {
    latest.put(tick.symbol(), tick);
    return latest;
  }

  /**
   * What this connection sends: every refresh, the (un)subscriptions that bring it to the covered
   * symbols. The tick source drops refreshes while the upstream is slow to take messages, so at
   * most one diff is pending. It never completes: completing would close the connection.
   */
  private Source<Message, NotUsed> subscriptionMessages() {
    return Source.tick(Duration.ZERO, settings.subscriptionRefresh(), NotUsed.getInstance())
        .mapMaterializedValue(cancellable -> NotUsed.getInstance())
        .statefulMapConcat(
            () -> {
              Subscriptions subscriptions = new Subscriptions(json.mapper());
              return refresh -> subscriptions.changeTo(covered.current());
            })
        .map(TextMessage::create);
  }

  private WebSocketRequest request() {
    Uri uri = Uri.create(settings.url());
    if (settings.token().isEmpty()) {
      return WebSocketRequest.create(uri);
    }
    if (!settings.tokenParameter().isEmpty()) {
      return WebSocketRequest.create(
          uri.query(uri.query().withParam(settings.tokenParameter(), settings.token())));
    }
    return WebSocketRequest.create(uri).addHeader(Authorization.oauth2(settings.token()));
  }

  private void connected(WebSocketUpgradeResponse upgrade, Throwable error) {
    if (error == null && upgrade.isValid()) {
      counters.upstreamUp(true);
      log.info("upstream-ws connected to {}", where);
    } else if (error == null) {
      // e.g. 401 for a bad token; the stream fails and is retried with backoff. Not the
      // invalidation reason: it quotes the URL, token included.
      log.warn(
          "upstream-ws at {} refused the WebSocket: HTTP {}", where, upgrade.response().status());
    }
  }

  private void disconnected(Throwable error) {
    counters.upstreamUp(false);
    if (error == null) {
      log.warn("upstream-ws connection to {} closed; reconnecting with backoff", where);
    }
  }

  /**
   * The failure with the token blanked out of its message: Akka HTTP quotes the request URL in some
   * failures, and TickIngestion logs them.
   */
  private Throwable redacted(Throwable error) {
    String message = String.valueOf(error.getMessage());
    if (settings.token().isEmpty() || !message.contains(settings.token())) {
      return error;
    }
    return new IllegalStateException(
        error.getClass().getSimpleName() + ": " + message.replace(settings.token(), "***"));
  }

  /** For logs: host and port only, because the URL may carry the token. */
  private static String hostAndPort(Uri uri) {
    return uri.port() == 0 ? uri.host().address() : uri.host().address() + ":" + uri.port();
  }

  /** A message's whole text, bounded; binary and oversized messages are skipped. */
  private CompletionStage<Optional<String>> text(Message message) {
    if (!message.isText()) {
      message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), system);
      errors.report("binary message", "");
      return CompletableFuture.completedFuture(Optional.empty());
    }
    TextMessage text = message.asTextMessage();
    if (text.isStrict()) {
      return CompletableFuture.completedFuture(bounded(text.getStrictText()));
    }
    return text.getStreamedText()
        .limitWeighted(settings.maxMessageChars(), part -> (long) part.length())
        .runFold(new StringBuilder(), StringBuilder::append, system)
        .handle(
            (whole, error) -> {
              if (error != null) {
                errors.report("oversized message", "");
                return Optional.empty();
              }
              return Optional.of(whole.toString());
            });
  }

  private Optional<String> bounded(String text) {
    if (text.length() > settings.maxMessageChars()) {
      errors.report("oversized message", text);
      return Optional.empty();
    }
    return Optional.of(text);
  }
}
