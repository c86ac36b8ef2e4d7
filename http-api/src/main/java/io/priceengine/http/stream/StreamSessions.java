package io.priceengine.http.stream;

import java.util.concurrent.atomic.AtomicLong;

/** How many WebSocket and SSE subscribers this node serves right now (admin metrics, /metrics). */
public final class StreamSessions {
  private final AtomicLong webSocket = new AtomicLong();
  private final AtomicLong sse = new AtomicLong();

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
