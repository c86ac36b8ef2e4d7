package io.priceengine.engine.provider.replay;

import akka.NotUsed;
import akka.actor.ClassicActorSystemProvider;
import akka.japi.Pair;
import akka.pattern.Patterns;
import akka.stream.javadsl.Source;
import io.priceengine.engine.provider.PriceProvider;
import io.priceengine.engine.provider.ProviderContext;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays ticks from a CSV file (see {@link ReplayLine}) at a speed factor. Before emitting it asks
 * each symbol's entity for the source timestamp of its current quote and skips every tick at or
 * before it, so a restarted replay (of the stream or of the whole node) continues where the
 * entities are and never replays a tick twice. Delisted symbols are skipped as they go by.
 */
public final class ReplayProvider implements PriceProvider {
  public static final String CODE = "replay";
  private static final Logger log = LoggerFactory.getLogger(ReplayProvider.class);
  private static final Duration TIMER_RESOLUTION = Duration.ofMillis(5);

  private final ReplaySettings settings;
  private final SymbolUniverse universe;
  private final Function<String, CompletionStage<Optional<Instant>>> lastSourceTimestamp;
  private final ProviderErrors errors;
  private final ClassicActorSystemProvider system;
  private final Clock clock;

  /**
   * @param lastSourceTimestamp the source timestamp of a symbol's current quote, empty without one
   */
  public ReplayProvider(
      ReplaySettings settings,
      SymbolUniverse universe,
      Function<String, CompletionStage<Optional<Instant>>> lastSourceTimestamp,
      ProviderErrors errors,
      ClassicActorSystemProvider system,
      Clock clock) {
    this.settings = settings;
    this.universe = universe;
    this.lastSourceTimestamp = lastSourceTimestamp;
    this.errors = errors;
    this.system = system;
    this.clock = clock;
  }

  public static ReplayProvider create(ProviderContext context) {
    return new ReplayProvider(
        ReplaySettings.fromConfig(context.config()),
        context.universe(),
        symbol -> context.entities().quote(symbol).thenApply(q -> q.map(Quote::sourceTimestamp)),
        new ProviderErrors(CODE, context.counters(), context.clock()),
        context.system(),
        context.clock());
  }

  @Override
  public String code() {
    return CODE;
  }

  /**
   * The replay, then nothing: a finished replay idles instead of completing, because a completed
   * provider is restarted (which here would only re-read the file to skip all of it).
   */
  @Override
  public Source<Tick, NotUsed> ticks() {
    return replayOnce().concat(Source.never());
  }

  /** The file once: first the resume points of its symbols, then the ticks after them. */
  Source<Tick, NotUsed> replayOnce() {
    return ReplayFile.lines(settings.file())
        .fold(new HashSet<String>(), ReplayProvider::addSymbol)
        .flatMapConcat(this::resumePoints)
        .flatMapConcat(this::ticksAfter);
  }

  private static HashSet<String> addSymbol(HashSet<String> symbols, String line) {
    ReplayLine.symbolOf(line).ifPresent(symbols::add);
    return symbols;
  }

  /** Each symbol's last source timestamp, for the symbols of the file that have a quote. */
  private Source<Map<String, Instant>, NotUsed> resumePoints(Set<String> symbols) {
    return Source.from(symbols)
        .mapAsyncUnordered(
            settings.resumeParallelism(),
            symbol ->
                lastSourceTimestamp.apply(symbol).thenApply(last -> Pair.create(symbol, last)))
        .fold(new HashMap<String, Instant>(), ReplayProvider::addResumePoint)
        .map(Map::copyOf);
  }

  private static HashMap<String, Instant> addResumePoint(
      HashMap<String, Instant> points, Pair<String, Optional<Instant>> last) {
    last.second().ifPresent(at -> points.put(last.first(), at));
    return points;
  }

  private Source<Tick, NotUsed> ticksAfter(Map<String, Instant> resume) {
    AtomicLong emitted = new AtomicLong();
    AtomicLong alreadyIngested = new AtomicLong();
    if (!resume.isEmpty()) {
      log.info(
          "replay of {} resumes after the current quotes of {} symbol(s)",
          settings.file(),
          resume.size());
    }
    Source<Tick, NotUsed> fresh =
        validTicks()
            .filter(
                tick -> {
                  Instant last = resume.get(tick.symbol());
                  boolean isNew = last == null || tick.sourceTimestamp().isAfter(last);
                  if (!isNew) {
                    alreadyIngested.incrementAndGet();
                  }
                  return isNew;
                });
    Source<Tick, NotUsed> paced = settings.unpaced() ? fresh : paced(fresh);
    return paced
        .filter(tick -> !universe.isInactive(tick.symbol()))
        .map(
            tick -> {
              emitted.incrementAndGet();
              return tick;
            })
        .concatLazy(
            Source.lazySource(
                () -> {
                  log.info(
                      "replay of {} finished: {} tick(s) sent, {} already ingested before",
                      settings.file(),
                      emitted.get(),
                      alreadyIngested.get());
                  return Source.<Tick>empty();
                }));
  }

  private Source<Tick, NotUsed> paced(Source<Tick, NotUsed> ticks) {
    ReplayPacing pacing = new ReplayPacing(settings.speed(), clock);
    return ticks.mapAsync(
        1,
        tick -> {
          Duration delay = pacing.delayFor(tick.sourceTimestamp());
          return delay.compareTo(TIMER_RESOLUTION) < 0
              ? CompletableFuture.completedFuture(tick)
              : Patterns.after(delay, system, () -> CompletableFuture.completedFuture(tick));
        });
  }

  /** The ticks of the file; malformed lines are reported and skipped. */
  private Source<Tick, NotUsed> validTicks() {
    return ReplayFile.lines(settings.file())
        .zipWithIndex()
        .map(line -> ReplayLine.parse(line.first(), line.second() == 0))
        .mapConcat(
            line -> {
              if (line instanceof ReplayLine.Price price) {
                return List.of(price.tick());
              }
              if (line instanceof ReplayLine.Malformed bad) {
                errors.report(bad.kind(), bad.line());
              }
              return List.of();
            });
  }
}
