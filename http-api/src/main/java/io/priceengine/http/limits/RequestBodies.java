package io.priceengine.http.limits;

import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.ErrorHandling;
import io.priceengine.http.json.Json;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads a request body whole, bounded in size (413 {@code payload_too_large}, chunked bodies too)
 * and in time: a body that has not fully arrived within {@code timeout} (a slowloris client
 * dribbling bytes) is a 408, so a connection cannot hold a route open for as long as it likes.
 */
public final class RequestBodies extends AllDirectives {
  private final Json json;
  private final Duration timeout;

  public RequestBodies(Json json, Duration timeout) {
    this.json = json;
    this.timeout = timeout;
  }

  public Route read(long maxBytes, Function<byte[], Route> inner) {
    return extractMaterializer(
        materializer ->
            extractRequestEntity(
                entity ->
                    onComplete(
                        entity.withSizeLimit(maxBytes).toStrict(timeout.toMillis(), materializer),
                        strict ->
                            strict.isSuccess()
                                ? inner.apply(strict.get().getData().toArray())
                                : failed(strict.failed().get()))));
  }

  private Route failed(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    ApiError error =
        cause instanceof TimeoutException
            ? ApiError.requestTimeout(
                "the request body did not arrive within " + timeout.toSeconds() + " s")
            : ErrorHandling.classify(cause);
    return complete(ErrorHandling.response(json, error));
  }
}
