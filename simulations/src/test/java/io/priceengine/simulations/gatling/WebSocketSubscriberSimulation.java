package io.priceengine.simulations.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * {@code -Dusers} WebSocket users arrive over {@code -DrampSeconds}, each subscribing to one random
 * symbol and checking what it receives: the subscription's confirmation, the symbol's snapshot
 * first ({@code "snapshot":true}), then live updates ({@code "snapshot":false}) for {@code
 * -Dduration} seconds. With an ingest token the simulation also pushes ticks over the symbol set at
 * {@code -Drate} per second so that there are updates to receive; without one it relies on the
 * engine's providers.
 */
public class WebSocketSubscriberSimulation extends Simulation {

  private static final int UPDATE_TIMEOUT_SECONDS = 10;

  private final LoadSettings settings = LoadSettings.load();

  private final Iterator<Map<String, Object>> symbols =
      Stream.generate(
              () ->
                  Map.<String, Object>of(
                      "symbol",
                      settings
                          .symbols()
                          .get(ThreadLocalRandom.current().nextInt(settings.symbols().size()))))
          .iterator();

  private final HttpProtocolBuilder protocol =
      http.baseUrl(settings.baseUrl())
          .wsBaseUrl(settings.webSocketUrl())
          .contentTypeHeader("application/json")
          .authorizationHeader("Bearer " + settings.token());

  private final ScenarioBuilder subscribers =
      scenario("subscriber")
          .feed(symbols)
          .exec(ws("connect").connect("/api/v1/market-data/ws"))
          .exec(
              ws("subscribe, snapshot first")
                  .sendText("{\"action\":\"subscribe\",\"symbols\":[\"#{symbol}\"]}")
                  .await(UPDATE_TIMEOUT_SECONDS)
                  .on(
                      ws.checkTextMessage("subscribed")
                          .matching(jsonPath("$.type").is("subscribed")),
                      ws.checkTextMessage("snapshot")
                          .matching(jsonPath("$.type").is("quote"))
                          .check(
                              jsonPath("$.snapshot").ofBoolean().is(true),
                              jsonPath("$.quote.symbol").isEL("#{symbol}"))))
          .during(settings.duration())
          .on(
              ws("update")
                  .sendText("{\"action\":\"ping\",\"id\":\"keep\"}")
                  .await(UPDATE_TIMEOUT_SECONDS)
                  .on(
                      ws.checkTextMessage("update")
                          .matching(jsonPath("$.type").is("quote"))
                          .check(
                              jsonPath("$.snapshot").ofBoolean().is(false),
                              jsonPath("$.quote.symbol").isEL("#{symbol}"))))
          .exec(ws("close").close());

  private final ScenarioBuilder ticker =
      scenario("ticker")
          .exec(
              http("POST tick batch")
                  .post("/api/v1/market-data/ticks")
                  .body(StringBody(session -> Ticks.batch(settings.symbols(), batchSize())))
                  .check(status().is(200)));

  {
    var population = subscribers.injectOpen(rampUsers(settings.users()).during(settings.ramp()));
    var pushes =
        ticker.injectOpen(
            constantUsersPerSec(Math.max(1, settings.rate() / batchSize()))
                .during(
                    settings.ramp().plus(settings.duration()).plusSeconds(UPDATE_TIMEOUT_SECONDS)));
    (settings.canIngest() ? setUp(population, pushes) : setUp(population))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            // an update's wait depends on the tick rate; the handshake and snapshot do not
            details("subscribe, snapshot first")
                .responseTime()
                .percentile(99.0)
                .lt(settings.p99Millis()));
  }

  @Override
  public void before() {
    Ticks.seed(settings);
  }

  private int batchSize() {
    return Math.min(settings.batchSize(), settings.symbols().size());
  }
}
