package io.priceengine.engine.provider;

import io.priceengine.engine.catalog.ProviderStats;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.stream.ActorAttributes;
import akka.stream.KillSwitches;
import akka.stream.RestartSettings;
import akka.stream.Supervision;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.RestartSource;
import akka.stream.javadsl.Sink;
import com.typesafe.config.Config;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link PriceProvider} into the symbol entities: a backpressured stream with a bounded
 * number of asks in flight, restarted with backoff when the provider fails or completes. Asks
 * complete out of order, so one slow symbol holds up only its own ticks (until the ask timeout),
 * not the others.
 */
public final class TickIngestion {
  private static final Logger log = LoggerFactory.getLogger(TickIngestion.class);

  /** {@code price-engine.providers.ingest}. */
  public record Settings(int parallelism, Duration minBackoff, Duration maxBackoff) {
    public static Settings fromConfig(Config config) {
      Config c = config.getConfig("price-engine.providers.ingest");
      return new Settings(
          c.getInt("parallelism"), c.getDuration("min-backoff"), c.getDuration("max-backoff"));
    }
  }

  private TickIngestion() {}

  /** Starts the provider; the returned switch stops it (in-flight ticks still complete). */
  public static UniqueKillSwitch run(
      ActorSystem<?> system,
      PriceProvider provider,
      SymbolEntities entities,
      ProviderStats stats,
      Settings settings) {
    ProviderStats.Counters counters = stats.of(provider.code());
    RestartSettings restart =
        RestartSettings.create(settings.minBackoff(), settings.maxBackoff(), 0.2);
    log.info("provider {} started", provider.code());
    return RestartSource.withBackoff(
            restart,
            () ->
                provider
                    .ticks()
                    .watchTermination(
                        (mat, done) -> {
                          counters.streamRunning(true);
                          done.whenComplete(
                              (ok, error) -> {
                                counters.streamRunning(false);
                                if (error != null) {
                                  counters.error();
                                  log.warn(
                                      "provider {} failed, restarting: {}",
                                      provider.code(),
                                      error.toString());
                                }
                              });
                          return mat;
                        }))
        .viaMat(KillSwitches.single(), Keep.right())
        .via(delivery(entities::update, counters, settings.parallelism()))
        .toMat(Sink.ignore(), Keep.left())
        .run(system);
  }

  /**
   * Asks each tick's entity and counts the answers. The ask's future goes to mapAsyncUnordered as
   * it is, which unwraps it without a thread hop; a dependent stage on it ({@code handle}) would
   * run on the common pool for every tick (DESIGN.md, measured facts). A failed ask (timeout,
   * persistence down) is counted and dropped; the stream goes on.
   */
  static Flow<Tick, SymbolEntity.UpdateResult, NotUsed> delivery(
      Function<Tick, CompletionStage<SymbolEntity.UpdateResult>> update,
      ProviderStats.Counters counters,
      int parallelism) {
    return Flow.of(Tick.class)
        .mapAsyncUnordered(parallelism, update::apply)
        .withAttributes(
            ActorAttributes.withSupervisionStrategy(
                error -> {
                  counters.error();
                  return Supervision.resume();
                }))
        .map(
            result -> {
              if (result instanceof SymbolEntity.Accepted accepted) {
                counters.accepted(accepted.quote().lastUpdated());
              } else {
                counters.rejected(((SymbolEntity.Rejected) result).rejection().code());
              }
              return result;
            });
  }
}
