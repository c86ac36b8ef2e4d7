package io.priceengine.simulations.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Tick ingest with the ingest token ({@code -Dtoken} or PRICE_ENGINE_INGEST_TOKEN): single-tick
 * requests at {@code -Drate} per second and batches of {@code -DbatchSize} ticks at a tenth of it,
 * ramping up then holding. A request passes when it is answered 200 with ticks accepted (persisted
 * in the journal); the assertions fail the run on any failed request or a p99 above {@code
 * -Dp99Millis}.
 */
public class TickIngestSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.load();

  private final HttpProtocolBuilder protocol =
      http.baseUrl(settings.baseUrl())
          .contentTypeHeader("application/json")
          .authorizationHeader("Bearer " + settings.token())
          .shareConnections();

  private final ScenarioBuilder single =
      scenario("single tick")
          .exec(
              http("POST one tick")
                  .post("/api/v1/market-data/ticks")
                  .body(StringBody(session -> Ticks.one(settings.symbols())))
                  .check(status().is(200), jsonPath("$.accepted").ofInt().is(1)));

  private final ScenarioBuilder batched =
      scenario("batched ticks")
          .exec(
              http("POST tick batch")
                  .post("/api/v1/market-data/ticks")
                  .body(
                      StringBody(
                          session ->
                              Ticks.batch(
                                  settings.symbols(),
                                  Math.min(settings.batchSize(), settings.symbols().size()))))
                  .check(status().is(200), jsonPath("$.accepted").ofInt().gt(0)));

  {
    if (!settings.canIngest()) {
      throw new IllegalArgumentException(
          "set the ingest token: -Dtoken= or PRICE_ENGINE_INGEST_TOKEN");
    }
    double rate = settings.rate();
    double batchRate = Math.max(1, rate / 10);
    setUp(
            single.injectOpen(
                rampUsersPerSec(1).to(rate).during(settings.ramp()),
                constantUsersPerSec(rate).during(settings.duration())),
            batched.injectOpen(
                rampUsersPerSec(1).to(batchRate).during(settings.ramp()),
                constantUsersPerSec(batchRate).during(settings.duration())))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(settings.p99Millis()));
  }
}
