package io.priceengine.http.limits;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per rejected request (status, code, method, path, remote address), at most {@link
 * #MAX_LINES} per {@link #WINDOW} (10 s), then one line counting the rest, so that a flood of
 * hostile requests cannot flood the log. Never the query string (it may hold a {@code ?token=}),
 * never a header, never a stack trace: rejecting bad input is no error of ours.
 */
public final class RejectedInputLog {
  static final int MAX_LINES = 20;
  static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int MAX_PATH = 120;
  private static final Logger log = LoggerFactory.getLogger(RejectedInputLog.class);
  private static final RejectedInputLog SHARED =
      new RejectedInputLog(MAX_LINES, WINDOW, System::nanoTime);

  private final int maxLines;
  private final Duration window;
  private final LongSupplier nanoClock;
  private long windowStart;
  private int logged;
  private long suppressed;

  RejectedInputLog(int maxLines, Duration window, LongSupplier nanoClock) {
    this.maxLines = maxLines;
    this.window = window;
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  /** The log of this JVM; Akka also reports parse failures, from outside any route, to it. */
  public static RejectedInputLog shared() {
    return SHARED;
  }

  public void rejected(int status, String code, String method, String path, String remote) {
    long suppressedBefore;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      suppressedBefore = 0;
      if (now - windowStart > window.toNanos()) {
        suppressedBefore = suppressed;
        windowStart = now;
        logged = 0;
        suppressed = 0;
      }
      if (logged >= maxLines) {
        suppressed++;
        return;
      }
      logged++;
    }
    if (suppressedBefore > 0) {
      log.warn(
          "rejected input: {} more requests rejected in the previous {} s, not logged",
          suppressedBefore,
          window.toSeconds());
    }
    log.warn(
        "rejected input: status={} code={} method={} path={} remote={}",
        status,
        code,
        printable(method),
        printable(path),
        remote);
  }

  /** No control characters (no forged log lines) and a bounded length. */
  public static String printable(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PATH));
    for (int i = 0; i < text.length() && out.length() < MAX_PATH; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > MAX_PATH ? out + "…" : out.toString();
  }
}
