package io.priceengine.simulations.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle symbol entity and per idle WebSocket connection (issue 6, measurement 5): the
 * engine's live heap (see {@link HeapHistogram}) before and after activating {@code count} new
 * symbols with one pushed tick each ({@code entities}), or opening {@code count} WebSockets that
 * subscribe to nothing ({@code connections}), divided by {@code count}.
 */
public final class Footprint {

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option("mode", null, "entities", "entities or connections"),
          new Options.Option("baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token"),
          new Options.Option("enginePid", null, null, "engine pid (for jcmd)"),
          new Options.Option("count", "BENCH_COUNT", "10000", "symbols or connections"),
          new Options.Option(
              "output", "BENCH_OUTPUT", null, "JSON report (default simulations/target/bench/)"));

  /** Symbols of the footprint run, apart from the ingest run's B0000...: F00000, F00001, ... */
  static String symbol(int index) {
    return String.format(Locale.ROOT, "F%05d", index);
  }

  private Footprint() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("Footprint", OPTIONS, args);
    String mode = options.required("mode");
    URI baseUrl = options.httpUrl("baseUrl");
    long pid = options.wholeNumber("enginePid");
    int count = options.wholeNumber("count", 1, 100_000);
    ExecutorService executor = Executors.newFixedThreadPool(4, Machine.daemonThreads("footprint"));
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    Map<String, Object> report = new LinkedHashMap<>();
    long before = HeapHistogram.liveBytes(pid);
    long after;
    if (mode.equals("entities")) {
      activate(client, baseUrl, options.required("token"), count);
      after = HeapHistogram.liveBytes(pid);
      report.put("benchmark", "heap per active symbol entity");
      report.put("method", "one pushed tick per new symbol; jcmd GC.class_histogram before/after");
    } else if (mode.equals("connections")) {
      List<WebSocket> sockets = connect(client, baseUrl, count);
      after = HeapHistogram.liveBytes(pid);
      for (WebSocket socket : sockets) socket.abort();
      report.put("benchmark", "heap per idle WebSocket connection");
      report.put("method", "WebSockets without subscriptions; jcmd GC.class_histogram before/after");
    } else {
      throw new IllegalArgumentException("mode must be entities or connections: " + mode);
    }
    executor.shutdownNow();
    double perItem = (after - before) / (double) count;
    report.put("count", count);
    report.put("liveHeapBeforeBytes", before);
    report.put("liveHeapAfterBytes", after);
    report.put("bytesPerItem", Math.round(perItem));
    report.put("kibPerItem", Math.round(perItem / 1024 * 100) / 100.0);
    Path output = options.reportPath("output", "footprint-" + mode + ".json");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, Json.write(report));
    System.out.printf(
        Locale.ROOT,
        "%s%n  %,d items: live heap %,d -> %,d bytes, %.2f KiB each%n  report       %s%n",
        report.get("benchmark"),
        count,
        before,
        after,
        perItem / 1024,
        output);
  }

  /** Pushes one tick to each of {@code count} new symbols, 1,000 per request. */
  private static void activate(HttpClient client, URI baseUrl, String token, int count)
      throws IOException, InterruptedException {
    for (int from = 0; from < count; from += 1000) {
      StringBuilder body = new StringBuilder("{\"ticks\":[");
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        if (i > from) body.append(',');
        body.append("{\"symbol\":\"").append(symbol(i)).append("\",\"price\":100.5}");
      }
      body.append("]}");
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/market-data/ticks"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int sent = Math.min(count, from + 1000) - from;
      if (response.statusCode() != 200 || accepted(response.body()) != sent) {
        throw new IOException(
            "ticks not all accepted: " + response.statusCode() + " " + response.body());
      }
    }
  }

  private static long accepted(String reply) {
    Object accepted = ((Map<?, ?>) Json.parse(reply)).get("accepted");
    return accepted instanceof Number number ? number.longValue() : -1;
  }

  /** Opens {@code count} WebSockets, 200 handshakes at a time. */
  private static List<WebSocket> connect(HttpClient client, URI baseUrl, int count)
      throws InterruptedException {
    URI ws = URI.create(baseUrl.toString().replaceFirst("^http", "ws") + "/api/v1/market-data/ws");
    List<WebSocket> sockets = new ArrayList<>();
    WebSocket.Listener quiet = new WebSocket.Listener() {};
    for (int from = 0; from < count; from += 200) {
      List<CompletableFuture<WebSocket>> handshakes = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 200); i++) {
        handshakes.add(
            client
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(ws, quiet)
                .toCompletableFuture());
      }
      for (CompletableFuture<WebSocket> handshake : handshakes) {
        try {
          sockets.add(handshake.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
          throw new IllegalStateException(
              "WebSocket " + sockets.size() + " of " + count + " did not open (ulimit -n?)", e);
        }
      }
    }
    return sockets;
  }
}
