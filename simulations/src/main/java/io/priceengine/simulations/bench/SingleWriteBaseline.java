package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The database-centred write path the engine is compared with (docs/benchmarks.md, section 2): for
 * each tick one JDBC transaction that inserts the history row and updates the master row, at full
 * speed with the engine run's concurrency, against the engine's own PostgreSQL and tables. Its
 * symbols ({@code W0000}...) are apart from the engine's, so the two never touch the same rows.
 */
public final class SingleWriteBaseline {

  static final List<Options.Option> OPTIONS =
      List.of(
          Options.JDBC_URL,
          Options.JDBC_USER,
          new Options.Option("symbols", "BENCH_SYMBOLS", "1000", "distinct symbols W0000, ..."),
          new Options.Option("concurrency", "BENCH_CONCURRENCY", "32", "connections writing"),
          new Options.Option("warmup", "BENCH_WARMUP", "5", "warm-up seconds, not counted"),
          new Options.Option("duration", "BENCH_DURATION", "60", "measured seconds"),
          Options.OUTPUT);

  private static final String INSERT_HISTORY =
      "INSERT INTO realtime_price_history (symbol, history_id, price, volume, source_timestamp,"
          + " fetched_at, provider_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String UPSERT_MASTER =
      "INSERT INTO realtime_symbols (symbol, current_price, last_updated, provider_id, volume,"
          + " latest_history_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (symbol) DO UPDATE SET"
          + " current_price = EXCLUDED.current_price, last_updated = EXCLUDED.last_updated,"
          + " volume = EXCLUDED.volume, latest_history_id = EXCLUDED.latest_history_id,"
          + " updated_at = now()";

  private SingleWriteBaseline() {}

  public static void main(String[] args) throws Exception {
    Options options = BenchMain.options("SingleWriteBaseline", OPTIONS, args);
    String jdbcUrl = options.required("jdbcUrl");
    int symbols = options.wholeNumber("symbols", 1, 10_000);
    int concurrency = options.wholeNumber("concurrency", 1, 90);
    Duration warmUp = Duration.ofSeconds(options.wholeNumber("warmup", 0, 3600));
    Duration duration = Duration.ofSeconds(options.wholeNumber("duration", 1, 3600));
    Path output = options.reportPath("output", "baseline-write.json");

    int providerId;
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl, options.required("user"), "");
        ResultSet push =
            connection
                .createStatement()
                .executeQuery("SELECT id FROM market_data_providers WHERE code = 'push'")) {
      if (!push.next()) throw new IllegalStateException("no provider 'push' in " + jdbcUrl);
      providerId = push.getInt(1);
    }
    AtomicLongArray historyIds = new AtomicLongArray(symbols);
    AtomicLong committed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + duration.toNanos();
    long[] countedAt = new long[2];
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Thread writer =
          Machine.daemonThreads("single-write")
              .newThread(
                  () ->
                      write(
                          jdbcUrl,
                          options.required("user"),
                          providerId,
                          historyIds,
                          end,
                          committed,
                          failed));
      writers.add(writer);
      writer.start();
    }
    Waits.sleepUntil(measureFrom);
    countedAt[0] = committed.get();
    Waits.sleepUntil(end);
    countedAt[1] = committed.get();
    for (Thread writer : writers) writer.join(Duration.ofSeconds(30).toMillis());

    double perSecond = (countedAt[1] - countedAt[0]) / (duration.toNanos() / 1e9);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "single-write baseline");
    report.put("method", "per tick one JDBC transaction: INSERT history row + upsert master row");
    report.put("symbols", symbols);
    report.put("concurrency", concurrency);
    report.put("warmUpSeconds", warmUp.toSeconds());
    report.put("measuredSeconds", duration.toSeconds());
    report.put("committedTicks", countedAt[1] - countedAt[0]);
    report.put("ticksPerSecond", Math.round(perSecond));
    report.put("failedTransactions", failed.get());
    report.put("loadAverageAfter", Machine.loadAverage());
    BenchReportPath.write(output, report);
    System.out.printf(
        Locale.ROOT,
        "single-write baseline%n  throughput   %,.0f ticks/s committed (%d connections,"
            + " %d failed)%n  report       %s%n",
        perSecond,
        concurrency,
        failed.get(),
        output);
    System.exit(countedAt[1] > countedAt[0] ? 0 : 1);
  }

  private static void write(
      String jdbcUrl,
      String user,
      int providerId,
      AtomicLongArray historyIds,
      long end,
      AtomicLong committed,
      AtomicLong failed) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
        PreparedStatement history = connection.prepareStatement(INSERT_HISTORY);
        PreparedStatement master = connection.prepareStatement(UPSERT_MASTER)) {
      connection.setAutoCommit(false);
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (System.nanoTime() < end) {
        int index = random.nextInt(historyIds.length());
        String symbol = String.format(Locale.ROOT, "W%04d", index);
        long historyId = historyIds.incrementAndGet(index);
        BigDecimal price = BigDecimal.valueOf(10_000 + random.nextInt(10_000), 2);
        Timestamp now = Timestamp.from(Instant.now());
        long volume = random.nextInt(1, 1000);
        try {
          history.setString(1, symbol);
          history.setLong(2, historyId);
          history.setBigDecimal(3, price);
          history.setLong(4, volume);
          history.setTimestamp(5, now);
          history.setTimestamp(6, now);
          history.setInt(7, providerId);
          history.executeUpdate();
          master.setString(1, symbol);
          master.setBigDecimal(2, price);
          master.setTimestamp(3, now);
          master.setInt(4, providerId);
          master.setLong(5, volume);
          master.setLong(6, historyId);
          master.executeUpdate();
          connection.commit();
          committed.incrementAndGet();
        } catch (SQLException e) {
          // not expected (history ids are unique per symbol): counted, and the writer goes on
          failed.incrementAndGet();
          connection.rollback();
        }
      }
    } catch (SQLException e) {
      System.err.println("writer stopped: " + e.getMessage());
    }
  }
}
