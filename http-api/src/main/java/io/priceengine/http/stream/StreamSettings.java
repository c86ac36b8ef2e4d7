package io.priceengine.http.stream;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of WebSocket and SSE subscriptions ({@code price-engine.http.stream}), read once.
 *
 * @param heartbeatAfter idle time after which a WebSocket gets a {@code heartbeat} message
 * @param keepAliveAfter idle time after which an SSE stream gets a {@code : keep-alive} comment
 * @param maxSymbols symbols per connection (API.md: 1000)
 * @param maxMessageBytes size of one client message (API.md: 64 KiB); larger closes with 1009
 * @param replayLimit missed updates replayed per symbol (API.md: 1000); more get a snapshot
 * @param replayPage history ids read from the journal per query while replaying
 * @param maxRequestsPerSecond subscribe/unsubscribe messages per second per WebSocket; more get a
 *     {@code rate_limited} error
 * @param maxSessions WebSocket and SSE subscribers of this node together; one more is refused with
 *     503 {@code overloaded}
 */
public record StreamSettings(
    Duration heartbeatAfter,
    Duration keepAliveAfter,
    int maxSymbols,
    long maxMessageBytes,
    int replayLimit,
    int replayPage,
    double maxRequestsPerSecond,
    int maxSessions) {

  public static StreamSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.http.stream");
    return new StreamSettings(
        c.getDuration("heartbeat-after"),
        c.getDuration("keep-alive-after"),
        c.getInt("max-symbols"),
        c.getBytes("max-message"),
        c.getInt("replay-limit"),
        c.getInt("replay-page"),
        c.getDouble("max-requests-per-second"),
        c.getInt("max-sessions"));
  }
}
