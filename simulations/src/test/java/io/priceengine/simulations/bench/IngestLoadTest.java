package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closed loop against a stand-in engine that answers like API.md's ingest endpoint. */
class IngestLoadTest {

  private static final String TOKEN = "bench-token";

  private HttpServer engine;
  private ExecutorService clientThreads;
  private final AtomicLong ticksReceived = new AtomicLong();

  @BeforeEach
  void startStandInEngine() throws IOException {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    engine.setExecutor(Executors.newFixedThreadPool(4));
    engine.createContext(
        "/health/live", exchange -> JsonAnswer.answer(exchange, 200, "{\"status\":\"up\"}"));
    engine.createContext("/api/v1/market-data/ticks", this::ingest);
    engine.start();
    clientThreads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    engine.stop(0);
    clientThreads.shutdownNow();
  }

  /** Accepts every tick but the first of each request, which it rejects as stale. */
  private void ingest(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      JsonAnswer.answer(
          exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no token\"}}");
      return;
    }
    int ticks = ((List<?>) ((Map<?, ?>) Json.parse(body)).get("ticks")).size();
    ticksReceived.addAndGet(ticks);
    JsonAnswer.answer(
        exchange,
        200,
        "{\"accepted\":"
            + (ticks - 1)
            + ",\"rejected\":[{\"index\":0,\"code\":\"stale_tick\",\"message\":\"older\"}]}");
  }

  @Test
  void countsAcceptedAndRejectedTicksOfTheMeasuredWindow(@TempDir Path reports) throws Exception {
    IngestSettings settings = settings(TOKEN, reports.resolve("ingest.json"));
    IngestTally tally = load(settings).run();

    assertTrue(tally.requests() > 0);
    assertEquals(tally.requests() * 9, tally.acceptedTicks());
    assertEquals(Map.of("stale_tick", tally.requests()), tally.rejectedByCode());
    assertEquals(Map.of(), tally.errorsByStatus());
    assertEquals(tally.requests(), tally.latency().count());
    assertTrue(ticksReceived.get() >= tally.requests() * 10, "warm-up is sent but not counted");

    IngestReport report = new IngestReport(settings, tally, 1.0, null);
    report.writeJson(settings.output());
    Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(settings.output()));
    assertEquals(tally.acceptedTicks(), ((Number) json.get("acceptedTicks")).longValue());
    assertTrue(report.text().contains("stale_tick " + tally.requests()));
  }

  @Test
  void countsFailedRequestsByStatus(@TempDir Path reports) throws Exception {
    IngestTally tally = load(settings("wrong", reports.resolve("ingest.json"))).run();

    assertEquals(0, tally.acceptedTicks());
    assertEquals(Map.of("401", tally.requests()), tally.errorsByStatus());
    assertTrue(tally.firstErrorBodies().get("401").contains("unauthorized"));
  }

  @Test
  void reportsAnEngineThatIsNotThere(@TempDir Path reports) throws Exception {
    engine.stop(0);
    assertEquals(1, IngestBenchmark.run(settings(TOKEN, reports.resolve("ingest.json"))));
  }

  private IngestSettings settings(String token, Path output) {
    URI baseUrl = URI.create("http://127.0.0.1:" + engine.getAddress().getPort());
    return new IngestSettings(
        baseUrl, token, 20, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 10, 1, output, null);
  }

  private IngestLoad load(IngestSettings settings) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads)
            .build();
    TickBatchSource batches =
        new TickBatchSource(settings.symbols(), settings.ticksPerRequest(), 1, Clock.systemUTC());
    return new IngestLoad(settings, client, batches, clientThreads);
  }
}
