package io.priceengine.simulations.bench.engine;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's stack ceiling: {@code GET /bench/constant/{symbol}} answers a fixed quote-sized
 * JSON body without asking any entity, so the bench report can set the quote route's throughput
 * against what this HTTP stack does on the same server with no work behind it. Only an engine
 * started by {@link BenchEngineMain} serves it; the product jar does not contain it.
 */
public final class ConstantQuoteRoute extends AllDirectives {

  /** API.md's sample quote, so that the response has the size of a real one. */
  private static final HttpEntity.Strict BODY =
      HttpEntities.create(
          ContentTypes.APPLICATION_JSON,
          ("{\"symbol\":\"AAPL\",\"price\":189.25,\"volume\":1200,\"open\":188.1,\"high\":190.0,"
                  + "\"low\":187.9,\"previousClose\":187.5,"
                  + "\"sourceTimestamp\":\"2026-11-22T10:15:30.100Z\","
                  + "\"lastUpdated\":\"2026-11-22T10:15:30.123Z\",\"provider\":\"simulated\","
                  + "\"historyId\":42,\"companyName\":\"Apple Inc.\",\"stale\":false,"
                  + "\"status\":\"active\"}")
              .getBytes(StandardCharsets.UTF_8));

  public Route route() {
    return pathPrefix(
        "bench",
        () -> path(segment("constant").slash(segment()), symbol -> get(() -> complete(BODY))));
  }
}
