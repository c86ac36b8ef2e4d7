package io.priceengine.persistence.projection;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.QuotePublisher;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.SymbolSettings;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.persistence.db.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A cluster of one running the symbol entities and the price projection on a test database — the
 * engine without HTTP — for tests of what the projection makes of real journal traffic.
 */
final class ProjectionNode implements AutoCloseable {
  final ActorTestKit testKit;
  final SymbolEntities entities;
  final PriceProjection projection;

  ProjectionNode(Database db, Map<String, Object> overrides) {
    Config config =
        ConfigFactory.parseMap(overrides)
            .withFallback(
                ConfigFactory.parseString(
                    """
                    akka.actor.provider = cluster
                    akka.remote.artery.canonical.hostname = 127.0.0.1
                    akka.remote.artery.canonical.port = 0
                    akka.cluster.jmx.multi-mbeans-in-same-jvm = on
                    """))
            .withFallback(db.akkaConfig())
            .withFallback(ConfigFactory.parseResources("persistence.conf"))
            .withFallback(ConfigFactory.load())
            .resolve();
    testKit = ActorTestKit.create(config);
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    entities =
        SymbolEntities.init(
            testKit.system(),
            SymbolSettings.fromConfig(config),
            ProviderCatalog.fromConfig(config),
            QuotePublisher.NONE,
            Clock.systemUTC());
    projection = PriceProjection.init(testKit.system(), ProjectionSettings.fromConfig(config));
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              if (!cluster.selfMember().status().equals(MemberStatus.up())) {
                throw new AssertionError("not up yet");
              }
              return null;
            });
  }

  /** A pushed tick; completes with its history id, or 0 when the entity refused it. */
  CompletionStage<Long> push(String symbol, String price, Instant sourceTimestamp) {
    Tick tick = Tick.price(symbol, new BigDecimal(price), sourceTimestamp, ProviderCatalog.PUSH);
    return entities
        .update(symbol, List.of(tick), false)
        .thenApply(
            answer ->
                answer.results().get(0) instanceof SymbolEntity.Accepted accepted
                    ? accepted.historyId()
                    : 0L);
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
