package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Source;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.quote.QuotePublisher;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolSettings;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider stream keeps serving healthy symbols while one symbol cannot persist. */
class TickIngestionTest {
  private static ActorTestKit testKit;
  private static SymbolEntities entities;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            ConfigFactory.parseString(
                    "akka.actor.provider = cluster\n"
                        + "akka.remote.artery.canonical.port = 0\n"
                        + "akka.remote.artery.canonical.hostname = 127.0.0.1\n"
                        // Leaving the cluster hands off shards, which waits for the broken entity.
                        + "akka.actor.testkit.typed.system-shutdown-default = 30s\n")
                .withFallback(PersistenceTestKitPlugin.getInstance().config())
                .withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    ProviderCatalog providers = ProviderCatalog.fromConfig(testKit.system().settings().config());
    entities =
        SymbolEntities.init(
            testKit.system(),
            new SymbolSettings(100, 4, Duration.ofMillis(500)),
            providers,
            QuotePublisher.NONE,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Alternates ticks for a symbol whose journal fails and one that works, with rising prices. */
  private static final class AlternatingProvider implements PriceProvider {
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public String code() {
      return "push";
    }

    @Override
    public Source<Tick, NotUsed> ticks() {
      return Source.tick(Duration.ZERO, Duration.ofMillis(5), NotUsed.getInstance())
          .mapConcat(
              ignored -> {
                long n = sequence.incrementAndGet();
                Instant at = Instant.now();
                BigDecimal price = BigDecimal.valueOf(n);
                return List.of(Tick.price("BROKEN", price, at, "push"), Tick.price("HEALTHY", price, at, "push"));
              })
          .mapMaterializedValue(cancellable -> NotUsed.getInstance());
    }
  }

  @Test
  void healthySymbolKeepsMovingWhileAnotherCannotPersist() {
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    journal.failNextNPersisted("Symbol|BROKEN", 1_000_000);
    ProviderStats stats = new ProviderStats();
    UniqueKillSwitch running =
        TickIngestion.run(
            testKit.system(),
            new AlternatingProvider(),
            entities,
            stats,
            new TickIngestion.Settings(16, Duration.ofMillis(100), Duration.ofSeconds(1)));
    try {
      testKit
          .createTestProbe()
          .awaitAssert(
              Duration.ofSeconds(20),
              () -> {
                long historyId =
                    entities.quote("HEALTHY").toCompletableFuture().join().orElseThrow().historyId();
                assertTrue(historyId >= 50, "HEALTHY at history id " + historyId);
                assertTrue(stats.of("push").errorCount() >= 3, "errors " + stats.of("push").errorCount());
                return null;
              });
    } finally {
      running.shutdown();
    }
  }
}
