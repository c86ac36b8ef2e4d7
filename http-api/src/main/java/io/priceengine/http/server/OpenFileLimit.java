package io.priceengine.http.server;

import com.sun.management.UnixOperatingSystemMXBean;
import com.typesafe.config.Config;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection is an open file: when the process's open-file limit is below what the HTTP
 * server is configured to accept, connections fail with "too many open files" long before the
 * configured caps refuse them cleanly. Checked once at start, with the remedy in the warning
 * (docs/operations.md, "Connections and open files").
 */
public final class OpenFileLimit {
  private static final Logger log = LoggerFactory.getLogger(OpenFileLimit.class);

  /** Files the node needs besides its HTTP connections: jars, database pools, cluster, logs. */
  static final long RESERVED = 256;

  private OpenFileLimit() {}

  /** Warns when the limit is lower than {@code akka.http.server.max-connections} plus the rest. */
  public static void check(Config config) {
    long connections = config.getLong("akka.http.server.max-connections");
    OptionalLong limit = limit();
    if (limit.isPresent() && limit.getAsLong() < connections + RESERVED) {
      log.warn(
          "open-file limit {} is below akka.http.server.max-connections ({}) + {}: the node may"
              + " fail with 'too many open files' before its caps refuse connections cleanly;"
              + " raise it (ulimit -n {}, or LimitNOFILE= in a systemd unit; docs/operations.md)",
          limit.getAsLong(),
          connections,
          RESERVED,
          connections + RESERVED);
    }
  }

  /** The process's open-file limit, where the platform tells it. */
  static OptionalLong limit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix
        ? OptionalLong.of(unix.getMaxFileDescriptorCount())
        : OptionalLong.empty();
  }
}
