package io.priceengine.http.limits;

import akka.event.LoggingAdapter;
import akka.http.ParsingErrorHandler;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.scaladsl.model.ErrorInfo;
import akka.http.scaladsl.model.StatusCode;
import akka.http.scaladsl.settings.ServerSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.http.json.ApiError;

/**
 * Akka HTTP's answer to a request it cannot even parse (bad request line, URI or headers too long,
 * unknown method, unsupported HTTP version), in API.md's error body. Configured as {@code
 * akka.http.server.parsing.error-handler}; Akka creates it, so it has no constructor arguments.
 * Unknown methods (501) and HTTP versions (505) are the client's mistake here: 400. The message is
 * fixed per status, so no header value (a token) is ever echoed or logged.
 */
public final class ParsingErrors extends ParsingErrorHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    ApiError error = errorFor(status.intValue());
    RejectedInputLog.shared()
        .rejected(error.status().intValue(), error.code(), "-", "(unparsable request)", "-");
    try {
      return HttpResponse.create()
          .withStatus(error.status())
          .withEntity(ContentTypes.APPLICATION_JSON, MAPPER.writeValueAsBytes(error.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ApiError errorFor(int status) {
    return switch (status) {
      case 413 -> ApiError.payloadTooLarge("request body is too large");
      case 414 ->
          new ApiError(StatusCodes.URI_TOO_LONG, "invalid_request", "request URI is too long");
      case 431 ->
          new ApiError(
              StatusCodes.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "invalid_request",
              "request headers are too large or too many");
      case 501 -> ApiError.invalidRequest("unsupported HTTP method");
      case 505 -> ApiError.invalidRequest("unsupported HTTP version");
      case 408 -> new ApiError(StatusCodes.REQUEST_TIMEOUT, "invalid_request", "request timed out");
      default ->
          status >= 400 && status < 500
              ? new ApiError(StatusCodes.get(status), "invalid_request", "malformed HTTP request")
              : ApiError.invalidRequest("malformed HTTP request");
    };
  }
}
