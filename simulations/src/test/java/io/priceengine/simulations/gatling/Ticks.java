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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tick bodies of the simulations, and the seeding that gives every symbol a quote first. */
final class Ticks {

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

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
      sendUntilAccepted(client, request, chunk.size());
    }
  }

  /**
   * Sends a seeding batch until every tick in it is in: a loaded engine answers 503, or 200 with
   * some ticks rejected as unavailable, and a symbol left without a price would get no snapshot.
   */
  private static void sendUntilAccepted(HttpClient client, HttpRequest request, int ticks) {
    String last = "";
    try {
      for (int attempt = 1; attempt <= 20; attempt++) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && allIn(response.body(), ticks)) return;
        last = response.statusCode() + " " + response.body();
        Thread.sleep(500L * attempt);
      }
    } catch (IOException e) {
      throw new IllegalStateException("engine unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding", e);
    }
    throw new IllegalStateException("seeding failed: " + last);
  }

  /** Every tick accepted, or rejected only as stale (a retried symbol that already has it). */
  private static boolean allIn(String reply, int ticks) {
    Matcher accepted = ACCEPTED.matcher(reply);
    if (!accepted.find()) return false;
    int stale = 0;
    for (int at = reply.indexOf("stale_tick"); at >= 0; at = reply.indexOf("stale_tick", at + 1)) {
      stale++;
    }
    return Integer.parseInt(accepted.group(1)) + stale == ticks;
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
