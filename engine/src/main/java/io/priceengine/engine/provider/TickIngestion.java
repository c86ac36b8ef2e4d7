package io.priceengine.engine.provider;

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
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.ingest.Ingestion;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link PriceProvider} into the symbol entities: a backpressured stream that gathers ticks
 * into batches (up to {@code batch-size}, or whatever came within {@code batch-window}) and hands
 * each to {@link Ingestion}, the one way in, with a bounded number of batches in flight. Batches
 * complete out of order, so one slow symbol holds up only its own ticks (until the ask timeout).
 * The stream is restarted with backoff when the provider fails or completes.
 */
public final class TickIngestion {
  private static final Logger log = LoggerFactory.getLogger(TickIngestion.class);

  /** {@code price-engine.providers.ingest}. */
  public record Settings(
      int batchSize,
      Duration batchWindow,
      int batchesInFlight,
      Duration minBackoff,
      Duration maxBackoff) {
    public static Settings fromConfig(Config config) {
      Config c = config.getConfig("price-engine.providers.ingest");
      return new Settings(
          c.getInt("batch-size"),
          c.getDuration("batch-window"),
          c.getInt("batches-in-flight"),
          c.getDuration("min-backoff"),
          c.getDuration("max-backoff"));
    }
  }

  private TickIngestion() {}

  /** Starts the provider; the returned switch stops it (in-flight ticks still complete). */
  public static UniqueKillSwitch run(
      ActorSystem<?> system,
      PriceProvider provider,
      Ingestion ingestion,
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
        .via(delivery(batch -> ingestion.deliver(batch, Ingestion.Attempts.ONCE), settings))
        .toMat(Sink.ignore(), Keep.left())
        .withAttributes(ActorAttributes.dispatcher(SymbolEntity.INGEST_DISPATCHER))
        .run(system);
  }

  /**
   * Batches ticks and delivers each batch; the results come out one per tick. {@link Ingestion}
   * counts them and never fails a batch; should {@code deliver} fail anyway, the batch is dropped
   * and the stream goes on.
   */
  static Flow<Tick, SymbolEntity.UpdateResult, NotUsed> delivery(
      Function<List<Tick>, CompletionStage<List<SymbolEntity.UpdateResult>>> deliver,
      Settings settings) {
    return Flow.of(Tick.class)
        .groupedWithin(settings.batchSize(), settings.batchWindow())
        .mapAsyncUnordered(settings.batchesInFlight(), deliver::apply)
        .withAttributes(
            ActorAttributes.withSupervisionStrategy(
                error -> {
                  log.warn("a batch of ticks was not delivered: {}", error.toString());
                  return Supervision.resume();
                }))
        .mapConcat(results -> results);
  }
}
