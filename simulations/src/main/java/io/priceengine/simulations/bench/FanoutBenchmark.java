package io.priceengine.simulations.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures live-quote fan-out of an engine started separately: K WebSocket clients subscribe to a
 * few symbols each ({@code ?symbols=}) and wait for their snapshots, then ticks are pushed over
 * HTTP at a fixed rate; each update's latency from its push to its arrival at each client is
 * recorded, with messages delivered per second and what the clients missed. Exit status 0 after a
 * run, 1 when the engine could not be reached or clients could not subscribe, 2 for bad options.
 */
public final class FanoutBenchmark {
  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";
  private static final int CONNECTING_AT_ONCE = 100;
  private static final Duration SUBSCRIBE_DEADLINE = Duration.ofMinutes(3);

  /** After the last push: done when no client got anything for this long (or at the deadline). */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

  private FanoutBenchmark() {}

  public static void main(String[] args) throws Exception {
    // With 2 cores the common pool would start a thread per async stage (docs/architecture.md).
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(FanoutSettings.usage());
      return;
    }
    FanoutSettings settings;
    try {
      settings = FanoutSettings.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(FanoutSettings.usage());
      System.exit(2);
      return;
    }
    System.exit(run(settings));
  }

  static int run(FanoutSettings settings) throws Exception {
    // two threads each: the clients share the machine with the engine they measure
    ExecutorService clientThreads =
        Executors.newFixedThreadPool(2, Machine.daemonThreads("fanout-bench-ws"));
    ExecutorService pushThreads =
        Executors.newFixedThreadPool(2, Machine.daemonThreads("fanout-bench-push"));
    try {
      HttpClient webSockets = HttpClient.newBuilder().executor(clientThreads).build();
      HttpClient pushes = LoadClient.http1(pushThreads);
      String loadBefore = Machine.loadAverage();
      MeasuredWindow window = new MeasuredWindow();
      TickPusher pusher = new TickPusher(settings, pushes, window);
      try {
        pusher.prime();
      } catch (IOException e) {
        System.err.println("engine unreachable at " + settings.baseUrl() + ": " + e);
        return 1;
      }
      Arrivals arrivals = new Arrivals();
      LongAdder delivered = new LongAdder();
      List<FanoutClient> clients;
      try {
        clients = connect(settings, webSockets, arrivals, delivered, window);
      } catch (TimeoutException | RuntimeException e) {
        System.err.println("clients could not subscribe: " + e);
        return 1;
      }

      window.open(settings.warmUp().toNanos() / 1_000, settings.duration().toNanos() / 1_000);
      System.err.printf(
          "pushing %d ticks/s: %d s warm-up, then %d s measured%n",
          settings.rate(), settings.warmUp().toSeconds(), settings.duration().toSeconds());
      pusher.start();
      TimeUnit.MICROSECONDS.sleep(window.endMicros() - MeasuredWindow.micros());
      pusher.stop();
      drain(clients);

      FanoutReport report =
          new FanoutReport(
              settings,
              arrivals.sincePush(),
              arrivals.sinceAcknowledgement(pusher.acknowledgedAt()),
              pusher.acknowledgements().summary(),
              settings.duration().toNanos() / 1e9,
              delivered.sum(),
              pusher.acceptedInWindow(),
              pusher.missedBatches(),
              pusher.failedRequests(),
              FanoutReport.Accounting.of(clients, historyIds(settings, pushes)),
              loadBefore,
              Machine.loadAverage());
      System.out.print(report.text());
      report.writeJson(settings.output());
      System.out.println("  report       " + settings.output());
      return 0;
    } finally {
      clientThreads.shutdownNow();
      pushThreads.shutdownNow();
    }
  }

  /** Opens the clients in waves and waits until every one has the snapshots of its symbols. */
  private static List<FanoutClient> connect(
      FanoutSettings settings,
      HttpClient http,
      Arrivals arrivals,
      LongAdder delivered,
      MeasuredWindow window)
      throws Exception {
    String base = settings.baseUrl().toString().replaceFirst("^http", "ws");
    List<FanoutClient> clients = new ArrayList<>();
    for (int wave = 0; wave < settings.clients(); wave += CONNECTING_AT_ONCE) {
      List<CompletableFuture<?>> opening = new ArrayList<>();
      for (int c = wave; c < Math.min(settings.clients(), wave + CONNECTING_AT_ONCE); c++) {
        String[] symbols = settings.symbolsOf(c);
        FanoutClient client = new FanoutClient(symbols, arrivals, delivered, window);
        clients.add(client);
        URI uri = URI.create(base + "/api/v1/market-data/ws?symbols=" + String.join(",", symbols));
        opening.add(
            http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, client));
      }
      CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    CompletableFuture.allOf(
            clients.stream().map(FanoutClient::subscribed).toArray(CompletableFuture[]::new))
        .get(SUBSCRIBE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    System.err.printf(
        "%d clients subscribed to %d symbols each%n", clients.size(), settings.symbolsPerClient());
    return clients;
  }

  /** Waits until the updates still on their way have arrived. */
  private static void drain(List<FanoutClient> clients) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      long latest = clients.stream().mapToLong(FanoutClient::lastMessageNanos).max().orElse(0);
      if (System.nanoTime() - latest > QUIET.toNanos()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** Each symbol's current history id, from the bulk quote endpoint (500 symbols a request). */
  private static Map<String, Long> historyIds(FanoutSettings settings, HttpClient http)
      throws IOException, InterruptedException {
    Map<String, Long> ids = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < settings.symbols(); i++) {
      names.add(TickBatchSource.symbolName(i, settings.symbols()));
    }
    for (int first = 0; first < names.size(); first += 500) {
      String symbols = String.join(",", names.subList(first, Math.min(names.size(), first + 500)));
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(settings.baseUrl() + "/api/v1/market-data/prices?symbols=" + symbols))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      Object reply = Json.parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      if (reply instanceof Map<?, ?> body && body.get("quotes") instanceof List<?> quotes) {
        for (Object quote : quotes) {
          if (quote instanceof Map<?, ?> fields
              && fields.get("historyId") instanceof BigDecimal id) {
            ids.put((String) fields.get("symbol"), id.longValueExact());
          }
        }
      }
    }
    return ids;
  }
}
