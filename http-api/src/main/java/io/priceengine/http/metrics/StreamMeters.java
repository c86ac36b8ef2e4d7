package io.priceengine.http.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.priceengine.http.stream.StreamSessions;
import java.util.function.ToLongFunction;

/**
 * WebSocket and SSE meters of this node, tagged {@code transport}: open sessions, quotes sent, and
 * quotes conflated away for slow or rate-limited clients.
 */
public final class StreamMeters {
  private StreamMeters() {}

  public static void bind(MeterRegistry registry, StreamSessions sessions) {
    bind(
        registry,
        "websocket",
        sessions,
        StreamSessions::webSocketSessions,
        sessions.webSocketTraffic());
    bind(registry, "sse", sessions, StreamSessions::sseSessions, sessions.sseTraffic());
  }

  private static void bind(
      MeterRegistry registry,
      String transport,
      StreamSessions sessions,
      ToLongFunction<StreamSessions> open,
      StreamSessions.Traffic traffic) {
    Gauge.builder(EngineMetrics.PREFIX + "stream.sessions", sessions, s -> open.applyAsLong(s))
        .description("Open subscriber connections")
        .tag("transport", transport)
        .register(registry);
    FunctionCounter.builder(
            EngineMetrics.PREFIX + "stream.quotes.sent",
            traffic,
            StreamSessions.Traffic::quotesSent)
        .description("Quote messages sent to subscribers (snapshots, replays and live updates)")
        .tag("transport", transport)
        .register(registry);
    FunctionCounter.builder(
            EngineMetrics.PREFIX + "stream.quotes.conflated",
            traffic,
            StreamSessions.Traffic::quotesConflated)
        .description("Quote updates replaced by a newer one before a slow client got them")
        .tag("transport", transport)
        .register(registry);
  }
}
