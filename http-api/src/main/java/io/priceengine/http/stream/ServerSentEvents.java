package io.priceengine.http.stream;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.util.List;

/**
 * The {@code text/event-stream} form of a subscription (API.md, Server-Sent Events): one {@code
 * quote} event per quote, with {@code SYMBOL:historyId} as its id so that a reconnecting browser's
 * {@code Last-Event-ID} says where to resume, and a heartbeat becomes a comment line that keeps an
 * idle stream open. Replies meant for WebSocket clients have no SSE form and are left out.
 */
final class ServerSentEvents {
  private static final ByteString KEEP_ALIVE = ByteString.fromString(": keep-alive\n\n");

  private ServerSentEvents() {}

  static Flow<ServerMessage, ByteString, NotUsed> events(MessageWriter writer) {
    return Flow.<ServerMessage>create()
        .mapConcat(
            message -> {
              if (message instanceof QuoteUpdate update) {
                return List.of(event(writer, update));
              }
              return message instanceof ServerMessage.Heartbeat
                  ? List.of(KEEP_ALIVE)
                  : List.<ByteString>of();
            });
  }

  private static ByteString event(MessageWriter writer, QuoteUpdate update) {
    // JSON is written without line breaks, so the quote is one data line
    return ByteString.fromString(
        "event: quote\nid: "
            + ResumePoints.eventId(update.quote().symbol(), update.quote().historyId())
            + "\ndata: "
            + writer.quote(update.quote())
            + "\n\n");
  }
}
