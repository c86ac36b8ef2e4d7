package io.priceengine.http.stream;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many WebSocket and SSE subscribers this node serves right now, and the quotes sent to them
 * and conflated away (admin metrics, /metrics).
 */
public final class StreamSessions {
  private final AtomicLong webSocket = new AtomicLong();
  private final AtomicLong sse = new AtomicLong();
  private final Traffic webSocketTraffic = new Traffic();
  private final Traffic sseTraffic = new Traffic();

  /** Quotes sent on one transport, and quotes dropped by per-client conflation before them. */
  public static final class Traffic {
    private final LongAdder sent = new LongAdder();
    private final LongAdder conflated = new LongAdder();

    /** Counts each quote passing by; a quote's {@code skipped} are the ones conflated away. */
    Flow<ServerMessage, ServerMessage, NotUsed> counting() {
      return Flow.<ServerMessage>create()
          .map(
              message -> {
                if (message instanceof QuoteUpdate update) {
                  sent.increment();
                  conflated.add(update.skipped());
                }
                return message;
              });
    }

    public long quotesSent() {
      return sent.sum();
    }

    public long quotesConflated() {
      return conflated.sum();
    }
  }

  public Traffic webSocketTraffic() {
    return webSocketTraffic;
  }

  public Traffic sseTraffic() {
    return sseTraffic;
  }

  public void webSocketOpened() {
    webSocket.incrementAndGet();
  }

  public void webSocketClosed() {
    webSocket.decrementAndGet();
  }

  public void sseOpened() {
    sse.incrementAndGet();
  }

  public void sseClosed() {
    sse.decrementAndGet();
  }

  public long webSocketSessions() {
    return webSocket.get();
  }

  public long sseSessions() {
    return sse.get();
  }
}
