package io.priceengine.http.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads the quotes of a set of symbols from a node at a fixed rate, without waiting for earlier
 * reads (while a symbol's node is gone a read waits for the ask timeout), and records when each
 * read was sent and whether it came back complete. The first complete read sent after a node was
 * killed tells when its symbols answered again.
 */
final class FailoverProbe implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Read(Instant sent, Instant answered, boolean complete) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;
  private final Duration every;
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final Thread thread;

  FailoverProbe(String baseUrl, List<String> symbols, Duration every) {
    this.uri =
        URI.create(baseUrl + "/api/v1/market-data/prices?symbols=" + String.join(",", symbols));
    this.every = every;
    this.thread = new Thread(this::run, "failover-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      Instant sent = Instant.now();
      http.sendAsync(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, error) ->
                  reads.add(new Read(sent, Instant.now(), error == null && complete(response))));
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean complete(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return false;
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      return body.path("missing").isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** The complete read sent after {@code since} that came back first. */
  Optional<Read> firstCompleteAfter(Instant since) {
    return reads.stream()
        .filter(r -> r.complete() && r.sent().isAfter(since))
        .min(Comparator.comparing(Read::answered));
  }

  /** Reads sent after {@code since} that did not come back complete. */
  long failedAfter(Instant since) {
    return reads.stream().filter(r -> !r.complete() && r.sent().isAfter(since)).count();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
