package io.priceengine.simulations.gatling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Tick bodies of the simulations, and the seeding that gives every symbol a quote first. */
final class Ticks {

  private Ticks() {}

  /** One tick of a random symbol at a random price, as JSON. */
  static String one(List<String> symbols) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return tick(symbols.get(random.nextInt(symbols.size())), random);
  }

  /** {@code {"ticks":[...]}} with {@code size} ticks of distinct symbols where there are enough. */
  static String batch(List<String> symbols, int size) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int start = random.nextInt(symbols.size());
    StringBuilder body = new StringBuilder("{\"ticks\":[");
    for (int i = 0; i < size; i++) {
      if (i > 0) body.append(',');
      body.append(tick(symbols.get((start + i) % symbols.size()), random));
    }
    return body.append("]}").toString();
  }

  /**
   * Pushes one tick per symbol (when the settings have an ingest token) so that reads find quotes
   * and subscribers get snapshots.
   */
  static void seed(LoadSettings settings) {
    if (!settings.canIngest()) return;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<String> symbols = settings.symbols();
    for (int from = 0; from < symbols.size(); from += 1000) {
      List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + 1000));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/v1/market-data/ticks"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + settings.token())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(batch(chunk, chunk.size())))
              .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("seeding failed: " + response.statusCode());
        }
      } catch (IOException e) {
        throw new IllegalStateException("engine unreachable at " + settings.baseUrl(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while seeding", e);
      }
    }
  }

  private static String tick(String symbol, ThreadLocalRandom random) {
    return String.format(
        Locale.ROOT,
        "{\"symbol\":\"%s\",\"price\":%d.%02d,\"volume\":%d}",
        symbol,
        50 + random.nextInt(100),
        random.nextInt(100),
        1 + random.nextInt(1000));
  }
}
