package io.priceengine.http.stream;

import akka.NotUsed;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.TextMessage;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Source;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.http.limits.TokenBucket;
import io.priceengine.http.stream.ClientRequest.Subscribe;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The message handling of one WebSocket connection (API.md, WebSocket): client text messages become
 * requests for a {@link SubscriptionStage}, its messages go out as JSON text, and a {@code
 * heartbeat} fills every silence of the configured length. Message size is bounded before this, by
 * {@link SizeLimitedWebSocket}, so collecting a streamed text message here is safe.
 */
final class WebSocketSession {
  static final String RATE_LIMITED = "rate_limited";

  private final QuoteFeeds feeds;
  private final StreamSettings settings;
  private final MessageWriter writer;
  private final ClientRequestParser parser;
  private final Clock clock;
  private final StreamSessions.Traffic traffic;

  WebSocketSession(
      QuoteFeeds feeds,
      StreamSettings settings,
      ObjectMapper mapper,
      MessageWriter writer,
      Clock clock,
      StreamSessions.Traffic traffic) {
    this.feeds = feeds;
    this.settings = settings;
    this.writer = writer;
    this.parser = new ClientRequestParser(mapper, settings.maxSymbols());
    this.clock = clock;
    this.traffic = traffic;
  }

  /** A connection's flow; {@code initialSymbols} (from {@code ?symbols=}) are subscribed first. */
  Flow<Message, Message, NotUsed> flow(List<String> initialSymbols) {
    Flow<Message, ClientRequest, NotUsed> requests =
        Flow.<Message>create().flatMapConcat(this::request).statefulMapConcat(this::rateLimited);
    if (!initialSymbols.isEmpty()) {
      requests =
          requests.prepend(Source.single(new Subscribe(null, initialSymbols, null, Map.of())));
    }
    return requests
        .via(new SubscriptionStage(feeds, settings, settings.heartbeatAfter(), clock))
        .via(traffic.counting())
        .map(message -> (Message) TextMessage.create(writer.write(message)));
  }

  /**
   * Subscribe and unsubscribe messages beyond the configured rate each get a {@code rate_limited}
   * error instead (the connection stays open): each one costs fan-out work, the rest do not.
   */
  private akka.japi.function.Function<ClientRequest, Iterable<ClientRequest>> rateLimited() {
    double rate = settings.maxRequestsPerSecond();
    TokenBucket bucket = TokenBucket.of(rate, rate);
    return request -> {
      boolean costly =
          request instanceof ClientRequest.Subscribe
              || request instanceof ClientRequest.Unsubscribe;
      if (costly && !bucket.take(1).isZero()) {
        return List.of(
            new ClientRequest.Invalid(
                request.id(),
                RATE_LIMITED,
                "at most " + rate + " subscribe/unsubscribe messages per second"));
      }
      return List.of(request);
    };
  }

  private Source<ClientRequest, NotUsed> request(Message message) {
    if (!message.isText()) {
      return message
          .asBinaryMessage()
          .getStreamedData()
          .fold(0L, (length, chunk) -> length + chunk.length()) // drained, not kept
          .map(
              length ->
                  (ClientRequest)
                      new ClientRequest.Invalid(
                          null,
                          ClientRequestParser.INVALID_REQUEST,
                          "binary messages are not understood; send JSON text"))
          .mapMaterializedValue(mat -> NotUsed.getInstance());
    }
    TextMessage text = message.asTextMessage();
    if (text.isStrict()) {
      return Source.single(parser.parse(text.getStrictText()));
    }
    return text.getStreamedText()
        .fold(new StringBuilder(), StringBuilder::append)
        .map(collected -> parser.parse(collected.toString()))
        .mapMaterializedValue(mat -> NotUsed.getInstance());
  }
}
