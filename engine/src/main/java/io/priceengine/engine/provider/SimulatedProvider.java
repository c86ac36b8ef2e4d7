package io.priceengine.engine.provider;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import com.typesafe.config.Config;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo and load-test feed: a geometric random walk per symbol, over the shipped universe of large
 * caps plus every symbol onboarded through the API, minus delisted ones. The symbols take turns
 * ({@link SimulatedRotation}), so a healthy run keeps every quote fresh.
 */
public final class SimulatedProvider implements PriceProvider {
  public static final String CODE = "simulated";

  private static final Logger log = LoggerFactory.getLogger(SimulatedProvider.class);

  /** One line of the universe file: a symbol, its company and the walk's starting price. */
  public record Seed(String symbol, String companyName, BigDecimal startPrice) {}

  /**
   * {@code price-engine.providers.simulated}, and the provider's {@code stale-after} from the
   * catalog (how often each symbol must be priced to stay fresh).
   */
  public record Settings(
      int ticksPerSecond,
      long seed,
      double volatility,
      String universeResource,
      Duration staleAfter) {
    public static Settings fromConfig(Config config) {
      Config c = config.getConfig("price-engine.providers.simulated");
      Duration staleAfter =
          ProviderCatalog.fromConfig(config)
              .find(CODE)
              .map(ProviderSpec::staleAfter)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "provider " + CODE + " has no entry in price-engine.providers.catalog"));
      return new Settings(
          c.getInt("ticks-per-second"),
          c.getLong("seed"),
          c.getDouble("volatility"),
          c.getString("universe"),
          staleAfter);
    }

    /** Symbols per batch: the rate spread over ten batches a second, at least one. */
    int perBatch() {
      return Math.max(1, ticksPerSecond / 10);
    }
  }

  private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);
  private static final BigDecimal DEFAULT_START = new BigDecimal("100.00");
  private static final BigDecimal MIN_PRICE = new BigDecimal("0.01");

  private final Settings settings;
  private final SymbolUniverse universe;
  private final Clock clock;
  private final Map<String, Seed> seeds;
  private final RandomWalk walk;
  private final SimulatedRotation rotation;
  private int symbolsChecked = -1;
  private boolean tooManyToKeepFresh;

  public SimulatedProvider(Settings settings, SymbolUniverse universe, Clock clock) {
    this.settings = settings;
    this.universe = universe;
    this.clock = clock;
    this.seeds = loadSeeds(settings.universeResource());
    long seed = settings.seed() == 0 ? System.nanoTime() : settings.seed();
    Random random = new Random(seed);
    this.walk = new RandomWalk(random, settings.volatility());
    this.rotation = new SimulatedRotation(random);
  }

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Source<Tick, NotUsed> ticks() {
    int perBatch = settings.perBatch();
    return Source.tick(Duration.ZERO, BATCH_INTERVAL, NotUsed.getInstance())
        .mapConcat(ignored -> nextBatch(perBatch))
        .mapMaterializedValue(cancellable -> NotUsed.getInstance());
  }

  /** The next {@code count} ticks: the symbols whose turn it is, newly covered ones first. */
  List<Tick> nextBatch(int count) {
    List<String> symbols = coveredSymbols();
    warnIfTooManyToKeepFresh(symbols.size(), count);
    List<Tick> batch = new ArrayList<>(count);
    for (String symbol : rotation.next(symbols, count)) {
      batch.add(walk.step(symbol, startOf(symbol), companyOf(symbol), clock.instant()));
    }
    return batch;
  }

  /**
   * Once each time the universe grows beyond what the configured rate can keep fresh: quotes would
   * then turn stale between ticks, which should not pass for a failing feed.
   */
  private void warnIfTooManyToKeepFresh(int symbols, int perBatch) {
    if (symbols == symbolsChecked) {
      return;
    }
    symbolsChecked = symbols;
    Duration gap = SimulatedRotation.longestGap(symbols, perBatch, BATCH_INTERVAL);
    boolean tooMany = symbols > 0 && gap.compareTo(settings.staleAfter()) >= 0;
    if (tooMany && !tooManyToKeepFresh) {
      int needed =
          SimulatedRotation.perBatchNeeded(symbols, settings.staleAfter(), BATCH_INTERVAL) * 10;
      log.warn(
          "simulated provider: {} symbols at {} ticks/s get a tick every {} ms, not within the"
              + " {} ms stale-after of provider {}; their quotes will show stale between ticks"
              + " (PRICE_ENGINE_SIMULATED_TICKS_PER_SECOND >= {} keeps them fresh)",
          symbols,
          perBatch * 10,
          gap.toMillis(),
          settings.staleAfter().toMillis(),
          CODE,
          needed);
    }
    tooManyToKeepFresh = tooMany;
  }

  List<String> coveredSymbols() {
    Map<String, Listing> listings = universe.listings();
    List<String> covered = new ArrayList<>();
    for (String symbol : seeds.keySet()) {
      if (!universe.isInactive(symbol)) {
        covered.add(symbol);
      }
    }
    for (Listing listing : listings.values()) {
      if (listing.active() && !seeds.containsKey(listing.symbol())) {
        covered.add(listing.symbol());
      }
    }
    return covered;
  }

  private BigDecimal startOf(String symbol) {
    Seed seed = seeds.get(symbol);
    return seed == null ? DEFAULT_START : seed.startPrice();
  }

  private String companyOf(String symbol) {
    Seed seed = seeds.get(symbol);
    return seed == null ? null : seed.companyName();
  }

  /** Reads {@code symbol,companyName,startPrice} lines (header first) from the classpath. */
  public static Map<String, Seed> loadSeeds(String resource) {
    InputStream in = SimulatedProvider.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("universe resource not found: " + resource);
    }
    Map<String, Seed> seeds = new LinkedHashMap<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",");
        seeds.put(
            fields[0].trim(),
            new Seed(fields[0].trim(), fields[1].trim(), new BigDecimal(fields[2].trim())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return seeds;
  }

  /**
   * Geometric Brownian steps per symbol with a daily open/high/low and a cumulative volume. Used by
   * one stream at a time (a restarted stream continues the same walk).
   */
  private static final class RandomWalk {
    private record Day(
        BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal last, long volume) {}

    private final Random random;
    private final double volatility;
    private final Map<String, Day> days = new HashMap<>();

    RandomWalk(Random random, double volatility) {
      this.random = random;
      this.volatility = volatility;
    }

    Tick step(String symbol, BigDecimal start, String companyName, Instant now) {
      Day day = days.computeIfAbsent(symbol, s -> new Day(start, start, start, start, 0));
      double factor = Math.exp(volatility * random.nextGaussian() - volatility * volatility / 2);
      BigDecimal price =
          day.last()
              .multiply(BigDecimal.valueOf(factor))
              .setScale(2, RoundingMode.HALF_EVEN)
              .max(MIN_PRICE);
      Day next =
          new Day(
              day.open(),
              day.high().max(price),
              day.low().min(price),
              price,
              day.volume() + 1 + random.nextInt(500));
      days.put(symbol, next);
      return Tick.of(
          symbol,
          price,
          next.volume(),
          next.open(),
          next.high(),
          next.low(),
          start,
          now,
          CODE,
          companyName);
    }
  }
}
