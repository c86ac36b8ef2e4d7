package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recovery after a restart (docs/benchmarks.md, section 5c): from the moment the engine process was
 * launched on the data of a previous run, how long until it is ready and until every one of the
 * {@link Footprint} symbols answers its quote again (bulk reads of 500, repeated for the missing).
 */
public final class Recovery {

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("symbols", "BENCH_COUNT", "10000", "Footprint symbols to read back"),
          new Options.Option(
              "launchedAtMillis", null, null, "epoch milliseconds the engine was launched at"),
          new Options.Option("deadline", null, "300", "seconds to give up after"),
          Options.OUTPUT);

  private static final int BULK = 500;
  private static final Duration POLL = Duration.ofMillis(50);

  private Recovery() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("Recovery", OPTIONS, args);
    URI baseUrl = options.httpUrl("baseUrl");
    int count = options.wholeNumber("symbols", 1, 100_000);
    long launched = options.wholeNumber("launchedAtMillis");
    long deadline = launched + options.wholeNumber("deadline", 1, 3600) * 1000L;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (status(client, URI.create(baseUrl + "/health/ready")) != 200) {
      if (System.currentTimeMillis() > deadline) fail("engine not ready before the deadline");
      Thread.sleep(POLL.toMillis());
    }
    long ready = System.currentTimeMillis();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) missing.add(Footprint.symbol(i));
    while (!missing.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        fail(missing.size() + " of " + count + " quotes still missing at the deadline");
      }
      missing = stillMissing(client, baseUrl, missing);
      if (!missing.isEmpty()) Thread.sleep(POLL.toMillis());
    }
    long allQuotes = System.currentTimeMillis();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "recovery after restart");
    report.put("symbols", count);
    report.put("readySeconds", (ready - launched) / 1000.0);
    report.put("allQuotesSeconds", (allQuotes - launched) / 1000.0);
    Path output = options.reportPath("output", "recovery.json");
    BenchReportPath.write(output, report);
    System.out.printf(
        Locale.ROOT,
        "recovery after restart%n  ready %.1f s, all %,d quotes %.1f s after launch%n"
            + "  report       %s%n",
        (ready - launched) / 1000.0,
        count,
        (allQuotes - launched) / 1000.0,
        output);
  }

  private static List<String> stillMissing(HttpClient client, URI baseUrl, List<String> symbols)
      throws InterruptedException {
    List<String> missing = new ArrayList<>();
    for (int from = 0; from < symbols.size(); from += BULK) {
      List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + BULK));
      URI uri =
          URI.create(baseUrl + "/api/v1/market-data/prices?symbols=" + String.join(",", chunk));
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          missing.addAll(chunk);
          continue;
        }
        for (Object symbol : (List<?>) ((Map<?, ?>) Json.parse(response.body())).get("missing")) {
          missing.add((String) symbol);
        }
      } catch (IOException e) {
        missing.addAll(chunk);
      }
    }
    return missing;
  }

  private static int status(HttpClient client, URI uri) throws InterruptedException {
    try {
      return client
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void fail(String message) {
    System.err.println("recovery: " + message);
    System.exit(1);
  }
}
