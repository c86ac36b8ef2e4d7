package io.priceengine.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real PostgreSQL for tests of any module: one embedded server per test JVM, started on first use
 * and stopped at JVM exit, and a new migrated database on it for each {@link #fresh} call, so tests
 * are isolated without paying a server start each.
 */
public final class TestDatabase {

  /**
   * Unpacked server binaries shared by test JVMs (keyed by archive hash, unpacked atomically), so
   * that only the first test run pays the extraction.
   */
  static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "price-engine-pg-bin");

  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  /**
   * A new, empty, migrated database named after {@code name} (sanitized, with a unique suffix).
   * Closing the handle leaves the shared server running.
   */
  public static Database fresh(String name) {
    EmbeddedDatabase shared = server();
    String database = sanitize(name) + "_" + databases.incrementAndGet();
    shared.createDatabaseIfMissing(database);
    // Opened as an external database: its handle must not stop the shared server.
    return Database.open(
        new DatabaseSettings(
            shared.jdbcUrl(database), shared.user(), shared.password(), Path.of("unused"), 0));
  }

  private static synchronized EmbeddedDatabase server() {
    if (server == null) {
      Path dataDir = createTempDirectory();
      EmbeddedDatabase started = EmbeddedDatabase.start(dataDir, BINARIES, 0);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    // The data is deleted next: skip the shutdown checkpoint, which took up to
                    // 18 s at the end of a suite and made surefire kill the fork.
                    started.discard();
                    deleteTree(dataDir);
                  },
                  "test-postgres-stop"));
      server = started;
    }
    return server;
  }

  private static String sanitize(String name) {
    String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String identifier = plain.matches("[a-z].*") ? plain : "t_" + plain;
    // PostgreSQL truncates identifiers at 63 bytes; leave room for the suffix.
    return identifier.substring(0, Math.min(identifier.length(), 50));
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("price-engine-test-db-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: a leftover temp directory is harmless
    }
  }
}
