package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many subscribers on one node, and a stalled one among fast ones during a flood of ticks. */
class StreamLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    // a small, fixed send buffer (no kernel autotuning) so that a client that reads nothing
    // holds the server back after a few hundred messages rather than megabytes
    engine =
        TestEngine.start(
            "stream_load", Map.of("akka.http.server.socket-options.so-send-buffer-size", "16k"));
    api = engine.client();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static URI ws(List<String> symbols) {
    return URI.create(
        "ws://127.0.0.1:"
            + engine.engine().port()
            + "/api/v1/market-data/ws?symbols="
            + String.join(",", symbols));
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static String symbolOf(JsonNode quoteMessage) {
    return quoteMessage.path("quote").path("symbol").asText();
  }

  private static long historyIdOf(JsonNode quoteMessage) {
    return quoteMessage.path("quote").path("historyId").asLong();
  }

  @Test
  void thousandConnectionsEachReceiveTheirUpdates() {
    int connections = 1000;
    List<String> symbols = names("K", 100);
    List<WsClient> clients = new ArrayList<>();
    try {
      // in waves, so that a loaded machine is not asked for a thousand handshakes at once
      for (int wave = 0; wave < connections; wave += 100) {
        List<CompletableFuture<WsClient>> opening = new ArrayList<>();
        for (int c = wave; c < wave + 100; c++) {
          // three symbols each: every symbol is watched by 30 connections
          List<String> three =
              List.of(symbols.get(c % 100), symbols.get((c + 1) % 100), symbols.get((c + 2) % 100));
          opening.add(WsClient.connectAsync(http, ws(three), Map.of(), false));
        }
        opening.forEach(open -> clients.add(open.join()));
      }
      for (WsClient client : clients) {
        assertEquals("subscribed", client.next(WAIT).path("type").asText());
      }
      assertEquals(connections, engine.engine().streamSessions().webSocketSessions());

      Ticks.push(api, symbols, "42.42");
      for (WsClient client : clients) {
        for (int n = 0; n < 3; n++) {
          // a snapshot if the subscription's snapshot was read after the tick, else an update
          JsonNode quote = client.next(WAIT);
          assertEquals("quote", quote.path("type").asText(), quote.toString());
          assertEquals(
              0,
              new BigDecimal("42.42").compareTo(quote.path("quote").path("price").decimalValue()),
              quote.toString());
        }
      }
    } finally {
      clients.forEach(WsClient::close);
    }
    Polling.await(
        WAIT, () -> assertEquals(0, engine.engine().streamSessions().webSocketSessions()));
  }

  @Test
  void stalledClientIsConflatedWhileFastClientsGetEveryUpdate() {
    List<String> symbols = names("FL", 20);
    int ticksPerSymbol = 150;
    Ticks.push(api, symbols, "1");
    List<WsClient> fast = new ArrayList<>();
    try (WsClient stalled = WsClient.connect(http, ws(symbols), Map.of(), true)) {
      Map<String, Long> snapshot = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        WsClient client = WsClient.connect(http, ws(symbols), Map.of(), false);
        fast.add(client);
        assertEquals("subscribed", client.next().path("type").asText());
        for (int s = 0; s < symbols.size(); s++) {
          JsonNode quote = client.next();
          snapshot.put(symbolOf(quote), historyIdOf(quote));
        }
      }

      for (int n = 1; n <= ticksPerSymbol; n++) {
        Ticks.push(api, symbols, Ticks.price(n));
      }
      Map<String, Long> last = Ticks.historyIds(api, symbols);

      // fast clients: every update of every symbol, in order, none skipped
      for (WsClient client : fast) {
        Map<String, Long> seen = new HashMap<>(snapshot);
        while (!seen.equals(last)) {
          JsonNode update = client.next(WAIT);
          assertEquals(seen.get(symbolOf(update)) + 1, historyIdOf(update), update.toString());
          assertEquals(0, update.path("skipped").asInt(), update.toString());
          seen.put(symbolOf(update), historyIdOf(update));
        }
      }

      // the stalled client reads at last: what the network held, then the latest per symbol
      stalled.read(Long.MAX_VALUE);
      List<JsonNode> received = new ArrayList<>();
      Map<String, Long> latest = new HashMap<>();
      Polling.await(
          WAIT,
          () -> {
            stalled.drain().stream()
                .filter(message -> message.path("type").asText().equals("quote"))
                .forEach(
                    quote -> {
                      received.add(quote);
                      latest.put(symbolOf(quote), historyIdOf(quote));
                    });
            assertEquals(last, latest);
          });
      // each update stands for itself and the ones it says were skipped since the one before
      Map<String, Long> accounted = new HashMap<>();
      List<JsonNode> updates = new ArrayList<>();
      for (JsonNode quote : received) {
        if (quote.path("snapshot").asBoolean()) {
          accounted.put(symbolOf(quote), historyIdOf(quote));
        } else {
          updates.add(quote);
          accounted.merge(symbolOf(quote), 1L + quote.path("skipped").asInt(), Long::sum);
          assertEquals(accounted.get(symbolOf(quote)), historyIdOf(quote), quote.toString());
        }
      }
      int updatesPushed = symbols.size() * ticksPerSymbol;
      assertTrue(
          updates.size() < updatesPushed / 2,
          updates.size() + " messages for " + updatesPushed + " updates: queued, not conflated");
    } finally {
      fast.forEach(WsClient::close);
    }
  }
}
