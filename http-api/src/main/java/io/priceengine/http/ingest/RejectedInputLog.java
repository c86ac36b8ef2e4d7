package io.priceengine.http.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of refused ingest input, rate-limited so that a misbehaving client cannot flood it: the
 * first refusal of each window is logged in full, the others only counted, and the counts by code
 * are logged with the next refusal after the window. Lines are {@code key=value} so that log tools
 * can parse them; tokens and request bodies are never logged (the detail is the rejection's own
 * message, which names at most a symbol or a field).
 */
final class RejectedInputLog {
  private static final Logger log = LoggerFactory.getLogger(RejectedInputLog.class);
  static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int MAX_MESSAGE = 200;

  private final Clock clock;
  private Instant windowStart = Instant.MIN;
  private final Map<String, Integer> suppressed = new TreeMap<>();

  RejectedInputLog(Clock clock) {
    this.clock = clock;
  }

  synchronized void rejected(String code, String provider, String message) {
    Instant now = clock.instant();
    if (now.isBefore(windowStart.plus(WINDOW))) {
      suppressed.merge(code, 1, Integer::sum);
      return;
    }
    if (!suppressed.isEmpty()) {
      log.info(
          "rejected_input_summary window_seconds={} suppressed={}",
          WINDOW.toSeconds(),
          suppressed);
      suppressed.clear();
    }
    windowStart = now;
    log.info(
        "rejected_input code={} provider={} message=\"{}\"", code, provider, printable(message));
  }

  /** The message names client input: no line breaks or control characters, quotes escaped. */
  static String printable(String message) {
    String shortened =
        message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    StringBuilder out = new StringBuilder(shortened.length());
    shortened.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append('?');
              } else if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
