package io.priceengine.http.limits;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per rejected request (status, code, method, path, remote address) or refused tick,
 * at most {@link #MAX_LINES} per {@link #WINDOW} (10 s), then one line counting the rest, so that a
 * flood of hostile requests cannot flood the log. Never the query string (it may hold a {@code
 * ?token=}), never a header, never a stack trace: rejecting bad input is no error of ours.
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
    rejected(status, () -> code, method, path, remote);
  }

  /**
   * As above, with the code worked out only for a line that is written: a flood of rejected
   * requests costs a counter increment each, not the code's extraction.
   */
  public void rejected(
      int status, Supplier<String> code, String method, String path, String remote) {
    if (admit()) {
      log.warn(
          "rejected input: status={} code={} method={} path={} remote={}",
          status,
          code.get(),
          printable(method),
          printable(path),
          remote);
    }
  }

  /**
   * A tick refused inside an accepted batch (the request got 200 with a {@code rejected} entry), or
   * refused by a provider: logged within the same budget as rejected requests. The message is the
   * rejection's own, which names at most a symbol or a field, never a token.
   */
  public void rejectedTick(String code, String provider, String message) {
    if (admit()) {
      log.warn(
          "rejected input: tick code={} provider={} message={}",
          code,
          printable(provider),
          printable(message));
    }
  }

  /** Whether this rejection may be logged; logs the count of the previous window's suppressed. */
  private boolean admit() {
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
        return false;
      }
      logged++;
    }
    if (suppressedBefore > 0) {
      log.warn(
          "rejected input: {} more rejections in the previous {} s, not logged",
          suppressedBefore,
          window.toSeconds());
    }
    return true;
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
