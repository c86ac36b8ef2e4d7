package io.priceengine.engine.symbol;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the symbol entities ({@code price-engine.symbol}).
 *
 * @param snapshotEvery events between snapshots, so recovery replays at most this many
 * @param tagSlices how many tags events are spread over; the projection runs one instance per tag
 * @param askTimeout how long a caller waits for an entity (persisting included) before giving up
 * @param maxGroupTicks at most this many ticks in one journal event of a symbol
 * @param sessions the trading sessions whose statistics the entities derive
 */
public record SymbolSettings(
    int snapshotEvery,
    int tagSlices,
    Duration askTimeout,
    int maxGroupTicks,
    SessionCalendar sessions) {

  public static SymbolSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.symbol");
    return new SymbolSettings(
        c.getInt("snapshot-every"),
        c.getInt("tag-slices"),
        c.getDuration("ask-timeout"),
        c.getInt("max-group-ticks"),
        SessionCalendar.fromConfig(config));
  }

  public String tagFor(String symbol) {
    return tag(Math.floorMod(symbol.hashCode(), tagSlices));
  }

  public static String tag(int slice) {
    return "prices-" + slice;
  }
}
