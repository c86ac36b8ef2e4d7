package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Gives symbols a quote before a measurement that needs one: one tick per symbol pushed over HTTP,
 * 1,000 per request, each request retried until every tick in it is accepted (a loaded engine
 * answers 503 and asks to retry).
 */
final class TickSeeder {

  private static final int MAX_ATTEMPTS = 20;

  private TickSeeder() {}

  static void seed(HttpClient client, URI baseUrl, String token, List<String> symbols)
      throws IOException, InterruptedException {
    for (int from = 0; from < symbols.size(); from += 1000) {
      List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + 1000));
      StringBuilder body = new StringBuilder("{\"ticks\":[");
      for (int i = 0; i < chunk.size(); i++) {
        if (i > 0) body.append(',');
        body.append("{\"symbol\":\"").append(chunk.get(i)).append("\",\"price\":100.5}");
      }
      body.append("]}");
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/market-data/ticks"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build();
      send(client, request, chunk.size());
    }
  }

  private static void send(HttpClient client, HttpRequest request, int ticks)
      throws IOException, InterruptedException {
    String last = "";
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      // a retried tick of a symbol that already has it comes back stale_tick: it is in
      if (response.statusCode() == 200
          && accepted(response.body()) + stale(response.body()) == ticks) {
        return;
      }
      last = response.statusCode() + " " + response.body();
      Thread.sleep(500L * attempt);
    }
    throw new IOException("ticks not accepted after " + MAX_ATTEMPTS + " attempts: " + last);
  }

  private static long accepted(String reply) {
    Object accepted = ((Map<?, ?>) Json.parse(reply)).get("accepted");
    return accepted instanceof Number number ? number.longValue() : -1;
  }

  private static long stale(String reply) {
    Object rejected = ((Map<?, ?>) Json.parse(reply)).get("rejected");
    if (!(rejected instanceof List<?> list)) return 0;
    return list.stream().filter(r -> "stale_tick".equals(((Map<?, ?>) r).get("code"))).count();
  }
}
