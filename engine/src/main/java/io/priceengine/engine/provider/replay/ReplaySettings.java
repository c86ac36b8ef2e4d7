package io.priceengine.engine.provider.replay;

import com.typesafe.config.Config;

/**
 * {@code price-engine.providers.replay}.
 *
 * @param file a path, or {@code classpath:NAME} for a resource; {@code .gz} files are gunzipped
 * @param speed how many times faster than the file's own clock; infinite for as fast as possible
 * @param resumeParallelism entities asked at once for their last source timestamp at start
 */
public record ReplaySettings(String file, double speed, int resumeParallelism) {
  public static final String MAX_SPEED = "max";

  public static ReplaySettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.providers.replay");
    return new ReplaySettings(
        c.getString("file"), parseSpeed(c.getString("speed")), c.getInt("resume-parallelism"));
  }

  /** {@code max}, or a positive factor such as {@code 1}, {@code 10} or {@code 0.5}. */
  static double parseSpeed(String raw) {
    String speed = raw.trim();
    if (speed.equalsIgnoreCase(MAX_SPEED)) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double factor = Double.parseDouble(speed);
      if (factor > 0 && Double.isFinite(factor)) {
        return factor;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "PRICE_ENGINE_REPLAY_SPEED must be a positive number or max, not: " + raw);
  }

  /** No pacing: ticks go out as fast as the engine takes them. */
  public boolean unpaced() {
    return speed == Double.POSITIVE_INFINITY;
  }
}
