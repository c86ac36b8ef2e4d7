package io.priceengine.simulations.gatling;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Current-quote reads under an open-model ramp: single quotes at {@code -Drate} requests per second
 * and bulk reads of 10 symbols at a tenth of it, over the symbol set, ramping up for {@code
 * -DrampSeconds} then holding for {@code -Dduration}. Fails (a usable gate) on any failed request
 * or a p99 above {@code -Dp99Millis}.
 */
public class QuoteReadSimulation extends Simulation {

  private static final int BULK_SIZE = 10;

  private final LoadSettings settings = LoadSettings.load();

  private final Iterator<Map<String, Object>> symbols =
      Stream.generate(this::randomSymbols).iterator();

  private final HttpProtocolBuilder protocol =
      http.baseUrl(settings.baseUrl()).acceptHeader("application/json").shareConnections();

  private final ScenarioBuilder single =
      scenario("single quote")
          .feed(symbols)
          .exec(
              http("GET single quote")
                  .get("/api/v1/market-data/prices/#{symbol}")
                  .check(status().is(200), jsonPath("$.symbol").isEL("#{symbol}")));

  private final ScenarioBuilder bulk =
      scenario("bulk quotes")
          .feed(symbols)
          .exec(
              http("GET bulk quotes")
                  .get("/api/v1/market-data/prices?symbols=#{bulk}")
                  .check(status().is(200), jsonPath("$.quotes").exists()));

  {
    double rate = settings.rate();
    setUp(
            single.injectOpen(
                rampUsersPerSec(1).to(rate).during(settings.ramp()),
                constantUsersPerSec(rate).during(settings.duration())),
            bulk.injectOpen(
                rampUsersPerSec(1).to(Math.max(1, rate / 10)).during(settings.ramp()),
                constantUsersPerSec(Math.max(1, rate / 10)).during(settings.duration())))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(settings.p99Millis()));
  }

  @Override
  public void before() {
    Ticks.seed(settings);
  }

  private Map<String, Object> randomSymbols() {
    List<String> all = settings.symbols();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String bulk =
        random
            .ints(Math.min(BULK_SIZE, all.size()), 0, all.size())
            .mapToObj(all::get)
            .collect(Collectors.joining(","));
    return Map.of("symbol", all.get(random.nextInt(all.size())), "bulk", bulk);
  }
}
