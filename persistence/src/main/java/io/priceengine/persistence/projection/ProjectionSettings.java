package io.priceengine.persistence.projection;

import com.typesafe.config.Config;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.engine.symbol.SymbolSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Settings of the price projection ({@code price-engine.projection}, plus the number of tag slices
 * of {@code price-engine.symbol} and the trading sessions that name the daily rows): how big a
 * transaction gets and how a failed instance restarts.
 */
public record ProjectionSettings(
    int tagSlices,
    int groupSize,
    Duration groupWithin,
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    SessionCalendar sessions) {

  public static ProjectionSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.projection");
    return new ProjectionSettings(
        SymbolSettings.fromConfig(config).tagSlices(),
        c.getInt("group-after-envelopes"),
        c.getDuration("group-after-duration"),
        c.getDuration("restart-backoff.min"),
        c.getDuration("restart-backoff.max"),
        c.getDouble("restart-backoff.random-factor"),
        SessionCalendar.fromConfig(config));
  }

  /** The tags the projection reads, one instance each: prices-0 .. prices-(N-1). */
  public List<String> tags() {
    return IntStream.range(0, tagSlices).mapToObj(SymbolSettings::tag).toList();
  }
}
