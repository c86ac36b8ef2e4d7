package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.priceengine.simulations.bench.OverloadTally.Answer;
import io.priceengine.simulations.bench.TickLedger.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open loop and the retries against a stand-in engine that refuses every third new request as
 * overloaded, persists every third but answers its first tick unavailable, remembers tickIds as
 * API.md says, and accepts the rest.
 */
class OverloadLoadTest {

  private HttpServer engine;
  private ExecutorService clientThreads;
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<String> persisted = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startStandInEngine() throws IOException {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    engine.setExecutor(Executors.newFixedThreadPool(4));
    engine.createContext("/api/v1/market-data/ticks", this::ingest);
    engine.start();
    clientThreads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    engine.stop(0);
    clientThreads.shutdownNow();
  }

  private void ingest(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    List<?> ticks = (List<?>) ((Map<?, ?>) Json.parse(body)).get("ticks");
    List<String> ids = ticks.stream().map(t -> (String) ((Map<?, ?>) t).get("tickId")).toList();
    boolean retry = persisted.contains(ids.get(0)) || refused.contains(ids.get(0));
    int n = requests.incrementAndGet();
    if (!retry && n % 3 == 0) {
      refused.addAll(ids);
      exchange.getResponseHeaders().set("Retry-After", "1");
      JsonAnswer.answer(
          exchange, 503, "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}");
      return;
    }
    persisted.addAll(ids);
    String rejected =
        !retry && n % 3 == 1 ? "{\"index\":0,\"code\":\"unavailable\",\"message\":\"?\"}" : "";
    int accepted = ids.size() - (rejected.isEmpty() ? 0 : 1);
    JsonAnswer.answer(
        exchange, 200, "{\"accepted\":" + accepted + ",\"rejected\":[" + rejected + "]}");
  }

  @Test
  void tallyAndLedgerAgreeWithWhatTheEngineKept() throws Exception {
    OverloadTicks ticks = new OverloadTicks(50, "t", Instant.now());
    TickLedger ledger = new TickLedger();
    OverloadTally tally = new OverloadTally(1);
    HttpClient client = LoadClient.http1(clientThreads);
    URI baseUrl = URI.create("http://127.0.0.1:" + engine.getAddress().getPort());
    OverloadLoad load =
        new OverloadLoad(client, baseUrl, "token", ticks, ledger, tally, clientThreads);

    load.offer(1_000, 10, Duration.ofSeconds(1), 64);
    long sent = tally.sentRequests();
    assertTrue(sent >= 90 && sent <= 100, "100 requests due in 1 s, sent " + sent);
    assertEquals(sent * 10, ledger.size());
    long overloaded = tally.answers(Answer.OVERLOADED);
    assertTrue(overloaded > 0);
    assertEquals(overloaded * 10, ledger.counts().get(Outcome.REFUSED));
    int unknown = ledger.unknownTicks().length;
    assertTrue(unknown > 0);
    assertEquals(Map.of("unavailable", (long) unknown), tally.rejectedByCode());

    assertEquals(0, load.retry(10, Duration.ofSeconds(30)));
    assertEquals(unknown, tally.retriedTicks());
    for (int tick = 0; tick < ledger.size(); tick++) {
      String id = ticks.tickId(tick);
      Outcome outcome = ledger.outcome(tick);
      assertEquals(outcome == Outcome.ACCEPTED, persisted.contains(id), id + " " + outcome);
      assertEquals(outcome == Outcome.REFUSED, refused.contains(id), id + " " + outcome);
    }
  }
}
