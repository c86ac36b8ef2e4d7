package io.priceengine.simulations.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
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
 * Heap per idle symbol entity and per idle WebSocket connection (docs/benchmarks.md, sections 5a,
 * 5b): the engine's live heap (see {@link HeapHistogram}) before and after activating {@code count}
 * new symbols with one pushed tick each ({@code entities}), or opening {@code count} WebSockets
 * that subscribe to nothing ({@code connections}), divided by {@code count}.
 */
public final class Footprint {

  static final List<Options.Option> OPTIONS =
      List.of(
          new Options.Option("mode", null, "entities", "entities or connections"),
          new Options.Option(
              "baseUrl", "BENCH_BASE_URL", "http://127.0.0.1:8080", "engine base URL"),
          new Options.Option("token", "PRICE_ENGINE_INGEST_TOKEN", null, "ingest token"),
          new Options.Option("enginePid", null, null, "engine pid (for jcmd)"),
          new Options.Option("count", "BENCH_COUNT", "10000", "symbols or connections"),
          Options.OUTPUT);

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
      List<String> symbols = new ArrayList<>();
      for (int i = 0; i < count; i++) symbols.add(symbol(i));
      TickSeeder.seed(client, baseUrl, options.required("token"), symbols);
      after = HeapHistogram.liveBytes(pid);
      report.put("benchmark", "heap per active symbol entity");
      report.put("method", "one pushed tick per new symbol; jcmd GC.class_histogram before/after");
    } else if (mode.equals("connections")) {
      List<WebSocket> sockets = connect(client, baseUrl, count);
      after = HeapHistogram.liveBytes(pid);
      for (WebSocket socket : sockets) socket.abort();
      report.put("benchmark", "heap per idle WebSocket connection");
      report.put(
          "method", "WebSockets without subscriptions; jcmd GC.class_histogram before/after");
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
    BenchReportPath.write(output, report);
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
