package io.priceengine.http.server;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Settings of the HTTP edge ({@code price-engine.http}), read once at start-up. */
public record HttpSettings(
    String host,
    int port,
    String ingestToken,
    String adminToken,
    String readToken,
    List<String> allowedOrigins,
    int maxTicksPerRequest,
    int maxSymbolsPerRequest,
    long maxTickBodyBytes,
    Duration bodyTimeout,
    double ingestRateLimit,
    double ingestBurst) {

  public static HttpSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.http");
    return new HttpSettings(
        c.getString("host"),
        c.getInt("port"),
        c.getString("ingest-token"),
        c.getString("admin-token"),
        c.getString("read-token"),
        Arrays.stream(c.getString("allowed-origins").split(","))
            .map(String::trim)
            .filter(origin -> !origin.isEmpty())
            .toList(),
        c.getInt("max-ticks-per-request"),
        c.getInt("max-symbols-per-request"),
        c.getBytes("max-tick-body"),
        c.getDuration("body-timeout"),
        c.getDouble("ingest-rate-limit"),
        c.getDouble("ingest-burst"));
  }
}
