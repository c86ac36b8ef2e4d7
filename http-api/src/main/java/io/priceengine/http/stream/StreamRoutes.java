package io.priceengine.http.stream;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.CacheControl;
import akka.http.javadsl.model.headers.CacheDirectives;
import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.server.Route;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.RejectedInputLog;
import io.priceengine.http.server.ApiDirectives;
import io.priceengine.http.stream.ClientRequest.Subscribe;
import io.priceengine.http.symbol.SymbolList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GET /market-data/ws (WebSocket) and GET /market-data/stream (Server-Sent Events): live quotes
 * with snapshots and resume (API.md). Both are read endpoints that also take {@code ?token=}, since
 * browsers cannot set headers on either; a WebSocket handshake or an event stream must also come
 * from an allowed {@code Origin} when a list is configured (a browser always sends its page's
 * origin, so another site's page cannot ride on a user's token). Sessions are counted while they
 * run.
 */
public final class StreamRoutes extends ApiDirectives {
  private final QuoteFeeds feeds;
  private final StreamSessions sessions;
  private static final long SESSION_CAP_RETRY_AFTER_SECONDS = 5;

  private final StreamSettings settings;
  private final List<String> allowedOrigins;
  private final MessageWriter writer;
  private final WebSocketSession webSockets;
  private final SizeLimitedWebSocket upgrades;
  private final SizeLimitedWebSocket.Frames framesWithoutSymbols;
  private final Clock clock;

  public StreamRoutes(
      Json json,
      Tokens tokens,
      ActorSystem<?> system,
      QuoteFeeds feeds,
      StreamSessions sessions,
      StreamSettings settings,
      List<String> allowedOrigins,
      Clock clock) {
    super(json, tokens);
    this.feeds = feeds;
    this.sessions = sessions;
    this.settings = settings;
    this.allowedOrigins = allowedOrigins;
    this.writer = new MessageWriter(json.mapper());
    this.webSockets =
        new WebSocketSession(
            feeds, settings, json.mapper(), writer, clock, sessions.webSocketTraffic());
    this.upgrades = new SizeLimitedWebSocket(system, settings.maxMessageBytes());
    this.framesWithoutSymbols = upgrades.frames(counted(List.of()));
    this.clock = clock;
  }

  public Route route() {
    return concat(
        path(
            "ws",
            () ->
                get(
                    () ->
                        fromAllowedOrigin(
                            () ->
                                authorized(
                                    Role.READ,
                                    true,
                                    () ->
                                        belowSessionCap(
                                            () ->
                                                parameterOptional("symbols", this::webSocket)))))),
        path(
            "stream",
            () ->
                get(
                    () ->
                        fromAllowedOrigin(
                            () ->
                                authorized(
                                    Role.READ,
                                    true,
                                    () -> belowSessionCap(this::serverSentEvents))))));
  }

  /**
   * A node serving its configured number of subscribers refuses one more with 503 {@code
   * overloaded} (and {@code Retry-After}), before anything of the stream is set up. The count is of
   * running streams, so a burst of simultaneous upgrades may pass it by a few.
   */
  private Route belowSessionCap(Supplier<Route> inner) {
    if (sessions.webSocketSessions() + sessions.sseSessions() < settings.maxSessions()) {
      return inner.get();
    }
    return respondWithHeader(
        RetryAfter.create(SESSION_CAP_RETRY_AFTER_SECONDS),
        () ->
            error(
                ApiError.overloaded(
                    "this node serves its maximum of "
                        + settings.maxSessions()
                        + " WebSocket and SSE subscribers; retry later or on another node")));
  }

  /**
   * With an allow-list, a browser's {@code Origin} must be on it; {@code null} (sandboxed frames,
   * local files) never is. Without the header the client is no browser, which the token governs.
   */
  private Route fromAllowedOrigin(Supplier<Route> inner) {
    return optionalHeaderValueByName(
        "Origin",
        origin ->
            allowedOrigins.isEmpty()
                    || origin.isEmpty()
                    || (!origin.get().equals("null") && allowedOrigins.contains(origin.get()))
                ? inner.get()
                : error(
                    new ApiError(
                        StatusCodes.FORBIDDEN,
                        "forbidden",
                        "streams from origin "
                            + RejectedInputLog.printable(origin.get())
                            + " are not allowed")));
  }

  private Route webSocket(Optional<String> rawSymbols) {
    List<String> initial = List.of();
    if (rawSymbols.isPresent()) {
      SymbolList parsed = SymbolList.parse(rawSymbols, settings.maxSymbols());
      if (parsed.error() != null) {
        return error(parsed.error());
      }
      initial = parsed.symbols();
    }
    // A connection keeps its stream's blueprint for its lifetime: one shared blueprint for every
    // connection without ?symbols= saves each idle connection about a third of its heap.
    SizeLimitedWebSocket.Frames frames =
        initial.isEmpty() ? framesWithoutSymbols : upgrades.frames(counted(initial));
    return extractRequest(
        request ->
            upgrades
                .upgrade(request, frames)
                .map(this::complete)
                .orElseGet(
                    () -> error(ApiError.invalidRequest("expected a WebSocket upgrade request"))));
  }

  /** The connection's flow, counted in the sessions while it runs. */
  private Flow<Message, Message, NotUsed> counted(List<String> initialSymbols) {
    return webSockets
        .flow(initialSymbols)
        .watchTermination(
            (mat, done) -> {
              sessions.webSocketOpened();
              done.whenComplete((ok, failure) -> sessions.webSocketClosed());
              return mat;
            });
  }

  private Route serverSentEvents() {
    return parameterOptional(
        "symbols",
        symbols ->
            parameterOptional(
                "since",
                since ->
                    optionalHeaderValueByName(
                        "Last-Event-ID",
                        lastEventId -> serverSentEvents(symbols, since, lastEventId))));
  }

  private Route serverSentEvents(
      Optional<String> rawSymbols, Optional<String> since, Optional<String> lastEventId) {
    SymbolList symbols = SymbolList.parse(rawSymbols, settings.maxSymbols());
    if (symbols.error() != null) {
      return error(symbols.error());
    }
    ResumePoints resume = ResumePoints.parse(since, lastEventId);
    if (resume.error() != null) {
      return error(resume.error());
    }
    Source<ByteString, NotUsed> events =
        Source.<ClientRequest>single(
                new Subscribe(null, symbols.symbols(), null, resume.lastSeen()))
            .concat(Source.never()) // the request side of an SSE stream never ends by itself
            .via(new SubscriptionStage(feeds, settings, settings.keepAliveAfter(), clock))
            .via(sessions.sseTraffic().counting())
            .via(ServerSentEvents.events(writer))
            .watchTermination(
                (mat, done) -> {
                  sessions.sseOpened();
                  done.whenComplete((ok, failure) -> sessions.sseClosed());
                  return mat;
                });
    return complete(
        HttpResponse.create()
            .withEntity(
                HttpEntities.createChunked(MediaTypes.TEXT_EVENT_STREAM.toContentType(), events))
            .addHeader(CacheControl.create(CacheDirectives.NO_CACHE)));
  }
}
