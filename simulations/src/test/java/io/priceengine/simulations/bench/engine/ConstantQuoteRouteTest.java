package io.priceengine.simulations.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The constant route answers a quote-sized body for any symbol, and nothing else. */
class ConstantQuoteRouteTest {
  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void bind() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "constant-route",
            ConfigFactory.parseString("akka.actor.provider = local")
                .withFallback(ConfigFactory.defaultReference()));
    binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(new ConstantQuoteRoute().route())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void answersTheSameQuoteForAnySymbol() throws Exception {
    HttpResponse<String> response = get("/bench/constant/MSFT");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().startsWith("{\"symbol\":\"AAPL\",\"price\":189.25"));
  }

  @Test
  void servesNoOtherPath() throws Exception {
    assertEquals(404, get("/api/v1/market-data/prices/MSFT").statusCode());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
