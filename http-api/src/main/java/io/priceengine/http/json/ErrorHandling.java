package io.priceengine.http.json;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.scaladsl.model.EntityStreamException;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.http.scaladsl.model.IllegalRequestException;
import akka.pattern.AskTimeoutException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where rejections and exceptions become API errors: the client's mistakes are 4xx
 * with the code they deserve, our trouble (timeouts, persistence down) is 503 {@code unavailable},
 * and only a bug is a 500 — logged with its stack trace, which client errors never are.
 */
public final class ErrorHandling {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

  private ErrorHandling() {}

  /** Akka's default rejection handling, with every response rewritten into the API's error body. */
  public static RejectionHandler rejectionHandler(Json json) {
    return RejectionHandler.defaultHandler()
        .mapRejectionResponse(response -> asApiError(json, response));
  }

  public static ExceptionHandler exceptionHandler(Json json) {
    return ExceptionHandler.newBuilder()
        .matchAny(error -> Directives.complete(response(json, classify(error))))
        .build();
  }

  /** The API error for a failure of a request's processing. */
  public static ApiError classify(Throwable failure) {
    Throwable error = unwrap(failure);
    if (error instanceof EntityStreamSizeException) {
      return ApiError.payloadTooLarge("request body is too large");
    }
    if (error instanceof AskTimeoutException || error instanceof TimeoutException) {
      return ApiError.unavailable("the engine did not answer in time; retry later");
    }
    if (error instanceof JsonProcessingException) {
      return ApiError.invalidRequest("malformed JSON");
    }
    if (error instanceof EntityStreamException || error instanceof IllegalRequestException) {
      // the body's framing broke off mid-request (e.g. a bad chunk): the client's fault
      return ApiError.invalidRequest("malformed request body");
    }
    log.error("request failed", error);
    return new ApiError(StatusCodes.INTERNAL_SERVER_ERROR, "internal", "internal error");
  }

  public static HttpResponse response(Json json, ApiError error) {
    try {
      return HttpResponse.create()
          .withStatus(error.status())
          .withEntity(ContentTypes.APPLICATION_JSON, json.mapper().writeValueAsBytes(error.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static HttpResponse asApiError(Json json, HttpResponse response) {
    if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return response;
    }
    String message =
        response.entity() instanceof HttpEntity.Strict strict
            ? strict.getData().utf8String()
            : response.status().reason();
    int status = response.status().intValue();
    String code =
        switch (status) {
          case 401 -> "unauthorized";
          case 403 -> "forbidden";
          case 413 -> "payload_too_large";
          case 429 -> "rate_limited";
          case 503 -> "unavailable";
          default -> status >= 500 ? "internal" : "invalid_request";
        };
    return response(json, new ApiError(response.status(), code, message))
        .withHeaders(response.getHeaders());
  }
}
