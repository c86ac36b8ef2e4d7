package io.priceengine.http.limits;

import akka.http.javadsl.model.AttributeKeys;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.RemoteAddress;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Supplier;

/** Reports every 4xx answer of the API to the {@link RejectedInputLog}. */
public final class RejectedInputLogging extends AllDirectives {
  private final ObjectMapper mapper;
  private final RejectedInputLog log;

  public RejectedInputLogging(ObjectMapper mapper, RejectedInputLog log) {
    this.mapper = mapper;
    this.log = log;
  }

  public Route around(Supplier<Route> inner) {
    return extractRequest(request -> mapResponse(response -> logged(request, response), inner));
  }

  private HttpResponse logged(HttpRequest request, HttpResponse response) {
    int status = response.status().intValue();
    if (status >= 400 && status < 500) {
      log.rejected(
          status,
          () -> code(response),
          request.method().name(),
          request.getUri().path(),
          request
              .getAttribute(AttributeKeys.remoteAddress)
              .flatMap(RemoteAddress::getAddress)
              .map(InetAddress::getHostAddress)
              .orElse("-"));
    }
    return response;
  }

  private String code(HttpResponse response) {
    if (response.entity() instanceof HttpEntity.Strict strict) {
      try {
        return mapper.readTree(strict.getData().toArray()).path("error").path("code").asText("-");
      } catch (IOException e) {
        return "-";
      }
    }
    return "-";
  }
}
