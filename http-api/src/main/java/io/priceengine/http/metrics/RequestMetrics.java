package io.priceengine.http.metrics;

import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Times every HTTP request until its response starts (for streams: the 101 or the SSE headers),
 * tagged by method, route template (never the raw path: symbols would make the series unbounded)
 * and status. Wraps the whole API outside its error handling, so rejections and errors are counted
 * with the status the client got.
 */
public final class RequestMetrics extends AllDirectives {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;

  /**
   * The timer of each method, route and status seen: found by one map lookup per request instead of
   * building and registering its meter id each time. Bounded like the series themselves.
   */
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public Route timed(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          long started = System.nanoTime();
          String route = RouteTemplates.of(request.getUri().path());
          String method = request.method().name();
          return mapResponse(
              response -> {
                timer(method, route, response.status().intValue())
                    .record(Duration.ofNanos(System.nanoTime() - started));
                return response;
              },
              inner);
        });
  }

  private Timer timer(String method, String route, int status) {
    return timers.computeIfAbsent(
        method + ' ' + route + ' ' + status,
        key ->
            Timer.builder("http.server.requests")
                .description("HTTP requests until the response starts")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
  }
}
