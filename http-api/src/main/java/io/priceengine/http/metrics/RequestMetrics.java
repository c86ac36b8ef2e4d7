package io.priceengine.http.metrics;

import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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
                Timer.builder("http.server.requests")
                    .description("HTTP requests until the response starts")
                    .tags(
                        "method", method,
                        "route", route,
                        "status", Integer.toString(response.status().intValue()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - started));
                return response;
              },
              inner);
        });
  }
}
