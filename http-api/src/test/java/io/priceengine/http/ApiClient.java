package io.priceengine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A JDK HTTP client speaking the API, for tests: JSON in, status and JSON out. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response: its status, raw body, the body parsed (null when not JSON) and headers. */
  public record Response(int status, String body, JsonNode json, HttpHeaders headers) {
    public String errorCode() {
      return json == null ? null : json.path("error").path("code").asText(null);
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Response get(String path) {
    return send(request(path, null).GET().build());
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public Response post(String path, String token, String body) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE().build());
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(), response.body(), parse(response.body()), response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The projection's lag as the admin metrics report it (-1 when they cannot be read). */
  public long projectionLagMillis() {
    JsonNode metrics = get("/api/v1/admin/metrics", TestEngine.ADMIN_TOKEN).json();
    return metrics == null ? -1 : metrics.path("projectionLagMillis").asLong(-1);
  }

  /** Waits until the projection has caught up with the journal (lag 0). */
  public void awaitProjectionCaughtUp(Duration timeout) {
    Polling.await(timeout, this::projectionLagMillis, lag -> lag == 0);
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  /** Polls /health/ready until it answers 200. */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Response last = null;
    while (Instant.now().isBefore(deadline)) {
      last = get("/health/ready");
      if (last.status() == 200) {
        return;
      }
      Polling.pause();
    }
    throw new AssertionError(
        "not ready within " + timeout + ": " + (last == null ? "" : last.body()));
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isEmpty() ? null : MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
