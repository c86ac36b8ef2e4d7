package io.priceengine.http.json;

import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;

/**
 * An API error: its HTTP status and the body {@code {"error":{"code","message"}}} of API.md. Client
 * errors are 4xx; {@link #unavailable} (503) means "ours, retry later".
 */
public record ApiError(StatusCode status, String code, String message) {

  /** The JSON body: {@code {"error":{"code","message"}}}. */
  public record Body(Detail error) {}

  public record Detail(String code, String message) {}

  public Body body() {
    return new Body(new Detail(code, message));
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(StatusCodes.BAD_REQUEST, code, message);
  }

  public static ApiError invalidRequest(String message) {
    return badRequest("invalid_request", message);
  }

  public static ApiError symbolNotFound(String symbol) {
    return new ApiError(StatusCodes.NOT_FOUND, "symbol_not_found", "no quote for symbol " + symbol);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message);
  }

  /** The node refused the request before handing any of it on (send with Retry-After). */
  public static ApiError overloaded(String message) {
    return new ApiError(StatusCodes.SERVICE_UNAVAILABLE, "overloaded", message);
  }

  public static ApiError payloadTooLarge(String message) {
    return new ApiError(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large", message);
  }

  public static ApiError requestTimeout(String message) {
    return new ApiError(StatusCodes.REQUEST_TIMEOUT, "invalid_request", message);
  }

  public static ApiError rateLimited(String message) {
    return new ApiError(StatusCodes.TOO_MANY_REQUESTS, "rate_limited", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(StatusCodes.UNAUTHORIZED, "unauthorized", message);
  }
}
